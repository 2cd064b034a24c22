"use client";
import { useEffect, useState } from "react";
import { useActionForm } from "@/components/ui/action-form";
import { FocusMessage } from "@/components/ui/focus-message";
import { ClientKeyField, useKeyedActionForm } from "@/components/ui/client-key";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { TextareaField } from "@/components/ui/textarea-field";
import { addCheckInAction, closePlanAction, createPlanAction, editPlanAction } from "@/lib/plans/actions";
import {
  CLOSE_OUTCOMES,
  GOAL_MAX,
  NOTE_MAX,
  PLAN_METRICS,
  PLAN_METRIC_LABELS,
  PLAN_PROGRESS,
  PLAN_PROGRESS_LABELS,
  PLAN_STATUS_LABELS,
  PLAN_TYPES,
  PLAN_TYPE_LABELS,
  TIER_LABELS,
  type PlanMetric,
} from "@/lib/plans/schema";

// The plan forms of the student page: start or edit a plan (one form with a mode), add a check-in,
// close a plan. After a save, focus moves to the message saying what happened (issue 16).

const options = <K extends string>(keys: readonly K[], labels: Record<K, string>) => keys.map((k) => ({ value: k, label: labels[k] }));
const BUTTON = "min-h-6 rounded bg-blue-800 px-4 py-1.5 font-semibold text-white hover:bg-blue-900 disabled:opacity-60";

export type Option = { value: string; label: string };
export type PlanValues = {
  id: string;
  version: number;
  type: string;
  tier: number;
  goal: string;
  metric: PlanMetric;
  targetValue: number | null;
  targetEnrollmentId: string | null;
  targetText: string;
  ownerId: string;
  startDate: string;
  nextFollowUp: string | null;
};

const TARGET_LABEL: Partial<Record<PlanMetric, string>> = {
  ATTENDANCE_RATE: "Attendance rate to reach (%)",
  CREDITS_EARNED: "Credits earned to reach",
  SUSPENSIONS: "Most suspensions this year",
};

/** Start a plan for a student, or edit an active one (names the version it read). */
export function PlanForm(props: { owners: Option[]; courses: Option[]; today: string; followUp: string } & ({ studentId: string; ownerId: string } | { plan: PlanValues })) {
  const editing = "plan" in props;
  const p = editing ? props.plan : null;
  const f = useKeyedActionForm(editing ? editPlanAction : createPlanAction, !editing);
  const [metric, setMetric] = useState<PlanMetric>(p?.metric ?? "ATTENDANCE_RATE");
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the reset follows the action's outcome
    if (f.state?.ok && !editing) setMetric("ATTENDANCE_RATE");
  }, [f.state, editing]);
  const label = TARGET_LABEL[metric];
  return (
    <form ref={f.ref} action={f.action} onSubmit={f.onSubmit} noValidate aria-label={editing ? "Edit plan" : "Start a plan"} className="mt-2">
      <FocusMessage state={f.state} />
      {editing ? (
        <>
          <input type="hidden" name="planId" value={p!.id} />
          <input type="hidden" name="version" value={p!.version} />
        </>
      ) : (
        <>
          <input type="hidden" name="studentId" value={props.studentId} />
          <ClientKeyField />
        </>
      )}
      <div className="grid gap-x-4 sm:grid-cols-2">
        <SelectField
          label="Kind of plan"
          name="type"
          placeholder="Choose…"
          options={options(PLAN_TYPES, PLAN_TYPE_LABELS)}
          defaultValue={p?.type ?? ""}
          error={f.errorFor("type")}
        />
        <SelectField
          label="Tier"
          name="tier"
          options={[1, 2, 3].map((t) => ({ value: String(t), label: TIER_LABELS[t] }))}
          defaultValue={String(p?.tier ?? 2)}
          error={f.errorFor("tier")}
        />
      </div>
      <TextareaField
        label="Goal"
        name="goal"
        rows={2}
        maxLength={GOAL_MAX + 100}
        hint="What the student will do, in words the family can read"
        defaultValue={p?.goal}
        error={f.errorFor("goal")}
      />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <SelectField
          label="How the goal is measured"
          name="metric"
          options={options(PLAN_METRICS, PLAN_METRIC_LABELS)}
          value={metric}
          onChange={(e) => setMetric(e.target.value as PlanMetric)}
          error={f.errorFor("metric")}
        />
        {label && (
          <Field
            key={metric}
            label={label}
            name="targetValue"
            inputMode="decimal"
            defaultValue={p?.metric === metric ? (p.targetValue ?? "") : ""}
            error={f.errorFor("targetValue")}
          />
        )}
        {metric === "COURSE_ON_PACE" && (
          <SelectField
            label="Online course"
            name="targetEnrollmentId"
            placeholder={props.courses.length ? "Choose…" : "No online course on the record"}
            options={props.courses}
            defaultValue={p?.targetEnrollmentId ?? ""}
            error={f.errorFor("targetEnrollmentId")}
          />
        )}
      </div>
      <Field
        label={metric === "OTHER" ? "Measurable target" : "Target details (optional)"}
        name="targetText"
        hint={metric === "OTHER" ? "e.g. Turns in every homework assignment for 4 weeks" : "e.g. by the end of the semester"}
        defaultValue={p?.targetText}
        error={f.errorFor("targetText")}
      />
      <div className="grid gap-x-4 sm:grid-cols-3">
        <SelectField label="Owner" name="ownerId" options={props.owners} defaultValue={p?.ownerId ?? ("ownerId" in props ? props.ownerId : "")} error={f.errorFor("ownerId")} />
        <Field label="Start date" name="startDate" type="date" defaultValue={p?.startDate ?? props.today} error={f.errorFor("startDate")} />
        <Field label="Next follow-up" name="nextFollowUp" type="date" defaultValue={p?.nextFollowUp ?? props.followUp} error={f.errorFor("nextFollowUp")} />
      </div>
      <button type="submit" disabled={f.pending} className={BUTTON}>
        {editing ? "Save plan" : "Start plan"}
      </button>
    </form>
  );
}

