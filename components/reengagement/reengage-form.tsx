"use client";
import Link from "next/link";
import { useState } from "react";
import { useActionForm } from "@/components/ui/action-form";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { reengageAction } from "@/lib/reengagement/actions";
import { FocusMessage } from "@/components/ui/focus-message";
import { ReviewStep } from "@/components/ui/review-step";

/**
 * Re-engage in two steps (the server also requires confirmed=yes): choose the counselor and the
 * date, then confirm. Once done, the form gives way to its confirmation (the student leaves the
 * list on the next visit) with a link to the student.
 */
export function ReengageForm(props: { studentId: string; version: number; studentName: string; today: string; counselors: { id: string; name: string }[] }) {
  const { studentId, version, studentName, today, counselors } = props;
  const f = useActionForm(reengageAction);
  const [counselor, setCounselor] = useState("");
  const [confirming, setConfirming] = useState(false);
  if (f.state?.ok) {
    return (
      <FocusMessage state={f.state}>
        <p className="mt-1">
          <Link href={`/students/${studentId}`} className="underline">
            Open {studentName}&apos;s record
          </Link>
        </p>
      </FocusMessage>
    );
  }
  if (counselors.length === 0) return <p className="mt-2 text-sm">The school has no active counselor to assign: add one on the Staff page first.</p>;
  const name = counselors.find((c) => c.id === counselor)?.name;
  return (
    <form
      ref={f.ref}
      action={f.action}
      onSubmit={(e) => {
        f.onSubmit(e);
        setConfirming(false);
      }}
      noValidate
      aria-label={`Re-engage ${studentName}`}
      className="mt-2"
    >
      <FocusMessage state={f.state} />
      <input type="hidden" name="studentId" value={studentId} />
      <input type="hidden" name="version" value={version} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <SelectField
          label="Counselor"
          name="counselorId"
          placeholder="Choose…"
          hint="The student goes on this counselor's caseload"
          options={counselors.map((c) => ({ value: c.id, label: c.name }))}
          value={counselor}
          onChange={(e) => {
            setCounselor(e.target.value);
            setConfirming(false);
          }}
          error={f.errorFor("counselorId")}
        />
        <Field label="Re-enrolled on" name="effectiveDate" type="date" defaultValue={today} max={today} error={f.errorFor("effectiveDate")} />
      </div>
      <ReviewStep
        confirming={confirming}
        onReview={() => setConfirming(true)}
        onCancel={() => setConfirming(false)}
        canReview={!!counselor}
        pending={f.pending}
        id={`confirm-${studentId}`}
        review="Review re-engagement"
        confirm="Confirm re-engagement"
      >
        Re-engage {studentName}: enrolled again and on {name}&apos;s caseload? This is recorded in the status history.
      </ReviewStep>
    </form>
  );
}
