// The printable graduation plan's lists (pure: no I/O, no clock). What a family reads: the
// courses already earned, what is still missing by requirement, and the next steps, in the
// credit words of credits.ts.
import { auditLineLabel, creditsText, type GraduationAudit, type SubjectArea } from "./credits";
import type { Projection } from "./graduation";

export type EarnedCourse = {
  id: string;
  courseCode: string;
  courseTitle: string;
  subjectArea: SubjectArea;
  schoolYear: number;
  term: string;
  grade: string;
  creditsEarned: number;
  enrollmentId: string | null;
};

/** Transcript rows that earned credit (online credit included), oldest school year first. */
export function earnedCourses<T extends EarnedCourse>(transcript: T[]): T[] {
  return transcript.filter((t) => t.creditsEarned > 0).sort((a, b) => a.schoolYear - b.schoolYear || a.courseTitle.localeCompare(b.courseTitle));
}

/** "2025–26" */
export const schoolYearLabel = (y: number) => `${y}–${String(y + 1).slice(2)}`;

export type PlanStepInput = {
  audit: GraduationAudit;
  projection: Projection;
  cohortYear: number;
  active: { title: string; credits: number; targetDate: Date; behindPace: boolean; progress: number; expected: number }[];
  toRecover: { courseTitle: string; schoolYear: number; subjectArea: SubjectArea }[];
  formatDay: (d: Date) => string;
};

/**
 * Next steps, most immediate first: finish the online courses in progress (by their target
 * dates), recover the failed courses, schedule what the requirements still need after the courses
 * in progress, and — when the student is not on track — the credits beyond a full-time load the
 * class's year needs (credits needed after on-pace courses − years left × diploma ÷ 4).
 */
export function planNextSteps(i: PlanStepInput): string[] {
  const steps: string[] = [];
  for (const c of i.active) {
    const pace = c.behindPace ? ` (behind pace: ${c.progress}% done, ${c.expected}% expected by now)` : "";
    steps.push(`Finish ${c.title} (${creditsText(c.credits)}) by ${i.formatDay(c.targetDate)}${pace}.`);
  }
  for (const t of i.toRecover) {
    steps.push(`Recover ${t.courseTitle} (failed in ${schoolYearLabel(t.schoolYear)}) in a credit-recovery course: its credit counts toward ${auditLineLabel(t.subjectArea)}.`);
  }
  const needs = i.audit.lines.filter((l) => l.stillNeededAfterInProgress > 0);
  if (needs.length > 0) {
    steps.push(
      `Earn what the requirements still need after the courses in progress: ${needs.map((l) => `${creditsText(l.stillNeededAfterInProgress)} of ${auditLineLabel(l.area)}`).join("; ")}.`,
    );
  }
  if (i.projection.kind === "NOT_ON_TRACK") {
    const load = i.audit.diplomaCredits / 4;
    const extra = Math.max(0, i.projection.creditsNeeded - i.projection.yearsLeft * load);
    steps.push(
      i.projection.yearsLeft > 0
        ? `To graduate with the class of ${i.cohortYear}, earn ${creditsText(extra)} beyond a full-time schedule (summer or extra courses): plan them with the counselor.`
        : `Plan the remaining ${creditsText(i.projection.creditsNeeded)} with the counselor.`,
    );
  }
  return steps;
}
