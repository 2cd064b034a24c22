"use client";
import { useState } from "react";
import { useActionForm, type FormAction } from "@/components/ui/action-form";
import { FocusMessage } from "@/components/ui/focus-message";
import type { ActionResult } from "@/lib/safe-action";

type Props = {
  action: FormAction;
  /** The form's accessible name, e.g. "Deactivate Luis Delgado". */
  label: string;
  /** The first button, e.g. "Deactivate". */
  button: string;
  /** What the confirmation asks, e.g. "Deactivate Luis Delgado?". */
  question: string;
  /** The confirming button, e.g. "Yes, deactivate". */
  confirm: string;
  /** Hidden fields sent with the action (confirmed=yes is always sent). */
  fields: Record<string, string>;
  /** Visible fields chosen before the confirmation (a role and school), given their field errors. */
  children?: (errorFor: (name: string) => string[] | undefined) => React.ReactNode;
  /** Submitting again after a success would repeat nothing useful: reset the visible fields. */
  resetOnSuccess?: boolean;
  /** What the form shows of an outcome itself (useOutlivingAction's `local`: the page shows a success). */
  local?: (s: ActionResult<unknown> | null) => ActionResult<unknown> | null;
};

/**
 * A consequential action in two steps: the button asks, the confirmation submits (staff
 * deactivation, two-factor reset, signing someone out everywhere). Focus moves to the confirming
 * button the click revealed, since the button pressed is gone; after the action, to its outcome.
 */
export function ConfirmForm({ action, label, button, question, confirm, fields, children, resetOnSuccess, local = (s) => s }: Props) {
  const f = useActionForm(action, { resetOnSuccess });
  const [asking, setAsking] = useState(false);
  return (
    <form
      ref={f.ref}
      action={f.action}
      onSubmit={(e) => {
        setAsking(false);
        f.onSubmit(e);
      }}
      aria-label={label}
      className="text-sm"
    >
      <FocusMessage state={local(f.state)} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <input type="hidden" name="confirmed" value="yes" />
      {children?.(f.errorFor)}
      {asking ? (
        <span className="flex flex-wrap items-center gap-2">
          <span>{question}</span>
          <button type="submit" autoFocus disabled={f.pending} className="rounded bg-red-800 px-3 py-1 font-semibold text-white disabled:opacity-60">
            {confirm}
          </button>
          <button type="button" onClick={() => setAsking(false)} className="rounded border border-slate-400 px-3 py-1">
            Cancel
          </button>
        </span>
      ) : (
        <button type="button" onClick={() => setAsking(true)} className="rounded border border-slate-400 px-3 py-1 hover:bg-slate-100">
          {button}
        </button>
      )}
    </form>
  );
}
