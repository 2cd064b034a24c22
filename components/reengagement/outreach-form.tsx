"use client";
import { ClientKeyField, useKeyedActionForm } from "@/components/ui/client-key";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { TextareaField } from "@/components/ui/textarea-field";
import { logOutreachAction } from "@/lib/reengagement/actions";
import { CONTACT_METHODS, CONTACT_OUTCOMES, METHOD_LABELS, OUTCOME_LABELS } from "@/lib/reengagement/schema";
import { FocusMessage } from "@/components/ui/focus-message";

/** Log an outreach attempt (a Contact with outreach = true) for one student who left. */
export function OutreachForm({ studentId, studentName, today }: { studentId: string; studentName: string; today: string }) {
  // One key per filled-in form, so a double submit logs the attempt once (lib/reengagement/outreach.ts).
  const f = useKeyedActionForm(logOutreachAction);
  return (
    <form ref={f.ref} action={f.action} onSubmit={f.onSubmit} noValidate aria-label={`Log outreach for ${studentName}`} className="mt-2">
      <FocusMessage state={f.state} />
      <input type="hidden" name="studentId" value={studentId} />
      <ClientKeyField />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field label="With whom" name="withWhom" defaultValue="The student" maxLength={200} error={f.errorFor("withWhom")} />
        <Field label="Day" name="occurredOn" type="date" defaultValue={today} max={today} error={f.errorFor("occurredOn")} />
        <SelectField
          label="Method"
          name="method"
          placeholder="Choose…"
          options={CONTACT_METHODS.map((m) => ({ value: m, label: METHOD_LABELS[m] }))}
          error={f.errorFor("method")}
        />
        <SelectField
          label="Outcome"
          name="outcome"
          placeholder="Choose…"
          options={CONTACT_OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o] }))}
          error={f.errorFor("outcome")}
        />
      </div>
      <TextareaField label="Summary" name="summary" rows={2} maxLength={2000} error={f.errorFor("summary")} />
      <Field label="Next step" name="nextStep" maxLength={500} error={f.errorFor("nextStep")} />
      <button type="submit" disabled={f.pending} className="rounded bg-blue-800 px-4 py-1.5 font-semibold text-white hover:bg-blue-900 disabled:opacity-50">
        Log outreach attempt
      </button>
    </form>
  );
}
