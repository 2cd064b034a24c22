"use client";
import { useActionForm, FormMessage } from "@/components/ui/action-form";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { completeAction, endEnrollmentAction } from "@/lib/enrollments/actions";

/** Complete the course (offered once every summative assessment is at mastery): grade + credit in one step. */
export function CompleteForm({ enrollmentId, version, courseTitle, credits }: { enrollmentId: string; version: number; courseTitle: string; credits: number }) {
  const f = useActionForm(completeAction);
  return (
    <form onSubmit={f.onSubmit} aria-label={`Complete ${courseTitle}`} className="mt-3">
      <FormMessage state={f.state} />
      <input type="hidden" name="enrollmentId" value={enrollmentId} />
      <input type="hidden" name="version" value={version} />
      <button type="submit" disabled={f.pending} className="rounded bg-green-800 px-4 py-1.5 font-semibold text-white hover:bg-green-900 disabled:opacity-60">
        {f.pending ? "Completing…" : `Complete course and award ${credits} credit`}
      </button>
    </form>
  );
}

/** Mark a course not passed: failed or withdrawn, with the date and the reason. */
export function EndEnrollmentForm({ enrollmentId, version, courseTitle, today }: { enrollmentId: string; version: number; courseTitle: string; today: string }) {
  const f = useActionForm(endEnrollmentAction);
  return (
    <form onSubmit={f.onSubmit} noValidate aria-label={`End ${courseTitle} without credit`} className="mt-2">
      <FormMessage state={f.state} />
      <input type="hidden" name="enrollmentId" value={enrollmentId} />
      <input type="hidden" name="version" value={version} />
      <div className="grid gap-x-4 md:grid-cols-3">
        <SelectField label="Outcome" name="outcome" placeholder="Choose…" options={[{ value: "FAILED", label: "Failed" }, { value: "WITHDRAWN", label: "Withdrawn" }]} error={f.errorFor("outcome")} />
        <Field label="End date" name="endedOn" type="date" defaultValue={today} error={f.errorFor("endedOn")} />
        <Field label="Reason" name="reason" maxLength={500} error={f.errorFor("reason")} />
      </div>
      <button type="submit" disabled={f.pending} className="rounded border border-red-700 px-4 py-1.5 font-semibold text-red-800 hover:bg-red-50 disabled:opacity-60">
        End without credit
      </button>
    </form>
  );
}
