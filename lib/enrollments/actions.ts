"use server";
import { revalidatePath } from "next/cache";
import { withViewer, type ActionResult } from "@/lib/safe-action";
import { enrollStudent } from "./enroll";
import { recordAssessmentResults } from "./results";
import { completeEnrollment, endEnrollment } from "./complete";
import { formatNumber } from "@/lib/format-number";
import { creditsText } from "@/lib/students/credits";
import { completeSchema, endEnrollmentSchema, enrollSchema, recordResultsSchema } from "./schema";

// Server actions for the student page's enrollment forms (useActionState: (previous, form) → result).
// Each re-checks the session (withViewer) and validates with the shared zod schema.

type State = ActionResult<unknown> | null;

function done<T extends { studentId: string }>(r: ActionResult<T>, message: string): ActionResult<T> {
  if (r.ok) {
    revalidatePath(`/students/${r.data.studentId}`);
    return { ...r, message };
  }
  return r;
}

export async function enrollAction(_prev: State, form: FormData) {
  const r = await withViewer(enrollSchema, async (viewer, input) => ({ ...(await enrollStudent(viewer, input)), studentId: input.studentId }), form);
  return done(r, r.ok ? `Enrolled in ${r.data.course}.${r.data.warning ? ` Over the district's rigor policy: ${r.data.warning}` : ""}` : "");
}

export async function recordResultsAction(_prev: State, form: FormData) {
  const r = await withViewer(recordResultsSchema, (viewer, input) => recordAssessmentResults(viewer, input), form);
  return done(r, r.ok ? `Saved. Progress is now ${r.data.progress}%.` : "");
}

export async function completeAction(_prev: State, form: FormData) {
  const r = await withViewer(completeSchema, (viewer, input) => completeEnrollment(viewer, input), form);
  return done(
    r,
    r.ok
      ? `Completed ${r.data.courseTitle}: final grade ${formatNumber(r.data.finalGrade)} recorded, ${creditsText(r.data.credits)} awarded${r.data.overridden ? " with your override of the rigor guardrails (reason kept)" : ""}.`
      : "",
  );
}

export async function endEnrollmentAction(_prev: State, form: FormData) {
  const r = await withViewer(endEnrollmentSchema, (viewer, input) => endEnrollment(viewer, input), form);
  return done(r, r.ok ? `${r.data.courseTitle} ended without credit: ${r.data.outcome === "FAILED" ? "failed" : "withdrawn"}.` : "");
}
