"use client";
import { useEffect, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { useActionForm, FormMessage } from "@/components/ui/action-form";
import { Field, FieldShell, CONTROL } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { saveCourseAction } from "@/lib/catalog/actions";
import { PROGRAM_TYPES, SUBJECT_AREAS } from "@/lib/catalog/rules";
import { SUBJECT_LABELS } from "@/lib/students/credits";
import { PROGRAM_TYPE_LABEL } from "@/lib/labels";

type Assessment = { position: number; title: string; kind: "FORMATIVE" | "SUMMATIVE"; maxScore: number; weight: number };
type Course = {
  id: string;
  providerId: string;
  code: string;
  title: string;
  subjectArea: string;
  programType: string;
  credits: number;
  expectedWeeks: number;
  masteryThreshold: number;
  passingGrade: number | null;
  recovers: string[];
  minDaysEnrolled: number | null;
  minActiveMinutesPerCredit: number | null;
  requireProctoredSummative: boolean | null;
  maxAttemptsPerAssessment: number | null;
  currentVersion: number;
};
type Row = { key: number; a: Partial<Assessment>; weight: string };

const blank = (key: number, position: number): Row => ({ key, a: { position, kind: "FORMATIVE" }, weight: "" });

/**
 * Add a course, or change one (one form with a mode): the course's fields and its assessments,
 * one row each (`a<key>_…` fields; errors come back under the same names). The running weight
 * total is announced politely; the server checks it again. Saving a change to the assessments or
 * weights makes a new version (lib/catalog/write.ts) — the form says so before you save.
 */
export function CourseForm({
  providers,
  course,
  assessments,
  districtPassingGrade,
}: {
  providers: { id: string; code: string; name: string }[];
  course?: Course;
  assessments?: Assessment[];
  districtPassingGrade: number;
}) {
  const f = useActionForm(saveCourseAction, { resetOnSuccess: !course });
  const initial = (): Row[] => (assessments?.length ? assessments.map((a, i) => ({ key: i, a, weight: String(a.weight) })) : [blank(0, 1), blank(1, 2)]);
  const [rows, setRows] = useState<Row[]>(initial);
  const next = useRef(rows.length);
  useEffect(() => {
    if (f.state?.ok && !course) {
      // A new course saved: the form starts again with two blank rows (its outcome arrives only here).
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setRows([blank(0, 1), blank(1, 2)]);
      next.current = 2;
    }
  }, [f.state, course]);

  const total = rows.reduce((s, r) => s + (Number(r.weight) || 0), 0);
  const setWeight = (key: number, weight: string) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, weight } : r)));
  const add = () => {
    const key = next.current++;
    setRows((rs) => [...rs, blank(key, Math.max(0, ...rs.map((r) => Number(r.a.position) || 0)) + 1)]);
  };
  const remove = (key: number) => setRows((rs) => rs.filter((r) => r.key !== key));
  const setError = f.errorFor("assessments");
  const name = course ? `Edit ${course.title}` : "Add a course";

  return (
    <form ref={f.ref} action={f.action} onSubmit={f.onSubmit} noValidate aria-label={name} className="mt-2">
      <FormMessage state={f.state} />
      {course && <input type="hidden" name="courseId" value={course.id} />}
      {course && <input type="hidden" name="loadedVersion" value={course.currentVersion} />}
      <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-3">
        {course ? (
          <>
            <input type="hidden" name="providerId" value={course.providerId} />
            <Field label="Provider" name="providerShown" value={providers.find((p) => p.id === course.providerId)?.name ?? ""} readOnly hint="A course stays with its provider" />
          </>
        ) : (
          <SelectField
            label="Provider"
            name="providerId"
            placeholder="Choose a provider…"
            options={providers.map((p) => ({ value: p.id, label: `${p.name} (${p.code})` }))}
            error={f.errorFor("providerId")}
          />
        )}
        <Field
          label="Provider's course code"
          name="providerCourseCode"
          defaultValue={course?.code}
          hint="As in the provider's progress files, e.g. ALG1-CR"
          error={f.errorFor("providerCourseCode")}
          autoComplete="off"
        />
        <Field label="Course title" name="title" defaultValue={course?.title} error={f.errorFor("title")} autoComplete="off" />
        <SelectField
          label="Subject area"
          name="subjectArea"
          placeholder="Choose…"
          defaultValue={course?.subjectArea}
          options={SUBJECT_AREAS.map((v) => ({ value: v, label: SUBJECT_LABELS[v] }))}
          error={f.errorFor("subjectArea")}
        />
        <SelectField
          label="Program type"
          name="programType"
          placeholder="Choose…"
          defaultValue={course?.programType}
          options={PROGRAM_TYPES.map((v) => ({ value: v, label: PROGRAM_TYPE_LABEL[v] }))}
          error={f.errorFor("programType")}
        />
        <Field label="Credits" name="credits" inputMode="decimal" defaultValue={course?.credits} hint="e.g. 1 or 0.5" error={f.errorFor("credits")} />
        <Field
          label="Expected weeks"
          name="expectedWeeks"
          inputMode="numeric"
          defaultValue={course?.expectedWeeks}
          hint="Sets the default target date"
          error={f.errorFor("expectedWeeks")}
        />
        <Field
          label="Mastery threshold (%)"
          name="masteryThreshold"
          inputMode="numeric"
          defaultValue={course?.masteryThreshold ?? 70}
          hint="Percent a summative assessment must reach"
          error={f.errorFor("masteryThreshold")}
        />
        <Field
          label="Passing grade (%)"
          name="passingGrade"
          inputMode="numeric"
          defaultValue={course?.passingGrade ?? ""}
          hint={`Blank: the district's (${districtPassingGrade}%)`}
          error={f.errorFor("passingGrade")}
        />
        <Field
          label="SIS courses it recovers"
          name="recovers"
          defaultValue={course?.recovers.join("; ")}
          hint="SIS course codes, separated by ; (e.g. MTH101; MTH102)"
          error={f.errorFor("recovers")}
          autoComplete="off"
          className="sm:col-span-2"
        />
      </div>

      <fieldset className="mb-2">
        <legend className="text-base font-semibold">
          Rigor limits (blank = the program type&apos;s policy on Settings; a number here replaces the type&apos;s, tighter or looser)
        </legend>
        <div className="mt-2 grid gap-x-4 sm:grid-cols-2 lg:grid-cols-4">
          <Field
            label="Minimum days enrolled"
            name="minDaysEnrolled"
            inputMode="numeric"
            defaultValue={course?.minDaysEnrolled ?? ""}
            hint="Calendar days from start to completion"
            error={f.errorFor("minDaysEnrolled")}
          />
          <Field
            label="Minimum active minutes per credit"
            name="minActiveMinutesPerCredit"
            inputMode="numeric"
            defaultValue={course?.minActiveMinutesPerCredit ?? ""}
            hint="Checked when time on task was imported"
            error={f.errorFor("minActiveMinutesPerCredit")}
          />
          <Field
            label="Most attempts per assessment"
            name="maxAttemptsPerAssessment"
            inputMode="numeric"
            defaultValue={course?.maxAttemptsPerAssessment ?? ""}
            hint="On any one assessment"
            error={f.errorFor("maxAttemptsPerAssessment")}
          />
          <SelectField
            label="Proctored summative"
            name="requireProctoredSummative"
            defaultValue={course?.requireProctoredSummative == null ? "" : String(course.requireProctoredSummative)}
            hint="A proctored attempt at mastery on every summative"
            options={[
              { value: "", label: "Program type's policy" },
              { value: "true", label: "Required" },
              { value: "false", label: "Not required" },
            ]}
            error={f.errorFor("requireProctoredSummative")}
          />
        </div>
      </fieldset>

      <fieldset className="mt-2" aria-describedby={setError ? "assessments-error" : "assessments-total"}>
        <legend className="text-base font-semibold">Assessments</legend>
        {course && (
          <p className="text-sm text-slate-600">
            Changing an assessment&apos;s position, kind, maximum score or weight, or adding or removing one, makes version {course.currentVersion + 1}. Active enrollments keep
            their version until you move them.
          </p>
        )}
        <ol className="mt-2 space-y-3">
          {rows.map((r, i) => (
            <li key={r.key} className="rounded border border-slate-200 bg-slate-50 p-3">
              <fieldset>
                <legend className="text-sm font-medium">Assessment {i + 1}</legend>
                <div className="grid grid-cols-2 gap-x-3 md:grid-cols-6">
                  <Field label="Position" name={`a${r.key}_position`} inputMode="numeric" defaultValue={r.a.position} error={f.errorFor(`a${r.key}_position`)} />
                  <Field label="Title" name={`a${r.key}_title`} defaultValue={r.a.title} error={f.errorFor(`a${r.key}_title`)} className="md:col-span-2" autoComplete="off" />
                  <SelectField
                    label="Kind"
                    name={`a${r.key}_kind`}
                    defaultValue={r.a.kind}
                    options={[
                      { value: "FORMATIVE", label: "Formative" },
                      { value: "SUMMATIVE", label: "Summative" },
                    ]}
                    error={f.errorFor(`a${r.key}_kind`)}
                  />
                  <Field label="Max score" name={`a${r.key}_maxScore`} inputMode="decimal" defaultValue={r.a.maxScore ?? 100} error={f.errorFor(`a${r.key}_maxScore`)} />
                  <FieldShell label="Weight (%)" error={f.errorFor(`a${r.key}_weight`)}>
                    {(control) => (
                      <input {...control} name={`a${r.key}_weight`} inputMode="decimal" className={CONTROL} value={r.weight} onChange={(e) => setWeight(r.key, e.target.value)} />
                    )}
                  </FieldShell>
                </div>
                <button type="button" onClick={() => remove(r.key)} className="text-sm text-red-800 underline" aria-label={`Remove assessment ${i + 1}`}>
                  Remove
                </button>
              </fieldset>
            </li>
          ))}
        </ol>
        <p id="assessments-total" aria-live="polite" className={`mt-2 text-sm ${Math.abs(total - 100) < 0.005 ? "text-slate-700" : "text-amber-800"}`}>
          Weights total {Math.round(total * 100) / 100} of 100.
        </p>
        {setError && (
          <p id="assessments-error" className="mt-1 text-sm text-red-700">
            {setError.join(" ")}
          </p>
        )}
        <button type="button" onClick={add} className="mt-2 rounded border border-slate-400 px-3 py-1 text-sm hover:bg-slate-100">
          Add an assessment
        </button>
      </fieldset>
      <button type="submit" disabled={f.pending} className={buttonClass("primary", "md", "mt-4")}>
        {f.pending ? "Saving…" : course ? "Save course" : "Add course"}
      </button>
    </form>
  );
}
