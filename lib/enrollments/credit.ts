// The one rule for awarding an online course's credit, used by every path that can award it: the
// counselor's complete action (lib/enrollments/complete.ts), the provider progress import
// (lib/imports/progress/plan.ts), and any import added later. Pure: no I/O.
//
// Credit needs both
//  1. the course's completion rule: every summative assessment's best attempt at the course's
//     mastery threshold (lib/enrollments/rules.ts meetsMastery), and
//  2. a passing final grade: final grade ≥ the passing grade in force, i.e. the course's own
//     (OnlineCourse.passingGrade) or, when it has none, the district's (DistrictSettings.passingGrade,
//     default 60). Exactly the passing grade passes.
//  3. the district's rigor guardrails (./guardrails.ts), when the caller gives them: a broken one
//     refuses credit (mode REFUSE) or needs an administrator's override with a reason (mode WARN).
// The final grade is the weighted gradebook grade (rules.ts finalGrade: an assessment never taken
// counts 0), or on an import the provider's reported final grade, whose `completed` status stands
// for the provider's own mastery checks: there only a summative result recorded in CreditTrack
// below mastery refuses.

import { formatNumber } from "../format-number";
import { bestPercents, finalGrade, lastActivity, meetsMastery, type AssessmentFacts, type ResultFacts } from "./rules";
import { guardrailBreaches, type Breach, type RigorFacts, type RigorLimits } from "./guardrails";

/** The district's default passing grade when no setting exists (DistrictSettings.passingGrade's default). */
export const DEFAULT_PASSING_GRADE = 60;

/** The passing grade in force for a course: its own, else the district's, else 60. */
export function passingGradeFor(coursePassingGrade: number | null | undefined, districtPassingGrade: number | null | undefined): number {
  return coursePassingGrade ?? districtPassingGrade ?? DEFAULT_PASSING_GRADE;
}

export type CreditAssessment = AssessmentFacts & { title?: string };

export type CreditInput = {
  assessments: CreditAssessment[];
  results: (ResultFacts & { proctored?: boolean | null })[];
  masteryThreshold: number;
  /** The passing grade in force (passingGradeFor). */
  passingGrade: number;
  credits: number;
  /**
   * An import's completion: the provider's final grade (null = none given). The provider's
   * `completed` stands for its own mastery checks; results recorded here still count against it.
   */
  reported?: { finalGrade: number | null };
  /**
   * The rigor guardrails in force (guardrails.ts limitsFor; null = none) and the enrollment's dates
   * (`completedOn`: today, or the completion row's date on an import) and time on task. `override`: an administrator overrides broken guardrails (mode WARN only).
   */
  rigor?: { limits: RigorLimits | null; facts: Pick<RigorFacts, "startDate" | "completedOn" | "activeSeconds">; override?: boolean };
};

export type CreditDecision =
  | {
      ok: true;
      finalGrade: number;
      passingGrade: number;
      credits: number;
      /** Guardrails broken and overridden (an administrator's override, mode WARN); usually none. */
      breaches: Breach[];
    }
  | {
      ok: false;
      finalGrade: number | null;
      passingGrade: number;
      credits: number;
      /** Every reason, completion rule first: sentences a counselor understands. */
      reasons: string[];
      /** The same reasons by the part of the rule they fail (an import reports them on different columns). */
      failing: { mastery: string[]; grade: string[]; guardrails: string[] };
      breaches: Breach[];
      /** Only guardrails stand in the way and the policy lets an administrator override them. */
      overridable: boolean;
    };

const nameOf = (a: CreditAssessment) => a.title ?? `Assessment ${a.position}`;
const list = (names: string[]) => (names.length <= 2 ? names.join(" and ") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`);

/**
 * The day the work was finished, which the days enrolled run to (the guardrails here, and the
 * quality report's "completed too fast", which reads it from Enrollment.finishedOn): the latest
 * result of a course completed on the card — waiting before confirming does not lengthen it — else
 * the completion day; the provider's completion date on an import.
 */
export function finishedOn(results: { takenOn: Date }[], completedOn: Date, reported: boolean, startDate: Date): Date {
  if (reported) return completedOn;
  const last = lastActivity(results) ?? completedOn;
  // Within the enrollment: an imported result can carry any date (one after today's completion, one
  // before the start); the work was not finished after it was confirmed, nor before it began.
  return last > completedOn ? completedOn : last < startDate ? startDate : last;
}

export function creditDecision(input: CreditInput): CreditDecision {
  const { assessments, results, masteryThreshold: T, passingGrade, credits, reported } = input;
  const best = bestPercents(assessments, results);
  const mastery: string[] = [];
  const gradeReasons: string[] = [];
  const summative = [...assessments].filter((a) => a.kind === "SUMMATIVE").sort((a, b) => a.position - b.position);

  // 1. The completion rule.
  if (!reported && summative.length === 0) {
    mastery.push("The course has no summative assessment, so mastery cannot be shown: fix the course in the catalog.");
  }
  const below = summative.filter((a) => best.has(a.id) && !meetsMastery(best.get(a.id)!, T));
  for (const a of below) mastery.push(`${nameOf(a)} is at ${formatNumber(best.get(a.id)!)}%, mastery is ${T}%.`);
  if (!reported) {
    const missing = summative.filter((a) => !best.has(a.id));
    if (missing.length === 1) mastery.push(`${nameOf(missing[0]!)} (summative) has not been taken; it must reach mastery (${T}%).`);
    else if (missing.length > 1) mastery.push(`${missing.length} summative assessments have not been taken (${list(missing.map(nameOf))}); each must reach mastery (${T}%).`);
  }

  // 2. The passing grade.
  const grade = reported ? reported.finalGrade : finalGrade(assessments, results);
  if (grade === null) {
    gradeReasons.push(`No final grade was given; the passing grade is ${passingGrade}.`);
  } else if (grade < passingGrade) {
    const notTaken = reported ? 0 : assessments.filter((a) => !best.has(a.id)).length;
    const why = notTaken === 0 ? "" : `: ${notTaken} ${notTaken === 1 ? "assessment" : "assessments"} not taken ${notTaken === 1 ? "counts" : "count"} 0`;
    gradeReasons.push(`Final grade ${formatNumber(grade)} is below the passing grade ${passingGrade}${why}.`);
  }

  // 3. The rigor guardrails. The days enrolled run to the day the work was finished (finishedOn).
  const rigor = input.rigor;
  const breaches = rigor
    ? guardrailBreaches(rigor.limits, {
        ...rigor.facts,
        completedOn: finishedOn(results, rigor.facts.completedOn, !!reported, rigor.facts.startDate),
        credits,
        assessments,
        results,
        masteryThreshold: T,
        reported: !!reported,
      })
    : [];
  const guardrails = breaches.map((b) => b.message);
  const warn = input.rigor?.limits?.mode === "WARN";
  const overridden = breaches.length > 0 && warn && input.rigor?.override === true;

  if (mastery.length > 0 || gradeReasons.length > 0 || grade === null || (breaches.length > 0 && !overridden)) {
    const overridable = mastery.length === 0 && gradeReasons.length === 0 && grade !== null && warn;
    const why = guardrails.length ? [`District rigor policy: ${guardrails.join(" ")}${overridable ? " An administrator may override this with a written reason." : ""}`] : [];
    return {
      ok: false,
      finalGrade: grade,
      passingGrade,
      credits,
      reasons: [...mastery, ...gradeReasons, ...why],
      failing: { mastery, grade: gradeReasons, guardrails },
      breaches,
      overridable,
    };
  }
  return { ok: true, finalGrade: grade, passingGrade, credits, breaches };
}
