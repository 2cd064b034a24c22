"use client";
import { useActionForm, FormMessage } from "@/components/ui/action-form";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { enrollAction } from "@/lib/enrollments/actions";

/** A catalog course as the form offers it (see courseOption in ./labels). */
type Course = { id: string; label: string };

/**
 * Enroll in a catalog course. With `replaces`, it is the one-click recovery form for a failed course:
 * the offers are the catalog's recovery courses of that subject area.
 */
export function EnrollForm({ studentId, courses, replaces, today }: {
  studentId: string;
  courses: Course[];
  replaces?: { id: string; title: string };
  today: string;
}) {
  const f = useActionForm(enrollAction, { resetOnSuccess: true });
  return (
    <form ref={f.ref} onSubmit={f.onSubmit} noValidate aria-label={replaces ? `Enroll in a recovery course for ${replaces.title}` : "Enroll in a catalog course"} className="mt-2">
      <FormMessage state={f.state} />
      <input type="hidden" name="studentId" value={studentId} />
      {replaces && <input type="hidden" name="replacesId" value={replaces.id} />}
      <div className="grid gap-x-4 md:grid-cols-3">
        <SelectField
          label={replaces ? "Recovery course" : "Course"}
          name="courseId"
          placeholder="Choose a course…"
          options={courses.map((c) => ({ value: c.id, label: c.label }))}
          error={f.errorFor("courseId")}
        />
        <Field label="Start date" name="startDate" type="date" defaultValue={today} error={f.errorFor("startDate")} />
        <Field label="Target date" name="targetDate" type="date" hint="Blank: start + the course's expected weeks" error={f.errorFor("targetDate")} />
      </div>
      {f.errorFor("replacesId") && <p className="mb-2 text-sm text-red-700">{f.errorFor("replacesId")![0]}</p>}
      <button type="submit" disabled={f.pending} className="rounded bg-blue-800 px-4 py-1.5 font-semibold text-white hover:bg-blue-900 disabled:opacity-60">
        {f.pending ? "Enrolling…" : replaces ? "Enroll in recovery course" : "Enroll"}
      </button>
    </form>
  );
}
