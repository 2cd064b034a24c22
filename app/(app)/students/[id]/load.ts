import "server-only";
import { notFound } from "next/navigation";
import { getViewer } from "@/lib/auth";
import { NotFoundError } from "@/lib/access";
import { getStudentRecord } from "@/lib/students/record";
import { districtDay } from "@/lib/calendar";
import type { PlanStepInput } from "@/lib/students/plan";

/**
 * The student page's, plan's and letter's record, as of today; out of scope or missing → the 404
 * page. `{ notes: false }` for a page that shows no notes (no restricted read is recorded then).
 */
export async function loadRecord(id: string, options: { notes?: boolean } = {}) {
  const viewer = await getViewer();
  try {
    return { viewer, r: await getStudentRecord(viewer, id, districtDay(), options) };
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
}

type StudentRecord = Awaited<ReturnType<typeof getStudentRecord>>;

/** The record's online courses in progress (the plan and the letter list them). */
export const activeEnrollments = (r: StudentRecord) => r.enrollments.filter((e) => e.status === "ACTIVE");

/**
 * What the next steps are made from, the same for the plan (lib/students/plan.ts planNextSteps,
 * which also takes the day format) and the family letter (lib/family/letter.ts letterSteps).
 */
export function stepInput(r: StudentRecord): Omit<PlanStepInput, "formatDay"> {
  return {
    audit: r.audit,
    projection: r.projection,
    cohortYear: r.student.cohortYear,
    active: activeEnrollments(r).map((e) => ({
      title: e.course.title,
      credits: e.course.credits,
      targetDate: e.targetDate,
      behindPace: e.pace.status === "BEHIND",
      progress: e.progress,
      expected: e.pace.expected,
    })),
    toRecover: r.recovery,
  };
}
