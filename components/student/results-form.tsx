"use client";
import { useActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { FocusMessage } from "@/components/ui/focus-message";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { recordResultsAction } from "@/lib/enrollments/actions";

type Assessment = { id: string; position: number; title: string; kind: string; maxScore: number; mastered: boolean };

/** Record one or several results for an enrollment: one date, a score box per assessment (blank = not taken). */
export function RecordResultsForm({
  enrollmentId,
  version,
  assessments,
  today,
  courseTitle,
}: {
  enrollmentId: string;
  version: number;
  assessments: Assessment[];
  today: string;
  courseTitle: string;
}) {
  const f = useActionForm(recordResultsAction, { resetOnSuccess: true });
  return (
    <form ref={f.ref} action={f.action} onSubmit={f.onSubmit} noValidate aria-label={`Record results for ${courseTitle}`} className="mt-2">
      <FocusMessage state={f.state} />
      <input type="hidden" name="enrollmentId" value={enrollmentId} />
      <input type="hidden" name="version" value={version} />
      <div className="grid max-w-xl gap-x-4 sm:grid-cols-2">
        <Field label="Date taken" name="takenOn" type="date" defaultValue={today} max={today} error={f.errorFor("takenOn")} />
        <SelectField
          label="Proctored"
          name="proctored"
          placeholder="Not stated"
          hint="Was a proctor present for these attempts? The district's rigor policy may require it for summatives."
          options={[
            { value: "yes", label: "Yes, proctored" },
            { value: "no", label: "No, not proctored" },
          ]}
          error={f.errorFor("proctored")}
        />
      </div>
      {f.errorFor("scores") && (
        <p role="alert" className="mb-2 text-sm text-red-700">
          {f.errorFor("scores")![0]}
        </p>
      )}
      <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-3">
        {assessments.map((a) => (
          <Field
            key={a.id}
            label={`${a.position}. ${a.title} score (of ${a.maxScore})`}
            hint={`${a.kind === "SUMMATIVE" ? "Summative" : "Formative"}${a.mastered ? " · mastered" : ""}`}
            name={`score_${a.id}`}
            inputMode="decimal"
            error={f.errorFor(`score_${a.id}`)}
          />
        ))}
      </div>
      <button type="submit" disabled={f.pending} className={buttonClass("primary", "sm")}>
        {f.pending ? "Saving…" : "Save results"}
      </button>
    </form>
  );
}
