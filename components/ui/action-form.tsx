"use client";
import { startTransition, useActionState, useEffect, useMemo, useRef } from "react";
import type { ActionResult } from "@/lib/safe-action";
import { serverActionOf } from "@/components/ui/no-script";

// A form bound to a server action (prev, FormData) → ActionResult, submitted without React's
// automatic reset, so a refused submission keeps what the user typed; reset only on success.
// Put both on the form: `action={f.action} onSubmit={f.onSubmit}`. Once hydrated, onSubmit
// prevents the default and React leaves the action alone (react-dom's FormActionEventPlugin skips
// an action whose submit event was default-prevented). Before hydration, or with JavaScript off,
// the browser POSTs the form to the server action: useActionState's dispatch of a server action is
// progressively enhanced, and the page comes back with the action's outcome in `state`.

export type FormAction = (prev: ActionResult<unknown> | null, form: FormData) => Promise<ActionResult<unknown>>;

export function useActionForm(action: FormAction, opts: { resetOnSuccess?: boolean } = {}) {
  const [state, dispatch, pending] = useActionState(action, null);
  const ref = useRef<HTMLFormElement>(null);
  // A wrapper made in the browser cannot be posted: post its server action (no outcome is shown
  // without JavaScript then, but the write is made and the page shows the changed record).
  const inner = serverActionOf(action);
  const formAction = useMemo(() => (inner ? (inner.bind(null, null) as (form: FormData) => Promise<unknown>) : dispatch), [inner, dispatch]);
  useEffect(() => {
    if (state?.ok && opts.resetOnSuccess) ref.current?.reset();
  }, [state, opts.resetOnSuccess]);
  return {
    ref,
    state,
    pending,
    /** The form's `action`: what a submit before hydration posts (see above). */
    action: formAction as (form: FormData) => void,
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
