"use client";
import { useEffect, useState } from "react";
import { useActionForm } from "@/components/ui/action-form";
import { FocusMessage } from "@/components/ui/focus-message";
import { ReviewStep } from "@/components/ui/review-step";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { changeStatusAction } from "@/lib/students/actions";
import { REENGAGE_HINT, STATUS_CHANGE_LABELS } from "@/lib/students/schema";

type Kind = keyof typeof STATUS_CHANGE_LABELS;
const option = (k: Kind) => ({ value: k, label: STATUS_CHANGE_LABELS[k] });

/**
 * Status change in two steps: fill in, then confirm (the server also requires confirmed=yes).
 * `choices`: the changes the server allows now (lib/students/status.ts statusChoices), or none and
 * why. A re-engagement ends on an active counselor's caseload (lib/reengagement/reengage.ts):
 * `counselors` null keeps `counselorName`; otherwise one of them must be chosen.
 */
export function StatusForm({
  studentId,
  version,
  studentName,
  today,
  choices,
  counselors,
  counselorName,
}: {
  studentId: string;
  version: number;
  studentName: string;
  today: string;
  choices: { kinds: Kind[]; none: string | null };
  counselors: { id: string; name: string }[] | null;
  counselorName: string | null;
}) {
  const f = useActionForm(changeStatusAction);
  const [kind, setKind] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [counselorId, setCounselorId] = useState("");
  // The choices change with the status just written: start again from none.
  /* eslint-disable react-hooks/set-state-in-effect -- the reset follows the action's outcome */
  useEffect(() => {
    if (f.state?.ok) {
      setKind("");
      setCounselorId("");
    }
  }, [f.state]);
  /* eslint-enable react-hooks/set-state-in-effect */
  const kinds = choices.kinds.map(option);
  const returning = choices.kinds.includes("REENGAGED");
  const label = kinds.find((k) => k.value === kind)?.label ?? "";
  const takes = counselors === null ? counselorName : counselors.find((c) => c.id === counselorId)?.name;
  if (kinds.length === 0) {
    return (
      <div className="mt-2">
        <FocusMessage state={f.state} />
        <p className="text-sm text-slate-700">{choices.none}</p>
      </div>
    );
  }
  return (
    <form
      ref={f.ref}
      action={f.action}
      onSubmit={(e) => {
        f.onSubmit(e);
        setConfirming(false);
      }}
      noValidate
      aria-label="Change enrollment status"
      className="mt-2"
    >
      <FocusMessage state={f.state} />
      <input type="hidden" name="studentId" value={studentId} />
      <input type="hidden" name="version" value={version} />
      <div className="grid gap-x-4 md:grid-cols-3">
        <SelectField
          label="New status"
          name="kind"
          placeholder="Choose…"
          options={kinds}
          hint={returning ? REENGAGE_HINT : undefined}
          value={kind}
          onChange={(e) => {
            setKind(e.target.value);
            setConfirming(false);
          }}
          error={f.errorFor("kind")}
        />
        <Field label="Effective date" name="effectiveDate" type="date" defaultValue={today} max={today} error={f.errorFor("effectiveDate")} />
        {kind === "REENGAGED" && counselors !== null && (
          <SelectField
            label="Counselor"
            name="counselorId"
            placeholder="Choose…"
            value={counselorId}
            onChange={(e) => {
              setCounselorId(e.target.value);
              setConfirming(false);
            }}
            hint={counselors.length ? "The student has no active counselor at the school: choose who takes them" : "The school has no active counselor: add one before re-engaging"}
            options={counselors.map((c) => ({ value: c.id, label: c.name }))}
            error={f.errorFor("counselorId")}
          />
        )}
        {kind === "GRADUATED" && (
          <SelectField
            label="Credential"
            name="credential"
            placeholder="Choose…"
            options={[
              { value: "REGULAR_DIPLOMA", label: "Regular diploma" },
              { value: "CERTIFICATE", label: "Certificate / other (not a regular diploma)" },
            ]}
            error={f.errorFor("credential")}
          />
        )}
        {kind === "DROPPED_OUT" && <Field label="Reason" name="reason" maxLength={500} error={f.errorFor("reason")} />}
        {kind === "TRANSFERRED_OUT" && (
          <SelectField
            label="Documented transfer?"
            name="documented"
            placeholder="Choose…"
            hint="Official written proof of enrollment elsewhere"
            options={[
              { value: "yes", label: "Yes, documented" },
              { value: "no", label: "No, not documented" },
            ]}
            error={f.errorFor("documented")}
          />
        )}
      </div>
      <ReviewStep
        confirming={confirming}
        onReview={() => setConfirming(true)}
        onCancel={() => setConfirming(false)}
        canReview={!!kind}
        pending={f.pending}
        id="confirm-status"
        review="Review status change"
        confirm="Confirm status change"
      >
        {kind === "REENGAGED" ? (
          <>
            Re-engage {studentName}: enrolled again{takes ? <>, on {takes}&apos;s caseload and Today list</> : null}?
          </>
        ) : (
          <>
            Change {studentName}&apos;s status to “{label}”?
          </>
        )}{" "}
        This is recorded in the status history.
      </ReviewStep>
    </form>
  );
}
