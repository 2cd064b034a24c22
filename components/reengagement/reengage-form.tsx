"use client";
import Link from "next/link";
import { useState } from "react";
import { useActionForm } from "@/components/ui/action-form";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { reengageAction } from "@/lib/reengagement/actions";
import { FocusMessage } from "@/components/ui/focus-message";

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
      {!confirming ? (
        <button
          type="button"
          onClick={() => setConfirming(true)}
          disabled={!counselor}
          className="rounded border border-slate-500 px-4 py-1.5 font-semibold hover:bg-slate-50 disabled:opacity-50"
        >
          Review re-engagement
        </button>
      ) : (
        <div role="alertdialog" aria-labelledby={`confirm-${studentId}`} className="rounded border border-amber-400 bg-amber-50 p-3">
          <p id={`confirm-${studentId}`} className="font-medium">
            Re-engage {studentName}: enrolled again and on {name}&apos;s caseload? This is recorded in the status history.
          </p>
          <input type="hidden" name="confirmed" value="yes" />
          <div className="mt-2 flex flex-wrap gap-3">
            <button type="submit" disabled={f.pending} className="rounded bg-amber-800 px-4 py-1.5 font-semibold text-white hover:bg-amber-900">
              Confirm re-engagement
            </button>
            <button type="button" onClick={() => setConfirming(false)} className="rounded border border-slate-500 px-4 py-1.5">
              Cancel
            </button>
          </div>
        </div>
      )}
    </form>
  );
}
