// Rigor guardrails (issue #18): the district's policy for how an online course's credit is earned,
// answering the research a leader is asked about — the Chicago "Back on Track" trial (students
// completed under two-thirds of the course), Georgia's ~90% pass rate beside ~10% proficiency, NCAA
// cases of a semester "completed" in one minute, Fordham's finding that tests are rarely proctored
// and retakes show earlier answers. Set per program type on Settings (RigorPolicy), and per
// course (OnlineCourse), they are checked by the one credit rule (./credit.ts creditDecision)
// wherever credit is awarded. Pure: no I/O.
//
// At completion, for each limit set (a limit of null is none):
//   - days enrolled: calendar days from the start date to the day the work was finished (the
//     latest result on the card; the provider's completion date on an import) ≥ the minimum
//     (exactly the minimum passes; waiting before confirming does not lengthen a course);
//   - active time: active minutes on record ≥ minimum per credit × the course's credits — checked
//     only when time on task was imported for the enrollment (ActivitySession; lib/enrollments/
//     activity.ts dayActiveSeconds is a day's time), since a course without a usage report says
//     nothing about time;
//   - proctored summative: every summative with a result has a proctored attempt at mastery
//     (AssessmentResult.proctored = yes; "not stated" is not proctored); a provider's completion
//     with no summative recorded here has none;
//   - attempts: no assessment has more recorded attempts than the maximum (the highest attempt
//     number, as providers number them).
// The most concurrent enrollments per student is checked when enrolling (./enroll.ts), and the
// priority rule is shown there. A broken guardrail refuses credit with the reason (mode REFUSE) or
// needs an administrator's override with a written reason (mode WARN).
import { daysBetween } from "@/lib/calendar";
import { formatNumber } from "@/lib/format-number";
import { meetsMastery, percentOf, type AssessmentFacts, type ResultFacts } from "./rules";

export type GuardrailMode = "REFUSE" | "WARN";

/** One program type's policy (a RigorPolicy row). */
export type RigorPolicy = {
  minDaysEnrolled: number | null;
  minActiveMinutesPerCredit: number | null;
  requireProctoredSummative: boolean;
  maxAttemptsPerAssessment: number | null;
  maxConcurrentPerStudent: number | null;
  priorityGrades: number[];
  priorityNote: string | null;
  mode: GuardrailMode;
};

/** A course's own limits (null = its program type's). */
export type CourseRigor = {
  minDaysEnrolled: number | null;
  minActiveMinutesPerCredit: number | null;
  requireProctoredSummative: boolean | null;
  maxAttemptsPerAssessment: number | null;
};

/** The limits checked at completion, after the course's own replace its program type's. */
export type RigorLimits = {
  minDaysEnrolled: number | null;
  minActiveMinutesPerCredit: number | null;
  requireProctoredSummative: boolean;
  maxAttemptsPerAssessment: number | null;
  mode: GuardrailMode;
};

export const NO_COURSE_RIGOR: CourseRigor = { minDaysEnrolled: null, minActiveMinutesPerCredit: null, requireProctoredSummative: null, maxAttemptsPerAssessment: null };

/** The limits in force for a course: each of the course's own, else its program type's; null when neither sets any. */
export function limitsFor(policy: RigorPolicy | null | undefined, course: CourseRigor): RigorLimits | null {
  const limits: RigorLimits = {
    minDaysEnrolled: course.minDaysEnrolled ?? policy?.minDaysEnrolled ?? null,
    minActiveMinutesPerCredit: course.minActiveMinutesPerCredit ?? policy?.minActiveMinutesPerCredit ?? null,
    requireProctoredSummative: course.requireProctoredSummative ?? policy?.requireProctoredSummative ?? false,
    maxAttemptsPerAssessment: course.maxAttemptsPerAssessment ?? policy?.maxAttemptsPerAssessment ?? null,
    mode: policy?.mode ?? "REFUSE",
  };
  const any = limits.minDaysEnrolled !== null || limits.minActiveMinutesPerCredit !== null || limits.requireProctoredSummative || limits.maxAttemptsPerAssessment !== null;
  return any ? limits : null;
}

export type GuardrailRule = "minDays" | "minActive" | "proctored" | "maxAttempts";
export type Breach = { rule: GuardrailRule; message: string };

export type RigorFacts = {
  startDate: Date;
  /** The day the work was finished (credit.ts: the latest result, or the provider's completion date on an import). */
  completedOn: Date;
  credits: number;
  /** Active seconds on record (the sum of dayActiveSeconds); null = no time on task imported for it. */
  activeSeconds: number | null;
  assessments: (AssessmentFacts & { title?: string })[];
  results: (ResultFacts & { proctored?: boolean | null })[];
  masteryThreshold: number;
  /** A provider's completion: summatives may not be recorded here. */
  reported: boolean;
};

const nameOf = (a: { title?: string; position: number }) => a.title ?? `Assessment ${a.position}`;
const plural = (n: number, one: string, many = `${one}s`) => `${formatNumber(n)} ${n === 1 ? one : many}`;

