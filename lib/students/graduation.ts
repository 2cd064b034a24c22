// Failed courses to recover and the graduation projection. Pure functions (no I/O, no hidden
// clock). The credit figures and the audit are in credits.ts.
import { schoolYearOf } from "./rules";
import type { SubjectArea } from "./credits";

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
  /** Credits still needed after the credits of online courses on pace (the projection's input). */
  creditsNeeded: number;
  /** School years left up to the class's graduation, this one included (0 once it has passed). */
  yearsLeft: number;
  /** The class the student can graduate with at the earliest (school year ending that spring). */
  earliestClass: number | null;
};

/**
 * Whether the student graduates with their class. The pace assumed is a full-time schedule:
 * diploma credits ÷ 4 a year (5.5 of 22), the same load the on-track line assumes (rules.ts) —
 * the "current pace" of the label. The school year is the one containing `asOf`, the district's
 * today (lib/time.ts districtDay); this year counts as a year left (a full year's courses can
 * still be earned in it).
 *   earliest class = current school year + ⌈credits still needed ÷ annual load⌉ (at least 1:
 *                    the class of the spring that ends this school year);
 *   on track       when that is no later than the student's cohort (class) year.
 * Grade 10 in 2026-27 with 5 of 22 credits, class of 2029: needs 17; 17 ÷ 5.5 = 3.09 → 4 years
 * → earliest class 2030: "Not on track to graduate with the class of 2029 — earliest 2030 at the
 * current pace". `creditsNeeded` is the audit's credits still needed after the credits of online
 * courses that are on pace (behind-pace courses are not counted as coming in).
 */
export function projectGraduation(input: {
  status: string;
  cohortYear: number;
  creditsNeeded: number;
  diplomaCredits: number;
  asOf: Date;
}): Projection {
  const schoolYear = schoolYearOf(input.asOf);
  const yearsLeft = Math.max(0, input.cohortYear - schoolYear);
  const needed = Math.round(Math.max(0, input.creditsNeeded) * 100) / 100;
  if (input.status === "GRADUATED") return { kind: "GRADUATED", label: "Graduated", creditsNeeded: 0, yearsLeft, earliestClass: null };
  if (input.status !== "ENROLLED") return { kind: "EXITED", label: "Not enrolled", creditsNeeded: needed, yearsLeft, earliestClass: null };
  const load = input.diplomaCredits / 4;
  // A tiny tolerance: 16.5 ÷ 5.5 must be 3 years, not 3.0000000001 → 4.
  const years = Math.max(1, Math.ceil(needed / load - 1e-9));
  const earliestClass = schoolYear + years;
  if (earliestClass <= input.cohortYear) {
    return { kind: "ON_TRACK", label: `On track to graduate with the class of ${input.cohortYear}`, creditsNeeded: needed, yearsLeft, earliestClass };
  }
  return {
    kind: "NOT_ON_TRACK",
    label: `Not on track to graduate with the class of ${input.cohortYear} — earliest ${earliestClass} at the current pace`,
    creditsNeeded: needed,
    yearsLeft,
    earliestClass,
  };
}
