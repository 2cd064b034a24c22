"use client";
import { ClientKeyField, useKeyedActionForm } from "@/components/ui/client-key";
import { useEffect, useState } from "react";
import { useActionForm, type FormAction } from "@/components/ui/action-form";
import { FocusMessage, useOutlivingAction } from "@/components/ui/focus-message";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { TextareaField } from "@/components/ui/textarea-field";
import { bulkContactAction, bulkPlanAction, bulkReassignAction } from "@/lib/caseload/actions";
import { CONTACT_METHODS, CONTACT_METHOD_LABELS, CONTACT_OUTCOMES, CONTACT_OUTCOME_LABELS, TEXT_MAX } from "@/lib/family/schema";
import { GOAL_MAX, PLAN_METRICS, PLAN_METRIC_LABELS, PLAN_TYPES, PLAN_TYPE_LABELS, TIER_LABELS, type PlanMetric } from "@/lib/plans/schema";

// The caseload's bulk forms beyond the note (issue 16): a family contact and a plan for every
// ticked student, and (administrators) moving them to one counselor. Each sends the ticked ids as
// hidden fields; its outcome takes focus (FocusMessage) and says what happened. A success is shown
// in the page's OutcomeSlot (app/(app)/caseload/page.tsx): the action may change the rows listed
// (a student moved off a counselor's view, a contact taking one off "no contact"), which starts
// the selection, and so these forms, afresh; a refusal stays on the form.

type Option = { value: string; label: string };
const options = <K extends string>(keys: readonly K[], labels: Record<K, string>) => keys.map((k) => ({ value: k, label: labels[k] }));
export const BULK_BUTTON = "min-h-6 rounded bg-blue-800 px-4 py-1.5 font-semibold text-white hover:bg-blue-900 disabled:opacity-60";
const plural = (n: number) => `${n} ${n === 1 ? "student" : "students"}`;

const Ids = ({ ids }: { ids: string[] }) => ids.map((id) => <input key={id} type="hidden" name="studentId" value={id} />);

type Form = ReturnType<typeof useActionForm>;

/**
 * A bulk form: its outcome (`shown`: useOutlivingAction's `local`, a refusal), busy while it runs,
 * then its fields. An add form (a contact, a plan) also carries the ticked ids and its key.
 */
function BulkFrame({ f, shown, label, className = "mt-2 max-w-2xl", children }: { f: Form; shown: Form["state"]; label: string; className?: string; children: React.ReactNode }) {
  return (
    <form ref={f.ref} action={f.action} onSubmit={f.onSubmit} noValidate aria-label={label} aria-busy={f.pending} className={className}>
      <FocusMessage state={shown} />
      {children}
    </form>
  );
}

/** An add for each ticked student: one key per filled-in form, so a double submit writes once. */
function useBulkAdd(action: FormAction) {
  const o = useOutlivingAction(action);
  const f = useKeyedActionForm(o.action);
  return { f, shown: o.local(f.state) };
}

/** A family contact logged once for each ticked student; "with whom" is typed (a guardian is one student's). */
export function BulkContactForm({ ids, today }: { ids: string[]; today: string }) {
  const { f, shown } = useBulkAdd(bulkContactAction);
  const n = plural(ids.length);
  return (
    <BulkFrame f={f} shown={shown} label="Log a family contact for the selected students">
      <Ids ids={ids} />
      <ClientKeyField />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field label="With whom" name="withWhom" hint='e.g. "parents", "the family"' autoComplete="off" error={f.errorFor("withWhom")} />
        <SelectField label="How" name="method" placeholder="Choose…" options={options(CONTACT_METHODS, CONTACT_METHOD_LABELS)} defaultValue="" error={f.errorFor("method")} />
        <SelectField
          label="Outcome"
          name="outcome"
          placeholder="Choose…"
          options={options(CONTACT_OUTCOMES, CONTACT_OUTCOME_LABELS)}
          defaultValue=""
          error={f.errorFor("outcome")}
        />
        <Field label="Day" name="occurredOn" type="date" max={today} defaultValue={today} error={f.errorFor("occurredOn")} />
      </div>
      <TextareaField label="Summary" name="summary" rows={3} maxLength={TEXT_MAX + 500} hint="The same summary is logged for each student" error={f.errorFor("summary")} />
      <TextareaField label="Next step" name="nextStep" rows={2} maxLength={TEXT_MAX + 500} hint="Optional" error={f.errorFor("nextStep")} />
      <button type="submit" disabled={f.pending} className={BULK_BUTTON}>
        {f.pending ? "Logging…" : `Log contact for ${n}`}
      </button>
    </BulkFrame>
  );
}

