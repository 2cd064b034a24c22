// The reports' dates: cutoffs and when a figure is final. School years (named by the calendar year
// they start in: 2024 = 2024-25) and schoolYearOf, yearStart, yearEnd, yearLabel are lib/calendar.ts's.
// Dates are compared as ISO "YYYY-MM-DD" strings: status dates are calendar dates (@db.Date), so
// no time zone can move them across a boundary. "Today" is the district's day (lib/calendar.ts
// districtDay), never the server's UTC date.
import { districtDay, schoolYearOf, type IsoDay } from "@/lib/calendar";

/**
 * Last day a diploma counts for a cohort within `years` years: August 31 of the cohort ("class of")
 * year for the 4-year rate, a year later for the 5-year rate — the summer after senior year is
 * included (34 CFR 200.19(b)(1)(iv) lets states count summer graduates; MA DESE counts through
 * August 31).
 */
export function graduationCutoff(cohortYear: number, years: 4 | 5): IsoDay {
  return `${cohortYear + years - 4}-08-31`;
}

/** MA DESE dropout rate: a dropout who is back in school by the following October 1 is not counted. */
export const returnCutoff = (y: number): IsoDay => `${y + 1}-10-01`;

/**
 * The last fully reported school year on `today` (the year that ended most recently): the report
 * pages' default year and the newest-but-one year of their picker. `today` defaults to the
 * district's day: on a New York evening of June 30 (already July 1 in UTC) the year has not ended.
 */
export function latestCompleteYear(today: Date = districtDay()): number {
  return schoolYearOf(today) - 1;
}

/**
 * The cohorts a school year reports: the 4-year rate of the class graduating at the end of the year
 * (class of y + 1) and the 5-year rate of the class a year earlier (class of y).
 */
export function cohortsForYear(y: number): { acgr4: number; acgr5: number } {
  return { acgr4: y + 1, acgr5: y };
}

// When a figure is final. Each figure counts events up to a last day; until that day has passed (in
// the district's calendar, lib/calendar.ts districtDay) a graduation, a return or a completion can still
// be recorded and change it, so it is shown as "not final — closes <date>" (DEFINITIONS.md
// Conventions). The last day of each figure of school year y:
//  - acgr4: August 31 of the cohort year (class of y + 1): graduationCutoff(y + 1, 4), 34 CFR
//    200.19(b)(1)(iv) summer graduates;
//  - acgr5: August 31 of the cohort year + 1 (class of y): graduationCutoff(y, 5);
//  - dropout: October 1 after the year, the last day a return undoes a dropout (MA DESE): returnCutoff(y);
//  - completers: August 31 after the year, the end of the completion window and of "graduated by
//    the end of the year" (completers.ts completerWindow);
//  - program: August 31 after the year — ours: enrollments started in the year have had the year and
//    its summer session to end. An enrollment still active after that stays out of the completion
//    rate; the figure is called final all the same (the simplest rule that is a date).
export type PeriodFigure = "acgr4" | "acgr5" | "dropout" | "completers" | "program";

export function closesOn(figure: PeriodFigure, y: number): IsoDay {
  switch (figure) {
    case "acgr4":
      return graduationCutoff(cohortsForYear(y).acgr4, 4);
    case "acgr5":
      return graduationCutoff(cohortsForYear(y).acgr5, 5);
    case "dropout":
      return returnCutoff(y);
    case "completers":
    case "program":
      return `${y + 1}-08-31`;
  }
}

/** `final`: the figure's last day (`closesOn`) is before `today` (the district's day, ISO). */
export type Period = { final: boolean; closesOn: IsoDay };

export function periodOf(figure: PeriodFigure, y: number, today: IsoDay): Period {
  const closes = closesOn(figure, y);
  return { final: today > closes, closesOn: closes };
}

/** Whether every figure of school year y is final on `today`: the last to close is the dropout rate (October 1). */
export function yearFinal(y: number, today: IsoDay): boolean {
  return (["acgr4", "acgr5", "dropout", "completers", "program"] as const).every((k) => periodOf(k, y, today).final);
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "not final — closes August 31, 2027": the same words on the page, in CSV and on the command line. */
export function notFinalText(closes: IsoDay): string {
  return `not final — closes ${MONTHS[Number(closes.slice(5, 7)) - 1]} ${Number(closes.slice(8, 10))}, ${closes.slice(0, 4)}`;
}
