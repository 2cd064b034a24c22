"use client";
import { useActionForm } from "@/components/ui/action-form";
import { FocusMessage } from "@/components/ui/focus-message";
import { FieldShell, CONTROL } from "@/components/ui/field";
import { dismissTodayAction, restoreTodayAction } from "@/lib/today/actions";

/**
 * Set one Today entry aside: dismiss this occurrence, or snooze it to a day; a reason is required
 * (it is kept and audited). On success the message takes focus (the entry leaves the list).
 */
export function DismissForm({ studentId, reason, reasonKey, name, snoozeDefault }: { studentId: string; reason: string; reasonKey: string; name: string; snoozeDefault: string }) {
  const f = useActionForm(dismissTodayAction);
  if (f.state?.ok) return <FocusMessage state={f.state} className="mt-2" />;
  return (
    <form ref={f.ref} action={f.action} onSubmit={f.onSubmit} noValidate aria-label={`Set ${name} aside`} className="mt-2">
      <FocusMessage state={f.state} />
      <input type="hidden" name="studentId" value={studentId} />
      <input type="hidden" name="reason" value={reason} />
      <input type="hidden" name="key" value={reasonKey} />
      <fieldset className="mb-3">
        <legend className="field-label">How</legend>
        <label className="flex min-h-6 items-center gap-2 text-sm">
          <input type="radio" name="how" value="snooze" defaultChecked className="size-5" /> Snooze until the day below
        </label>
        <label className="flex min-h-6 items-center gap-2 text-sm">
          <input type="radio" name="how" value="dismiss" className="size-5" /> Dismiss (back only if this changes)
        </label>
      </fieldset>
      <FieldShell label="Back on" error={f.errorFor("until")} className="max-w-xs">
        {(c) => <input {...c} type="date" name="until" defaultValue={snoozeDefault} className={CONTROL} />}
      </FieldShell>
      <FieldShell label="Why" hint="Kept with the entry and in the audit log" error={f.errorFor("note")}>
        {(c) => <input {...c} type="text" name="note" maxLength={600} className={CONTROL} />}
      </FieldShell>
      <button type="submit" disabled={f.pending} className="min-h-6 rounded bg-blue-800 px-4 py-1.5 font-semibold text-white hover:bg-blue-900 disabled:opacity-60">
        Set aside
      </button>
    </form>
  );
}

/** Put a dismissed or snoozed entry back on the list. */
export function RestoreForm({ dismissalId, name }: { dismissalId: string; name: string }) {
  const f = useActionForm(restoreTodayAction);
  if (f.state?.ok) return <FocusMessage state={f.state} className="" />;
  return (
    <form ref={f.ref} action={f.action} onSubmit={f.onSubmit} aria-label={`Put ${name} back`} className="inline-block">
      <FocusMessage state={f.state} />
      <input type="hidden" name="dismissalId" value={dismissalId} />
      <button
        type="submit"
        disabled={f.pending}
        className="min-h-6 rounded border border-blue-800 px-3 py-1 text-sm font-semibold text-blue-800 hover:bg-blue-50 disabled:opacity-60"
      >
        Put back
      </button>
    </form>
  );
}