/** A check-in on an active plan; a next follow-up date, when given, moves the plan's. */
export function CheckInForm({ planId, today }: { planId: string; today: string }) {
  // One key per filled-in form, so a double submit stores the check-in once (lib/plans/plans.ts addCheckIn).
  const f = useKeyedActionForm(addCheckInAction);
  return (
    <form ref={f.ref} action={f.action} onSubmit={f.onSubmit} noValidate aria-label="Add a check-in" className="mt-2">
      <FocusMessage state={f.state} />
      <input type="hidden" name="planId" value={planId} />
      <ClientKeyField />
      <div className="grid gap-x-4 sm:grid-cols-3">
        <Field label="Date" name="date" type="date" defaultValue={today} error={f.errorFor("date")} />
        <SelectField label="Progress toward the goal" name="progress" placeholder="Choose…" options={options(PLAN_PROGRESS, PLAN_PROGRESS_LABELS)} error={f.errorFor("progress")} />
        <Field label="Next follow-up" name="nextFollowUp" type="date" hint="Blank keeps the current date" error={f.errorFor("nextFollowUp")} />
      </div>
      <TextareaField label="What happened" name="note" rows={2} maxLength={NOTE_MAX + 1000} error={f.errorFor("note")} />
      <button type="submit" disabled={f.pending} className={BUTTON}>
        Add check-in
      </button>
    </form>
  );
}

/**
 * Close a plan as met, not met or discontinued (with the reason). Rendered for closed plans too:
 * the form is replaced by its confirmation, which keeps focus after the plan moves down the page.
 */
export function ClosePlanForm({ planId, version, today, active }: { planId: string; version: number; today: string; active: boolean }) {
  const f = useActionForm(closePlanAction);
  if (!active) return f.state?.ok ? <FocusMessage state={f.state} /> : null;
  return (
    <details className="mt-2">
      <summary className="cursor-pointer font-medium text-blue-800 underline">Close this plan</summary>
      <form ref={f.ref} action={f.action} onSubmit={f.onSubmit} noValidate aria-label="Close the plan" className="mt-2">
        <FocusMessage state={f.state} />
        <input type="hidden" name="planId" value={planId} />
        <input type="hidden" name="version" value={version} />
        <div className="grid gap-x-4 sm:grid-cols-2">
          <SelectField
            label="Outcome"
            name="outcome"
            placeholder="Choose…"
            options={CLOSE_OUTCOMES.map((o) => ({ value: o, label: PLAN_STATUS_LABELS[o] }))}
            error={f.errorFor("outcome")}
          />
          <Field label="Closed on" name="closedOn" type="date" defaultValue={today} error={f.errorFor("closedOn")} />
        </div>
        <TextareaField label="Reason" name="reason" rows={2} hint="Required when discontinued" error={f.errorFor("reason")} />
        <button type="submit" disabled={f.pending} className={BUTTON}>
          Close plan
        </button>
      </form>
    </details>
  );
}
