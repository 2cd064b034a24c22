"use client";
import { buttonClass } from "@/components/ui/button";
import { ClientKeyField, useKeyedActionForm } from "@/components/ui/client-key";
import { FocusMessage } from "@/components/ui/focus-message";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { ConfirmForm } from "@/components/ui/confirm-form";
import { addGuardianAction, deleteGuardianAction, editGuardianAction } from "@/lib/family/actions";
import { LANGUAGES, LANGUAGE_LABELS, RELATIONSHIPS, RELATIONSHIP_LABELS } from "@/lib/family/schema";

const relationships = RELATIONSHIPS.map((r) => ({ value: r, label: RELATIONSHIP_LABELS[r] }));
const languages = LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_LABELS[l] === "another language" ? "Other" : LANGUAGE_LABELS[l] }));

export type GuardianFormValues = {
  id: string;
  version: number;
  name: string;
  relationship: string;
  phone: string | null;
  email: string | null;
  preferredLanguage: string;
  noContact: boolean;
  rightsHolder: boolean;
  interpreter: boolean;
};

function Check({ name, label, defaultChecked }: { name: string; label: string; defaultChecked?: boolean }) {
  return (
    <label className="flex min-h-6 items-center gap-2 text-sm">
      <input type="checkbox" name={name} defaultChecked={defaultChecked} className="size-5 shrink-0" />
      <span>{label}</span>
    </label>
  );
}

/** One form with a mode: add a guardian to a student, or edit one (names the version it read). */
export function GuardianForm(props: { studentId: string } | { guardian: GuardianFormValues }) {
  const editing = "guardian" in props;
  const g = editing ? props.guardian : null;
  // Adding: one key per filled-in form, so a double submit stores the guardian once (lib/family/guardians.ts).
  const f = useKeyedActionForm(editing ? editGuardianAction : addGuardianAction, !editing);
  return (
    <form ref={f.ref} action={f.action} onSubmit={f.onSubmit} noValidate aria-label={editing ? `Edit ${g!.name}` : "Add a guardian"} className="mt-2">
      <FocusMessage state={f.state} />
      {g ? (
        <>
          <input type="hidden" name="guardianId" value={g.id} />
          <input type="hidden" name="version" value={g.version} />
        </>
      ) : (
        <>
          <input type="hidden" name="studentId" value={"studentId" in props ? props.studentId : ""} />
          <ClientKeyField />
        </>
      )}
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field label="Name" name="name" autoComplete="off" defaultValue={g?.name} error={f.errorFor("name")} />
        <SelectField
          label="Relationship"
          name="relationship"
          placeholder="Choose…"
          options={relationships}
          defaultValue={g?.relationship ?? ""}
          error={f.errorFor("relationship")}
        />
        <Field label="Phone" name="phone" type="tel" autoComplete="off" defaultValue={g?.phone ?? ""} error={f.errorFor("phone")} />
        <Field label="Email" name="email" type="email" autoComplete="off" defaultValue={g?.email ?? ""} error={f.errorFor("email")} />
        <SelectField label="Preferred language" name="preferredLanguage" options={languages} defaultValue={g?.preferredLanguage ?? "en"} error={f.errorFor("preferredLanguage")} />
      </div>
      <fieldset className="mb-3">
        <legend className="field-label">Before contacting</legend>
        <Check name="noContact" label="Do not contact" defaultChecked={g?.noContact} />
        <Check name="rightsHolder" label="Custody or educational rights holder" defaultChecked={g?.rightsHolder} />
        <Check name="interpreter" label="Needs an interpreter" defaultChecked={g?.interpreter} />
      </fieldset>
      <button type="submit" disabled={f.pending} className={buttonClass("primary", "sm")}>
        {editing ? "Save guardian" : "Add guardian"}
      </button>
    </form>
  );
}

export function DeleteGuardianForm({ guardian }: { guardian: { id: string; version: number; name: string } }) {
  return (
    <ConfirmForm
      action={deleteGuardianAction}
      label={`Delete ${guardian.name}`}
      button="Delete guardian"
      question={`Delete ${guardian.name}? Contacts logged with them keep their name.`}
      confirm="Yes, delete"
      fields={{ guardianId: guardian.id, version: String(guardian.version) }}
    />
  );
}
