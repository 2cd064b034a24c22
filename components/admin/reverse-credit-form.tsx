"use client";
import { useActionForm, FormMessage } from "@/components/ui/action-form";
import { Field } from "@/components/ui/field";
import { reverseCreditAction } from "@/lib/enrollments/credit-review-actions";

/** Reverse one credit awarded below the passing grade: a required reason, then one audited write. */
export function ReverseCreditForm({ enrollmentId, version, label }: { enrollmentId: string; version: number; label: string }) {
  const f = useActionForm(reverseCreditAction);
  return (
    <form action={f.action} onSubmit={f.onSubmit} noValidate aria-label={`Reverse credit: ${label}`} className="min-w-56">
      <FormMessage state={f.state} />
      <input type="hidden" name="enrollmentId" value={enrollmentId} />
      <input type="hidden" name="version" value={version} />
      <Field label="Reason" name="reason" maxLength={500} required hint="Kept on the enrollment and in the audit log" error={f.errorFor("reason")} />
      <button type="submit" disabled={f.pending} className="rounded border border-red-700 px-3 py-1 font-semibold text-red-800 hover:bg-red-50 disabled:opacity-60">
        {f.pending ? "Reversing…" : "Reverse credit"}
      </button>
    </form>
  );
}
