// "Completers who graduated" (figure 2), the measure of the Boston credit-recovery study (2011-12:
// 396 completers, 72% graduated), whose phrase is "students who completed at least one
// credit-recovery course during the school year and the following summer". So the completers of
// year y are the students who completed (passed) at least one CREDIT_RECOVERY course with an end
// date from September 1 of y through August 31 of y + 1 — the school year and the summer after it;
// the summer before belongs to the previous year's count. Of them, how many had a REGULAR_DIPLOMA
//   - by the end of that year: dated on or before August 31 of y + 1 (the same "end of the year" as
//     the window, and as the ACGR's summer graduates), and
//   - by now: at any date.
// Certificates and equivalencies are not graduations here either.
//
// By grade at completion (completerGrade) and what became of them (completerFate), as of today.
import type { Credential, EnrollmentStatus, ProgramType, StatusEventKind } from "@/lib/generated/prisma/enums";
import { isoDay } from "@/lib/calendar";

export type CompleterEnrollment = { status: EnrollmentStatus; programType: ProgramType; endedOn: Date | string | null };
export type GradEvent = { kind: StatusEventKind; effectiveDate: Date | string; credential?: Credential | null };

export type CompleterOutcome = { completer: boolean; graduatedByYearEnd: boolean; graduatedByNow: boolean };

/** The completion window of year y: September 1 of y – August 31 of y + 1. */
export const completerStart = (y: number) => `${y}-09-01`;
export const completerCutoff = (y: number) => `${y + 1}-08-31`;

/** The completer year of a completion date: September 1 starts a new one. */
export function completerYearOf(d: Date | string): number {
  const iso = isoDay(d);
  const y = Number(iso.slice(0, 4));
  return Number(iso.slice(5, 7)) >= 9 ? y : y - 1;
}

export function completerOutcome(enrollments: CompleterEnrollment[], events: GradEvent[], y: number): CompleterOutcome {
  const completer = enrollments.some(
    (e) =>
      e.status === "COMPLETED" && e.programType === "CREDIT_RECOVERY" && e.endedOn != null && isoDay(e.endedOn) >= completerStart(y) && isoDay(e.endedOn) <= completerCutoff(y),
  );
  const diplomas = events.filter((e) => e.kind === "GRADUATED" && e.credential === "REGULAR_DIPLOMA").map((e) => isoDay(e.effectiveDate));
  if (!completer) return { completer: false, graduatedByYearEnd: false, graduatedByNow: false };
  return { completer, graduatedByYearEnd: diplomas.some((d) => d <= completerCutoff(y)), graduatedByNow: diplomas.length > 0 };
}

/**
 * Grade at completion, in year y: the grade on that year's roll (StudentYear.gradeLevel) when it is
 * loaded, else the grade the student's class implies, 12 − (cohortYear − 1 − y) (the class of c is in
 * grade 12 in year c − 1). Grouped 9 (or below), 10, 11, 12 and 13 = past their class's senior year
 * (only the implied grade can say so: a roll records a fifth-year senior as grade 12).
 */
export function completerGrade(rollGrade: number | null | undefined, cohortYear: number, y: number): number {
  const g = rollGrade ?? 12 - (cohortYear - 1 - y);
  return Math.min(13, Math.max(9, g));
}

export const GRADE_LABEL: Record<number, string> = { 9: "Grade 9 or below", 10: "Grade 10", 11: "Grade 11", 12: "Grade 12", 13: "Past grade 12 (after their class)" };

export type CompleterFate = "graduatedByYearEnd" | "graduatedLater" | "stillEnrolled" | "droppedOut" | "exited";
export const FATES: CompleterFate[] = ["graduatedByYearEnd", "graduatedLater", "stillEnrolled", "droppedOut", "exited"];
export const FATE_LABEL: Record<CompleterFate, string> = {
  graduatedByYearEnd: "Graduated by the end of the year",
  graduatedLater: "Graduated later",
  stillEnrolled: "Still enrolled",
  droppedOut: "Dropped out",
  exited: "Transferred out or other exit",
};

/**
 * What became of a completer of year y, as of today: a regular diploma by the end of the year or
 * later; otherwise their current status, the last event in recorded order (`events` in that order):
 * none, an entry or a re-entry = still enrolled; a dropout = dropped out; anything else (a transfer
 * out, emigration, death, an equivalency, a certificate) = transferred out or other exit.
 */
export function completerFate(events: GradEvent[], y: number): CompleterFate {
  const diplomas = events.filter((e) => e.kind === "GRADUATED" && e.credential === "REGULAR_DIPLOMA").map((e) => isoDay(e.effectiveDate));
  if (diplomas.some((d) => d <= completerCutoff(y))) return "graduatedByYearEnd";
  if (diplomas.length > 0) return "graduatedLater";
  const last = events.at(-1)?.kind;
  if (last == null || last === "ENTERED" || last === "REENGAGED") return "stillEnrolled";
  return last === "DROPPED_OUT" ? "droppedOut" : "exited";
}
