"use client";
import { useEffect, useId, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { useActionForm } from "@/components/ui/action-form";
import { FocusMessage, useOutlivingAction } from "@/components/ui/focus-message";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { TextareaField } from "@/components/ui/textarea-field";
import { completeAction, endEnrollmentAction } from "@/lib/enrollments/actions";
import { formatNumber } from "@/lib/format-number";
import { creditsText } from "@/lib/students/credits";

/**
 * Complete the course and award its credit, in two steps: the first shows the final grade that will
 * be recorded, the passing grade and the credit; only "Record final grade … and award …" writes,
 * sending the grade the counselor saw (the server refuses if the results now give another).
 *
 * `override`: the district's rigor guardrails the course breaks, where its policy lets an
 * administrator override them: the second step lists them and asks for the written reason.
 */
export function CompleteForm({
  enrollmentId,
  version,
  courseTitle,
  credit,
  override,
}: {
  enrollmentId: string;
  version: number;
  courseTitle: string;
  credit: { finalGrade: number; passingGrade: number; credits: number };
  override?: string[];
}) {
  // Once done the course is no longer active and this form is gone: the page shows what happened.
  const done = useOutlivingAction(completeAction);
  const f = useActionForm(done.action);
  const [confirming, setConfirming] = useState(false);
  const openRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const wasConfirming = useRef(false);
  useEffect(() => {
    // Keyboard users land on the confirm button when the step opens, and back on the first button when it closes.
    if (confirming) confirmRef.current?.focus();
    else if (wasConfirming.current) openRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);
  const grade = formatNumber(credit.finalGrade);
  const award = creditsText(credit.credits);
  return (
    <form action={f.action} onSubmit={f.onSubmit} aria-label={`Complete ${courseTitle}`} className="mt-3">
      <FocusMessage state={done.local(f.state)} />
      <input type="hidden" name="enrollmentId" value={enrollmentId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="finalGrade" value={String(credit.finalGrade)} />
      {!confirming ? (
        <button
          ref={openRef}
          type="button"
          aria-expanded={false}
          aria-controls={panelId}
          onClick={() => setConfirming(true)}
          className="rounded bg-green-800 px-4 py-1.5 font-semibold text-white hover:bg-green-900"
        >
          {override ? `Override the guardrails and award ${award}…` : `Complete course and award ${award}…`}
        </button>
      ) : (
        <div
          id={panelId}
          role="group"
          aria-labelledby={`${panelId}-title`}
          className="max-w-xl rounded border border-green-300 bg-green-50 p-3"
          onKeyDown={(e) => e.key === "Escape" && !f.pending && setConfirming(false)}
        >
          <p id={`${panelId}-title`} className="font-semibold">
            Check before recording: nothing is saved until you confirm.
          </p>
          <dl className="my-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" data-testid="credit-confirm">
            <dt className="muted">Final grade to record</dt>
            <dd className="tabular-nums font-medium">
              {grade}
              {String(Math.round(credit.finalGrade)) !== grade && <span className="font-normal"> (transcript: {Math.round(credit.finalGrade)})</span>}
            </dd>
            <dt className="muted">Passing grade</dt>
            <dd className="tabular-nums">{credit.passingGrade}</dd>
            <dt className="muted">Credit</dt>
            <dd>{award}</dd>
          </dl>
          {override && (
            <>
              <p className="text-sm font-semibold">The course breaks the district&apos;s rigor policy:</p>
              <ul className="mb-2 list-disc pl-5 text-sm">
                {override.map((b) => (
                  <li key={b}>{b}</li>
                ))}
              </ul>
              <TextareaField
                label="Reason for the override (kept on the enrollment and in the audit log)"
                name="overrideReason"
                required
                minLength={10}
                maxLength={500}
                rows={3}
                error={f.errorFor("overrideReason")}
              />
            </>
          )}
          <div className="flex flex-wrap gap-2">
            <button
              ref={confirmRef}
              type="submit"
              disabled={f.pending}
              className="rounded bg-green-800 px-4 py-1.5 font-semibold text-white hover:bg-green-900 disabled:opacity-60"
            >
              {f.pending ? "Recording…" : `${override ? "Override and record" : "Record"} final grade ${grade} and award ${award}`}
            </button>
            <button
              type="button"
              disabled={f.pending}
              onClick={() => setConfirming(false)}
              className="rounded border border-slate-400 bg-white px-4 py-1.5 font-semibold text-slate-800 hover:bg-slate-50 disabled:opacity-60"
            >
              Cancel
            </button>
          </div>
        </div>
      )}
    </form>
  );
}

/** Why the course's credit cannot be awarded yet: the credit rule's reasons, in place of the complete button. */
export function CreditRefusal({
  courseTitle,
  passingGrade,
  masteryThreshold,
  reasons,
  policy = false,
}: {
  courseTitle: string;
  passingGrade: number;
  masteryThreshold: number;
  reasons: string[];
  /** The district's rigor guardrails apply to the course (lib/enrollments/guardrails.ts). */
  policy?: boolean;
}) {
  return (
    <div
      role="note"
      aria-label={`Why credit for ${courseTitle} cannot be awarded yet`}
      className="mt-3 max-w-2xl rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
      data-testid="credit-refusal"
    >
      <p className="font-semibold">Credit cannot be awarded yet</p>
      <p className="muted">
        Credit needs every summative assessment at mastery ({masteryThreshold}%) and a final grade of at least {passingGrade}
        {policy ? ", within the district's rigor policy" : ""}.
      </p>
      <ul className="mt-1 list-disc pl-5">
        {reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
    </div>
  );
}

/** Mark a course not passed: failed or withdrawn, with the date and the reason. */
export function EndEnrollmentForm({ enrollmentId, version, courseTitle, today }: { enrollmentId: string; version: number; courseTitle: string; today: string }) {
  const done = useOutlivingAction(endEnrollmentAction);
  const f = useActionForm(done.action);
  return (
    <form action={f.action} onSubmit={f.onSubmit} noValidate aria-label={`End ${courseTitle} without credit`} className="mt-2">
      <FocusMessage state={done.local(f.state)} />
      <input type="hidden" name="enrollmentId" value={enrollmentId} />
      <input type="hidden" name="version" value={version} />
      <div className="grid gap-x-4 md:grid-cols-3">
        <SelectField
          label="Outcome"
          name="outcome"
          placeholder="Choose…"
          options={[
            { value: "FAILED", label: "Failed" },
            { value: "WITHDRAWN", label: "Withdrawn" },
          ]}
          error={f.errorFor("outcome")}
        />
        <Field label="End date" name="endedOn" type="date" defaultValue={today} error={f.errorFor("endedOn")} />
        <Field label="Reason" name="reason" maxLength={500} error={f.errorFor("reason")} />
      </div>
      <button type="submit" disabled={f.pending} className={buttonClass("dangerOutline", "sm")}>
        End without credit
      </button>
    </form>
  );
}
