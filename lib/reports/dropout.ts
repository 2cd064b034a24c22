// Annual dropout rate, Massachusetts DESE ("Dropout Rates in Massachusetts Public Schools",
// annual report methodology):
//   rate = (students in grades 9–12 who dropped out between July 1 and June 30
//           − those who returned to school, graduated or earned a high-school equivalency
//             by the following October 1)
//        ÷ October 1 enrollment in grades 9–12 (the SIMS October collection), × 100.
// - A student counts once per year, at the school and grade of their last dropout that year.
// - "Returned by October 1": any re-entry (REENGAGED or ENTERED), a graduation (any credential) or
//   an equivalency dated after that dropout and on or before October 1 of the next school year.
// - Dropout events without a grade level are not in grades 9–12 and are not counted.
// - The October 1 denominator is StudentYear rows of that year with enrolledOct1 and grade 9–12.
import type { StatusEventKind } from "@/lib/generated/prisma/enums";
import { isoDay, yearEnd, yearLabel, yearStart } from "@/lib/calendar";
import { returnCutoff } from "./periods";
import { percent, type Rate } from "./acgr";

export type DropoutEvent = {
  kind: StatusEventKind;
  effectiveDate: Date | string;
  gradeLevel?: number | null;
  schoolId: string;
};

export type DropoutReason = "DROPPED_OUT" | "RETURNED" | "GRADUATED" | "EQUIVALENCY" | "NO_DROPOUT";
export type DropoutOutcome = { counted: boolean; reason: DropoutReason; schoolId: string | null };

export const DROPOUT_REASON_TEXT: Record<DropoutReason, string> = {
  DROPPED_OUT: "Counted: dropped out and not back by October 1",
  RETURNED: "Not counted: returned to school by October 1",
  GRADUATED: "Not counted: graduated by October 1",
  EQUIVALENCY: "Not counted: earned an equivalency by October 1",
  NO_DROPOUT: "Not counted: no dropout in grades 9–12 this year",
};

const inHighSchool = (g: number | null | undefined) => g != null && g >= 9 && g <= 12;

/** Whether a student counts as a dropout of school year `y`. `events` in recorded order. */
export function dropoutOutcome(events: DropoutEvent[], y: number): DropoutOutcome {
  const from = yearStart(y);
  const to = yearEnd(y);
  const drops = events.filter((e) => e.kind === "DROPPED_OUT" && inHighSchool(e.gradeLevel) && isoDay(e.effectiveDate) >= from && isoDay(e.effectiveDate) <= to);
  const last = drops.at(-1);
  if (!last) return { counted: false, reason: "NO_DROPOUT", schoolId: null };
  // "After the dropout" is after it in recorded order (effective date, then sequence): a return
  // recorded after a dropout on the same day undoes it, as the student's status says.
  const back = events
    .slice(events.indexOf(last) + 1)
    .find((e) => isoDay(e.effectiveDate) <= returnCutoff(y) && ["REENGAGED", "ENTERED", "GRADUATED", "EARNED_EQUIVALENCY"].includes(e.kind));
  const reason: DropoutReason = !back ? "DROPPED_OUT" : back.kind === "GRADUATED" ? "GRADUATED" : back.kind === "EARNED_EQUIVALENCY" ? "EQUIVALENCY" : "RETURNED";
  return { counted: !back, reason, schoolId: last.schoolId };
}

/** Dropouts ÷ October 1 grades 9–12 enrollment, as a percent with one decimal. */
export function dropoutRate(dropouts: number, october1Enrollment: number): Rate {
  return { numerator: dropouts, denominator: october1Enrollment, rate: percent(dropouts, october1Enrollment) };
}

// Without an October 1 roll (StudentYear rows, loaded by the extract's roll file) the rate has no
// denominator: the figure says so in these words on the page, in CSV, JSON and the command line,
// rather than "fewer than 6 students", which would hide the cause.

/** A school (or a district where no school) has no October 1 roll for year `y`. */
export const noRollText = (y: number): string => `No October 1 roll loaded for ${yearLabel(y)}`;

/** A district figure some of whose schools have no roll for the year: which ones, left out of numerator and denominator alike. */
export const missingRollText = (schools: string[]): string => `Dropouts at these schools not counted: no October 1 roll for: ${schools.join(", ")}`;
