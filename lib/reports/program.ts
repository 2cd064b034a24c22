// Online program results for a school year (figure 1). Definitions (ours, stated in lib/reports/DEFINITIONS.md):
// - The enrollments of year y are those that STARTED between July 1 and June 30 (summer included);
//   their outcome is their status now.
// - completed = reached the end of the course with a final result: COMPLETED (passed) + FAILED;
//   passed = COMPLETED; failed = FAILED; withdrawn = WITHDRAWN; still active = ACTIVE.
// - completion rate = passed ÷ enrollments that have ended (passed + failed + withdrawn): the share of
//   finished enrollments that earned the course; still-active ones are not yet decided.
// - median days to complete = median of (the day the work was finished − startDate) over passed
//   enrollments: finishedOn, as the completion rule counted the days enrolled, else endedOn.
// - credits recovered = credit awarded by passed CREDIT_RECOVERY enrollments.
import type { EnrollmentStatus, ProgramType } from "@/lib/generated/prisma/enums";
import { isoDay, yearEnd, yearStart } from "@/lib/calendar";
import { percent } from "./acgr";

export type ProgramEnrollment = {
  studentId: string;
  status: EnrollmentStatus;
  programType: ProgramType;
  startDate: Date | string;
  endedOn: Date | string | null;
  /** The day the work was finished (Enrollment.finishedOn); absent or null: endedOn. */
  finishedOn?: Date | string | null;
  creditAwarded: number | null;
};

export type ProgramResult = {
  students: number;
  started: number;
  completed: number;
  passed: number;
  failed: number;
  withdrawn: number;
  active: number;
  completionRate: number | null;
  medianDaysToComplete: number | null;
  creditsRecovered: number;
};

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const DAY = 86_400_000;
const days = (from: Date | string, to: Date | string) => Math.round((Date.parse(isoDay(to)) - Date.parse(isoDay(from))) / DAY);

export const startedIn = (e: { startDate: Date | string }, y: number) => isoDay(e.startDate) >= yearStart(y) && isoDay(e.startDate) <= yearEnd(y);

/** Results of the enrollments that started in year y. */
export function programResult(all: ProgramEnrollment[], y: number): ProgramResult {
  const es = all.filter((e) => startedIn(e, y));
  const n = (s: EnrollmentStatus) => es.filter((e) => e.status === s).length;
  const passed = n("COMPLETED");
  const failed = n("FAILED");
  const withdrawn = n("WITHDRAWN");
  const done = es.filter((e) => e.status === "COMPLETED" && e.endedOn);
  return {
    students: new Set(es.map((e) => e.studentId)).size,
    started: es.length,
    completed: passed + failed,
    passed,
    failed,
    withdrawn,
    active: n("ACTIVE"),
    completionRate: percent(passed, passed + failed + withdrawn),
    medianDaysToComplete: median(done.map((e) => days(e.startDate, e.finishedOn ?? e.endedOn!))),
    creditsRecovered: es.filter((e) => e.status === "COMPLETED" && e.programType === "CREDIT_RECOVERY").reduce((s, e) => s + (e.creditAwarded ?? 0), 0),
  };
}
