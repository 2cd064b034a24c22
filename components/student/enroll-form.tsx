"use client";
import { useActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { FocusMessage, useOutlivingAction } from "@/components/ui/focus-message";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { enrollAction } from "@/lib/enrollments/actions";

/** A catalog course as the form offers it (see courseOption in ./labels). */
type Course = { id: string; label: string };

/**
 * Enroll in a catalog course. With `replaces`, it is the one-click recovery form for a failed course:
 * `courses` are the replacements (the catalog says they recover its SIS code), listed first, and
 * `others` the subject's other recovery courses, in a group labelled as not a replacement
 * (lib/students/recovery.ts recoveryOffers).
 */
export function EnrollForm({
  studentId,
  courses,
  others = [],
  replaces,
  today,
  priorities = [],
}: {
  studentId: string;
  courses: Course[];
  others?: Course[];
  replaces?: { id: string; title: string; code: string; subject: string };
  today: string;
  /** The district's priority rules for the program types offered (lib/enrollments/guardrails.ts priorityLine). */
  priorities?: { program: string; line: string }[];
}) {
  // A recovery enrollment takes the failed course off the offers, and this form with it: the page
  // shows what happened. The catalog form stays and shows it itself.
  const done = useOutlivingAction(enrollAction);
  const f = useActionForm(replaces ? done.action : enrollAction, { resetOnSuccess: true });
  const option = (c: Course) => ({ value: c.id, label: c.label });
  // Optgroups only on the recovery form: the plain enroll form lists the whole catalog.
  const groups = replaces
    ? [
        ...(courses.length ? [{ label: `Replaces ${replaces.title} (${replaces.code})`, options: courses.map(option) }] : []),
        ...(others.length
          ? [{ label: `Other ${replaces.subject} recovery courses — earn ${replaces.subject} credit, do not replace ${replaces.title}`, options: others.map(option) }]
          : []),
      ]
    : [];
  return (
    <form
      ref={f.ref}
      action={f.action}
      onSubmit={f.onSubmit}
      noValidate
      aria-label={replaces ? `Enroll in a recovery course for ${replaces.title}` : "Enroll in a catalog course"}
      className="mt-2"
    >
      <FocusMessage state={replaces ? done.local(f.state) : f.state} />
      <input type="hidden" name="studentId" value={studentId} />
      {replaces && <input type="hidden" name="replacesId" value={replaces.id} />}
      <div className="grid gap-x-4 md:grid-cols-3">
        <SelectField
          label={replaces ? "Recovery course" : "Course"}
          name="courseId"
          placeholder="Choose a course…"
          options={replaces ? [] : courses.map(option)}
          groups={groups}
          hint={replaces && courses.length === 0 ? `No catalog course recovers ${replaces.code}: these earn ${replaces.subject} credit only` : undefined}
          error={f.errorFor("courseId")}
        />
        <Field label="Start date" name="startDate" type="date" defaultValue={today} error={f.errorFor("startDate")} />
        <Field label="Target date" name="targetDate" type="date" hint="Blank: start + the course's expected weeks" error={f.errorFor("targetDate")} />
      </div>
      {priorities.length > 0 && (
        <ul className="mb-2 text-sm text-slate-700" aria-label="The district's enrollment priorities" data-testid="enroll-priority">
          {priorities.map((p) => (
            <li key={p.program}>
              <span className="font-medium">{p.program}:</span> {p.line}
            </li>
          ))}
        </ul>
      )}
      {f.errorFor("replacesId") && <p className="mb-2 text-sm text-red-700">{f.errorFor("replacesId")![0]}</p>}
      <button type="submit" disabled={f.pending} className={buttonClass("primary", "sm")}>
        {f.pending ? "Enrolling…" : replaces ? "Enroll in recovery course" : "Enroll"}
      </button>
    </form>
  );
}
