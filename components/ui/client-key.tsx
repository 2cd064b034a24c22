"use client";
import { useEffect, useRef } from "react";
import type { ActionResult } from "@/lib/safe-action";
import { useActionForm, type FormAction } from "@/components/ui/action-form";

// An add form's idempotency key (as components/student/note-forms.tsx): one per filled-in form,
// made at its first submit and sent by every resubmit (a double click, a retry) until a save
// resets the form, so the row is stored once. Made on submit, not at render: the server render
// cannot know it. An add form takes useKeyedActionForm and renders <ClientKeyField />.

/** A random key; crypto.randomUUID needs a secure context, getRandomValues does not. */
export function newClientKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Returns a function that writes the form's key into its clientKey field; call it in onSubmit. */
export function useClientKey(state: ActionResult<unknown> | null): (form: HTMLFormElement) => void {
  const key = useRef<string | null>(null);
  useEffect(() => {
    if (state?.ok) key.current = null;
  }, [state]);
  return (form) => {
    key.current ??= newClientKey();
    (form.elements.namedItem("clientKey") as HTMLInputElement).value = key.current;
  };
}

/** The hidden field useClientKey writes the key into. */
export function ClientKeyField() {
  return <input type="hidden" name="clientKey" defaultValue="" />;
}

/**
 * An add form bound to its action (useActionForm): reset after a save, and each submit sends the
 * form's key first. `adding` false (a form with a mode, editing a row by its version): no key and
 * no reset, so a refused edit keeps what was typed.
 */
export function useKeyedActionForm(action: FormAction, adding = true) {
  const f = useActionForm(action, { resetOnSuccess: adding });
  const writeKey = useClientKey(f.state);
  return {
    ...f,
    onSubmit(e: React.FormEvent<HTMLFormElement>) {
      if (adding) writeKey(e.currentTarget);
      f.onSubmit(e);
    },
  };
}
