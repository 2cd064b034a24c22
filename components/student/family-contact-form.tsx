"use client";
import { ClientKeyField, useKeyedActionForm } from "@/components/ui/client-key";
import { buttonClass } from "@/components/ui/button";
import { FocusMessage } from "@/components/ui/focus-message";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { TextareaField } from "@/components/ui/textarea-field";
import { addContactAction } from "@/lib/family/actions";
import { CONTACT_METHODS, CONTACT_METHOD_LABELS, CONTACT_OUTCOMES, CONTACT_OUTCOME_LABELS, TEXT_MAX } from "@/lib/family/schema";

const methods = CONTACT_METHODS.map((m) => ({ value: m, label: CONTACT_METHOD_LABELS[m] }));
const outcomes = CONTACT_OUTCOMES.map((o) => ({ value: o, label: CONTACT_OUTCOME_LABELS[o] }));

/**
 * Log a contact with the family: a guardian (their flags in the option's words) or someone typed
 * in. One idempotency key per filled-in form, as the note form (components/student/note-forms.tsx).
 */
export function ContactForm({ studentId, today, guardians }: { studentId: string; today: string; guardians: { id: string; label: string }[] }) {
  const f = useKeyedActionForm(addContactAction);
  return (
    <form ref={f.ref} action={f.action} onSubmit={f.onSubmit} noValidate aria-label="Log a family contact" className="mt-2">
      <FocusMessage state={f.state} />
      <input type="hidden" name="studentId" value={studentId} />
      <ClientKeyField />
      <div className="grid gap-x-4 sm:grid-cols-2">
        {guardians.length > 0 && (
          <SelectField
            label="With a guardian"
            name="guardianId"
            placeholder="Someone else (type below)"
            options={guardians.map((g) => ({ value: g.id, label: g.label }))}
            defaultValue=""
            error={f.errorFor("guardianId")}
          />
        )}
        <Field label={guardians.length > 0 ? "Or with whom" : "With whom"} name="withWhom" hint='e.g. "the student", "aunt"' autoComplete="off" error={f.errorFor("withWhom")} />
        <SelectField label="How" name="method" placeholder="Choose…" options={methods} defaultValue="" error={f.errorFor("method")} />
        <SelectField label="Outcome" name="outcome" placeholder="Choose…" options={outcomes} defaultValue="" error={f.errorFor("outcome")} />
        <Field label="Day" name="occurredOn" type="date" max={today} defaultValue={today} error={f.errorFor("occurredOn")} />
      </div>
      <TextareaField label="Summary" name="summary" rows={3} maxLength={TEXT_MAX + 500} error={f.errorFor("summary")} />
      <TextareaField label="Next step" name="nextStep" rows={2} maxLength={TEXT_MAX + 500} hint="Optional" error={f.errorFor("nextStep")} />
      <label className="mb-3 flex min-h-6 items-center gap-2 text-sm">
        <input type="checkbox" name="familyInitiated" className="size-5 shrink-0" />
        <span>The family contacted us (allowed even when a guardian is marked do-not-contact)</span>
      </label>
      <button type="submit" disabled={f.pending} className={buttonClass("primary", "sm")}>
        Log contact
      </button>
    </form>
  );
}
