"use client";
import { startTransition, useActionState, useEffect, useRef } from "react";
import type { ActionResult } from "@/lib/safe-action";

// A form bound to a server action (prev, FormData) → ActionResult, submitted without React's
// automatic reset, so a refused submission keeps what the user typed; reset only on success.

export type FormAction = (prev: ActionResult<unknown> | null, form: FormData) => Promise<ActionResult<unknown>>;

export function useActionForm(action: FormAction, opts: { resetOnSuccess?: boolean } = {}) {
  const [state, dispatch, pending] = useActionState(action, null);
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok && opts.resetOnSuccess) ref.current?.reset();
  }, [state, opts.resetOnSuccess]);
  return {
    ref,
    state,
    pending,
    onSubmit(e: React.FormEvent<HTMLFormElement>) {
      e.preventDefault();
      const data = new FormData(e.currentTarget);
      startTransition(() => dispatch(data));
    },
    errorFor(name: string): string[] | undefined {
      return state && !state.ok ? state.fieldErrors?.[name] : undefined;
    },
  };
}

/** The form's outcome: an alert when refused, a polite status when saved. */
export function FormMessage({ state }: { state: ActionResult<unknown> | null }) {
  if (!state) return <p role="status" className="sr-only" />;
  if (!state.ok) {
    return (
      <p role="alert" className="mb-3 rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800">
        {state.message}
      </p>
    );
  }
  return state.message ? (
    <p role="status" className="mb-3 rounded border border-green-300 bg-green-50 p-2 text-sm text-green-800">
      {state.message}
    </p>
  ) : null;
}
