// The Re-engagement list's pure rules (issue 16, "Re-engagement: students who left"). No I/O.
//
// Who is on the list: a student whose latest status event (by effectiveDate, then sequence — the
// order every report uses) is
//   - DROPPED_OUT, or
//   - TRANSFERRED_OUT without documentation (`documented` not true) — the same line ACGR draws:
//     a transfer out with official written documentation leaves the cohort, one without stays in
//     it as a non-graduate (34 CFR 200.19(b)(1)(ii); lib/reports/acgr.ts `last.documented ?
//     out("REMOVED_TRANSFERRED_OUT") : stay("TRANSFERRED_OUT_UNDOCUMENTED")`),
// dated within the last N school years (July 1–June 30, lib/calendar.ts schoolYearOf; N = 1
// is the current school year), and still under 22 on the district's today (lib/calendar.ts districtDay).
import { daysBetween, schoolYearOf } from "@/lib/calendar";

export const DEFAULT_YEARS = 4;
export const MAX_YEARS = 10;
/** Under 22: the age to which the district may still serve a student (the list's upper bound). */
export const AGE_LIMIT = 22;
/** "No contact in 30 days": the filter's window, in days. */
export const QUIET_DAYS = 30;

export type ExitKind = "DROPPED_OUT" | "TRANSFERRED_OUT_UNDOCUMENTED";
export const EXIT_LABELS: Record<ExitKind, string> = {
  DROPPED_OUT: "Dropped out",
  TRANSFERRED_OUT_UNDOCUMENTED: "Transferred out, not documented",
};

export type LastEvent = { kind: string; effectiveDate: Date; documented: boolean | null };

/** The exit the student is on the list for, or null when the latest event is no such exit. */
export function exitKindOf(last: LastEvent | null | undefined): ExitKind | null {
  if (!last) return null;
  if (last.kind === "DROPPED_OUT") return "DROPPED_OUT";
  if (last.kind === "TRANSFERRED_OUT" && last.documented !== true) return "TRANSFERRED_OUT_UNDOCUMENTED";
  return null;
}

/** The first day of the window: July 1 of the school year N − 1 years before today's. */
export function windowStart(today: Date, years: number): Date {
  return new Date(Date.UTC(schoolYearOf(today) - (years - 1), 6, 1));
}

/** Whole years of age on `day` (both UTC-midnight dates); a Feb 29 birthday turns over on Mar 1. */
export function ageOn(birthDate: Date, day: Date): number {
  let age = day.getUTCFullYear() - birthDate.getUTCFullYear();
  const m = day.getUTCMonth() - birthDate.getUTCMonth();
  if (m < 0 || (m === 0 && day.getUTCDate() < birthDate.getUTCDate())) age--;
  return age;
}

/** On the list: an exit of the right kind, inside the window, and under 22 today. */
export function onList(last: LastEvent | null | undefined, birthDate: Date, today: Date, years: number): boolean {
  return exitKindOf(last) !== null && last!.effectiveDate >= windowStart(today, years) && last!.effectiveDate <= today && ageOn(birthDate, today) < AGE_LIMIT;
}

/** "No contact in 30 days": no contact at all, or the latest more than 30 days before today. */
export function quiet(lastContactDay: Date | null, today: Date): boolean {
  return lastContactDay === null || daysBetween(lastContactDay, today) > QUIET_DAYS;
}

export type SummaryEvent = { studentId: string; kind: "REENGAGED" | "GRADUATED"; effectiveDate: Date; sequence: bigint };

/**
 * Students re-engaged per school year (distinct students with a REENGAGED event dated in that
 * year) and how many of them later graduated: a GRADUATED event after their first re-engagement
 * of that year, in (effectiveDate, sequence) order, whenever it is dated.
 */
export function reengagedByYear(events: SummaryEvent[]): Map<number, { reengaged: number; graduated: number }> {
  const byStudent = new Map<string, SummaryEvent[]>();
  for (const e of events) byStudent.set(e.studentId, [...(byStudent.get(e.studentId) ?? []), e]);
  const after = (a: SummaryEvent, b: SummaryEvent) => a.effectiveDate > b.effectiveDate || (a.effectiveDate.getTime() === b.effectiveDate.getTime() && a.sequence > b.sequence);
  const out = new Map<number, { reengaged: number; graduated: number }>();
  for (const list of byStudent.values()) {
    const firstByYear = new Map<number, SummaryEvent>();
    for (const e of list) {
      if (e.kind !== "REENGAGED") continue;
      const y = schoolYearOf(e.effectiveDate);
      const seen = firstByYear.get(y);
      if (!seen || after(seen, e)) firstByYear.set(y, e);
    }
    for (const [y, r] of firstByYear) {
      const cell = out.get(y) ?? { reengaged: 0, graduated: 0 };
      cell.reengaged++;
      if (list.some((e) => e.kind === "GRADUATED" && after(e, r))) cell.graduated++;
      out.set(y, cell);
    }
  }
  return out;
}

/** The summary's definition, on the page and in lib/reports/DEFINITIONS.md ("Re-engagement"). */
export const REENGAGED_DEFINITION =
  "Re-engaged: distinct students with a re-engaged status event dated in the school year (July 1–June 30), counted at their current school. Later graduated: those of them with a graduated event (any credential) recorded after their first re-engagement that year, whenever dated.";
