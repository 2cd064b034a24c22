// Failed courses to recover and the graduation projection. Pure functions (no I/O, no hidden
// clock). The credit figures and the audit are in credits.ts.
import { isoDay, schoolYearOf } from "@/lib/calendar";
import { graduationCutoff } from "@/lib/reports/periods";
import { creditsText, type SubjectArea } from "./credits";

// The subject areas and their names live with the credit figures (credits.ts); re-exported for
// the pages and forms that name a subject.
export { SUBJECT_LABELS, type SubjectArea } from "./credits";

export type TranscriptFacts = { id: string; subjectArea: SubjectArea; creditsAttempted: number; creditsEarned: number };

/**
 * Failed courses eligible for recovery: transcript courses attempted for credit with none earned
 * (an F), not already replaced by an active or completed online enrollment.
 */
export function recoverableCourses<T extends TranscriptFacts>(transcript: T[], recoveredIds: Set<string>): T[] {
  return transcript.filter((t) => t.creditsAttempted > 0 && t.creditsEarned === 0 && !recoveredIds.has(t.id));
}

export type ProjectionKind = "ON_TRACK" | "NOT_ON_TRACK" | "GRADUATED" | "EXITED";
export type Projection = {
  kind: ProjectionKind;
  label: string;
  /** "Still needed after on-pace courses" (credits.ts CREDIT_FIGURES), the projection's input. */
  creditsNeeded: number;
  /** School years left up to the class's graduation, this one included (0 once it has passed). */
  yearsLeft: number;
  /** The class the student can graduate with at the earliest (school year ending that spring). */
  earliestClass: number | null;
  /**
   * In the class's summer (July 1 – August 31 of the cohort year): August 31, the last day a
   * diploma counts with the class (ISO date). Null at any other time.
   */
  summerEnds: string | null;
};

/**
 * Whether the student graduates with their class. The load assumed is a full-time schedule:
 * diploma credits ÷ 4 a year (5.5 of 22), the same load the on-track line assumes (rules.ts) —
 * the "full-time load" of the label, not the student's own past rate of earning credit. The school year is the one containing `asOf`, the district's
 * today (lib/calendar.ts districtDay); this year counts as a year left (a full year's courses can
 * still be earned in it).
 *   earliest class = current school year + ⌈credits still needed ÷ annual load⌉ (at least 1:
 *                    the class of the spring that ends this school year);
 *   on track       when that is no later than the student's cohort (class) year.
 * Grade 10 in 2026-27 with 5 of 22 credits, class of 2029: needs 17; 17 ÷ 5.5 = 3.09 → 4 years
 * → earliest class 2030: "Not on track to graduate with the class of 2029 — earliest 2030 at a
 * full-time load". `creditsNeeded` is "Still needed after on-pace courses" (credits.ts
 * creditsStillNeededAfterOnPace: behind-pace courses are not counted as coming in).
 *
 * The class's summer: from July 1 through August 31 of the cohort year the school year has ended
 * but a diploma still counts with the class (the reports' summer graduates, lib/reports/periods.ts
 * graduationCutoff). The summer's load is the online courses in progress and on pace, nothing
 * more: a student with no credits still needed after them is on track with the class; one who
 * still needs any is not, and the earliest is the next class. (A course on pace is counted as
 * coming in by August 31; its target date is not checked.) After August 31 the class has
 * graduated and the earliest is the next school year's class, as above.
 */
export function projectGraduation(input: { status: string; cohortYear: number; creditsNeeded: number; diplomaCredits: number; asOf: Date }): Projection {
  const schoolYear = schoolYearOf(input.asOf);
  const yearsLeft = Math.max(0, input.cohortYear - schoolYear);
  const needed = Math.round(Math.max(0, input.creditsNeeded) * 100) / 100;
  // The class's summer: the school year named for the cohort year has begun (July 1) and its
  // August 31 has not passed.
  const summerEnds = schoolYear === input.cohortYear && isoDay(input.asOf) <= graduationCutoff(input.cohortYear, 4) ? graduationCutoff(input.cohortYear, 4) : null;
  if (input.status === "GRADUATED") return { kind: "GRADUATED", label: "Graduated", creditsNeeded: 0, yearsLeft, earliestClass: null, summerEnds };
  if (input.status !== "ENROLLED") return { kind: "EXITED", label: "Not enrolled", creditsNeeded: needed, yearsLeft, earliestClass: null, summerEnds };
  const load = input.diplomaCredits / 4;
  // A tiny tolerance: 16.5 ÷ 5.5 must be 3 years, not 3.0000000001 → 4.
  const years = Math.max(1, Math.ceil(needed / load - 1e-9));
  const earliestClass = summerEnds !== null && needed === 0 ? input.cohortYear : schoolYear + years;
  if (earliestClass <= input.cohortYear) {
    return { kind: "ON_TRACK", label: `On track to graduate with the class of ${input.cohortYear}`, creditsNeeded: needed, yearsLeft, earliestClass, summerEnds };
  }
  return {
    kind: "NOT_ON_TRACK",
    label: `Not on track to graduate with the class of ${input.cohortYear} — earliest ${earliestClass} at a full-time load`,
    creditsNeeded: needed,
    yearsLeft,
    earliestClass,
    summerEnds,
  };
}

const LONG_DAY = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", year: "numeric", month: "long", day: "numeric" });

/**
 * What the projection assumes, in the words the student page and the plan print under it: the
 * years left (or the class's summer), the full-time load, and which courses count as coming in.
 */
export function projectionBasis(p: Projection, cohortYear: number, diplomaCredits: number): string {
  const load = `The projection assumes a full-time load of ${creditsText(diplomaCredits / 4)} a school year`;
  if (p.summerEnds !== null) {
    const ends = LONG_DAY.format(new Date(`${p.summerEnds}T00:00:00Z`));
    return (
      `The class of ${cohortYear}'s school year has ended; a diploma by ${ends} still counts with the class. ` +
      "This summer only the online courses in progress and on pace are counted as coming in; courses behind pace are not."
    );
  }
  const years =
    p.yearsLeft === 0
      ? `The class of ${cohortYear} has graduated.`
      : `${p.yearsLeft} school year${p.yearsLeft === 1 ? "" : "s"} left to the class of ${cohortYear}, this one included.`;
  return `${years} ${load} and counts online courses on pace as coming in; courses behind pace are not.`;
}
