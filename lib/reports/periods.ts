// School-year arithmetic for the reports. A school year is named by the calendar year it starts in
// (2024 = 2024-25, July 1, 2024 – June 30, 2025), as in MA DESE collections and the federal ACGR.
// Dates are compared as ISO "YYYY-MM-DD" strings: status dates are calendar dates (@db.Date), so
// no time zone can move them across a boundary.

export type IsoDate = string;

export function isoDate(d: Date | string): IsoDate {
  return typeof d === "string" ? d.slice(0, 10) : d.toISOString().slice(0, 10);
}

export const yearStart = (y: number): IsoDate => `${y}-07-01`;
export const yearEnd = (y: number): IsoDate => `${y + 1}-06-30`;

/** "2024-25" for 2024. */
export function yearLabel(y: number): string {
  return `${y}-${String((y + 1) % 100).padStart(2, "0")}`;
}

/** The school year a date falls in (July 1 starts a new one). */
export function schoolYearOf(d: Date | string): number {
  const iso = isoDate(d);
  const y = Number(iso.slice(0, 4));
  return Number(iso.slice(5, 7)) >= 7 ? y : y - 1;
}

/**
 * Last day a diploma counts for a cohort within `years` years: August 31 of the cohort ("class of")
 * year for the 4-year rate, a year later for the 5-year rate — the summer after senior year is
 * included (34 CFR 200.19(b)(1)(iv) lets states count summer graduates; MA DESE counts through
 * August 31).
 */
export function graduationCutoff(cohortYear: number, years: 4 | 5): IsoDate {
  return `${cohortYear + years - 4}-08-31`;
}

/** MA DESE dropout rate: a dropout who is back in school by the following October 1 is not counted. */
export const returnCutoff = (y: number): IsoDate => `${y + 1}-10-01`;

/** The last fully reported school year on `today` (the year that ended most recently). */
export function latestCompleteYear(today: Date = new Date()): number {
  return schoolYearOf(today) - 1;
}

/**
 * The cohorts a school year reports: the 4-year rate of the class graduating at the end of the year
 * (class of y + 1) and the 5-year rate of the class a year earlier (class of y).
 */
export function cohortsForYear(y: number): { acgr4: number; acgr5: number } {
  return { acgr4: y + 1, acgr5: y };
}