/** The guardrails `facts` break under `limits`, each with a sentence a counselor understands. */
export function guardrailBreaches(limits: RigorLimits | null, facts: RigorFacts): Breach[] {
  if (!limits) return [];
  const out: Breach[] = [];
  if (limits.minDaysEnrolled !== null) {
    const days = daysBetween(facts.startDate, facts.completedOn);
    if (days < limits.minDaysEnrolled) {
      out.push({ rule: "minDays", message: `Finished ${plural(days, "day")} after the start; the district's minimum is ${plural(limits.minDaysEnrolled, "day")}.` });
    }
  }
  if (limits.minActiveMinutesPerCredit !== null && facts.activeSeconds !== null) {
    const need = limits.minActiveMinutesPerCredit * facts.credits;
    const minutes = facts.activeSeconds / 60;
    if (minutes < need) {
      out.push({
        rule: "minActive",
        message: `${plural(Math.floor(minutes), "active minute")} on record; the minimum is ${plural(need, "minute")} (${formatNumber(limits.minActiveMinutesPerCredit)} per credit × ${formatNumber(facts.credits)}).`,
      });
    }
  }
  if (limits.requireProctoredSummative) {
    const summatives = facts.assessments.filter((a) => a.kind === "SUMMATIVE").sort((a, b) => a.position - b.position);
    const taken = summatives.filter((a) => facts.results.some((r) => r.assessmentId === a.id));
    const unproctored = taken.filter(
      (a) => !facts.results.some((r) => r.assessmentId === a.id && r.proctored === true && meetsMastery(percentOf(r.score, a.maxScore), facts.masteryThreshold)),
    );
    for (const a of unproctored) out.push({ rule: "proctored", message: `${nameOf(a)} has no proctored attempt at mastery; a proctored summative is required.` });
    if (facts.reported && taken.length === 0) out.push({ rule: "proctored", message: "No proctored summative result is recorded; a proctored summative is required." });
  }
  if (limits.maxAttemptsPerAssessment !== null) {
    const max = limits.maxAttemptsPerAssessment;
    for (const a of [...facts.assessments].sort((x, y) => x.position - y.position)) {
      const attempts = Math.max(0, ...facts.results.filter((r) => r.assessmentId === a.id).map((r) => r.attempt));
      if (attempts > max) out.push({ rule: "maxAttempts", message: `${nameOf(a)} has ${plural(attempts, "attempt")}; the most allowed is ${formatNumber(max)}.` });
    }
  }
  return out;
}

/**
 * The most concurrent enrollments guardrail, when enrolling: null when the student may take one
 * more course of the program type (`active` = their active enrollments of that type now).
 */
export function concurrentBreach(policy: Pick<RigorPolicy, "maxConcurrentPerStudent"> | null | undefined, active: number, program: string): string | null {
  const max = policy?.maxConcurrentPerStudent ?? null;
  if (max === null || active < max) return null;
  return `With this course the student would have ${plural(active + 1, `active ${program} course`)}; the district's most at once is ${formatNumber(max)}.`;
}

/** The priority rule shown when enrolling, with whether this student's grade is among the priority grades. */
export function priorityLine(policy: Pick<RigorPolicy, "priorityGrades" | "priorityNote"> | null | undefined, gradeLevel: number): string | null {
  if (!policy) return null;
  const grades = [...policy.priorityGrades].sort((a, b) => b - a);
  const note = policy.priorityNote?.trim() || null;
  if (grades.length === 0) return note;
  const list = grades.length === 1 ? `grade ${grades[0]}` : `grades ${grades.slice(0, -1).join(", ")} and ${grades.at(-1)}`;
  const mine = grades.includes(gradeLevel) ? `this student (grade ${gradeLevel}) is in a priority grade` : `this student is in grade ${gradeLevel}, not a priority grade`;
  return `Priority: ${list} first${note ? ` — ${note}` : ""}; ${mine}.`;
}

/** The guardrails in force for a course, in one line for its card ("" when none). */
export function rigorLine(limits: RigorLimits | null): string {
  if (!limits) return "";
  const parts: string[] = [];
  if (limits.minDaysEnrolled !== null) parts.push(`at least ${plural(limits.minDaysEnrolled, "day")} enrolled`);
  if (limits.minActiveMinutesPerCredit !== null) parts.push(`at least ${plural(limits.minActiveMinutesPerCredit, "active minute")} per credit when time on task is imported`);
  if (limits.requireProctoredSummative) parts.push("a proctored attempt at mastery on every summative");
  if (limits.maxAttemptsPerAssessment !== null) parts.push(`at most ${plural(limits.maxAttemptsPerAssessment, "attempt")} per assessment`);
  const list = parts.length <= 2 ? parts.join(" and ") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
  return `District rigor policy: ${list}${limits.mode === "WARN" ? " (an administrator may override with a reason)" : ""}.`;
}
