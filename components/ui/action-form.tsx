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

/**
 * The form's outcome: the one confirmation component (components/ui/focus-message.tsx), which
 * takes focus when an outcome arrives. Kept under this name for the forms that import it here.
 */
export { FocusMessage as FormMessage } from "@/components/ui/focus-message";