const TARGET_LABEL: Partial<Record<PlanMetric, string>> = {
  ATTENDANCE_RATE: "Attendance rate to reach (%)",
  CREDITS_EARNED: "Credits earned to reach",
  SUSPENSIONS: "Most suspensions this year",
};
/** Not "an online course on pace": that target is one student's enrollment (lib/caseload/schema.ts). */
const METRICS = PLAN_METRICS.filter((m) => m !== "COURSE_ON_PACE");

/** The same plan started for each ticked student, owned by the viewer unless another owner is chosen. */
export function BulkPlanForm({ ids, owners, today, followUp }: { ids: string[]; owners: Option[]; today: string; followUp: string }) {
  const { f, shown } = useBulkAdd(bulkPlanAction);
  const [metric, setMetric] = useState<PlanMetric>("ATTENDANCE_RATE");
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the reset follows the action's outcome
    if (f.state?.ok) setMetric("ATTENDANCE_RATE");
  }, [f.state]);
  const label = TARGET_LABEL[metric];
  return (
    <BulkFrame f={f} shown={shown} label="Start a plan for the selected students">
      <Ids ids={ids} />
      <ClientKeyField />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <SelectField label="Kind of plan" name="type" placeholder="Choose…" options={options(PLAN_TYPES, PLAN_TYPE_LABELS)} defaultValue="" error={f.errorFor("type")} />
        <SelectField label="Tier" name="tier" options={[1, 2, 3].map((t) => ({ value: String(t), label: TIER_LABELS[t] }))} defaultValue="2" error={f.errorFor("tier")} />
      </div>
      <TextareaField label="Goal" name="goal" rows={2} maxLength={GOAL_MAX + 100} hint="The same goal for each student, in words the family can read" error={f.errorFor("goal")} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <SelectField
          label="How the goal is measured"
          name="metric"
          hint="An online course's pace is set on one student's page"
          options={METRICS.map((m) => ({ value: m, label: PLAN_METRIC_LABELS[m] }))}
          value={metric}
          onChange={(e) => setMetric(e.target.value as PlanMetric)}
          error={f.errorFor("metric")}
        />
        {label && <Field key={metric} label={label} name="targetValue" inputMode="decimal" error={f.errorFor("targetValue")} />}
      </div>
      <Field
        label={metric === "OTHER" ? "Measurable target" : "Target details (optional)"}
        name="targetText"
        hint={metric === "OTHER" ? "e.g. Turns in every homework assignment for 4 weeks" : "e.g. by the end of the semester"}
        error={f.errorFor("targetText")}
      />
      <div className="grid gap-x-4 sm:grid-cols-3">
        <SelectField label="Owner" name="ownerId" options={owners} defaultValue={owners[0]?.value} error={f.errorFor("ownerId")} />
        <Field label="Start date" name="startDate" type="date" defaultValue={today} error={f.errorFor("startDate")} />
        <Field label="Next follow-up" name="nextFollowUp" type="date" defaultValue={followUp} error={f.errorFor("nextFollowUp")} />
      </div>
      <button type="submit" disabled={f.pending} className={BULK_BUTTON}>
        {f.pending ? "Starting…" : `Start plan for ${plural(ids.length)}`}
      </button>
    </BulkFrame>
  );
}

/**
 * Administrators: the ticked students, each at the version the page showed, to one active
 * counselor (lib/users/reassign.ts reassignStudents). Counselors grouped by school when several.
 */
export function BulkReassignForm({ ids, versions, counselors }: { ids: string[]; versions: Record<string, number>; counselors: { id: string; name: string; school: string }[] }) {
  const o = useOutlivingAction(bulkReassignAction);
  const f = useActionForm(o.action, { resetOnSuccess: true });
  const schools = [...new Set(counselors.map((c) => c.school))];
  const byName = (c: { id: string; name: string }) => ({ value: c.id, label: c.name });
  return (
    <BulkFrame f={f} shown={o.local(f.state)} label="Move the selected students to another counselor" className="mt-2 max-w-xl">
      {ids.map((id) => (
        <input key={id} type="hidden" name="students" value={`${id}:${versions[id] ?? 0}`} />
      ))}
      <SelectField
        label="Move to counselor"
        name="toId"
        placeholder={counselors.length ? "Choose…" : "No active counselor at these schools"}
        options={schools.length > 1 ? [] : counselors.map(byName)}
        groups={schools.length > 1 ? schools.map((s) => ({ label: s, options: counselors.filter((c) => c.school === s).map(byName) })) : []}
        defaultValue=""
        hint="Only an active counselor of the students' own school can take them. The move is kept when the roster is imported again."
        error={f.errorFor("toId") ?? f.errorFor("students")}
        className="max-w-sm"
      />
      <button type="submit" disabled={f.pending} className={BULK_BUTTON}>
        {f.pending ? "Moving…" : `Move ${plural(ids.length)}`}
      </button>
    </BulkFrame>
  );
}
