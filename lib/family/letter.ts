// The family progress letter's content (issue 16), from the record the student page already
// computed (lib/students/record.ts: audit, projection, courses, recovery): no figure is recomputed
// here, only put in the order of the printable plan's next steps (lib/students/plan.ts
// planNextSteps, which letter.test.ts holds equal to the English letter). Pure.
import type { PlanStepInput } from "@/lib/students/plan";
import type { StepFacts } from "./letter-templates";

export type LetterStepInput = Omit<PlanStepInput, "formatDay">;

/** The next steps as facts, most immediate first: the same steps, in the same order, as planNextSteps. */
export function letterSteps(i: LetterStepInput): StepFacts[] {
  const steps: StepFacts[] = [];
  for (const c of i.active) {
    steps.push({ kind: "finish", title: c.title, credits: c.credits, targetDate: c.targetDate, behind: c.behindPace ? { progress: c.progress, expected: c.expected } : null });
  }
  for (const t of i.toRecover) steps.push({ kind: "recover", title: t.courseTitle, schoolYear: t.schoolYear, area: t.subjectArea });
  const needs = i.audit.lines.filter((l) => l.stillNeededAfterInProgress > 0);
  if (needs.length > 0) steps.push({ kind: "requirements", needs: needs.map((l) => ({ credits: l.stillNeededAfterInProgress, area: l.area })) });
  if (i.projection.kind === "NOT_ON_TRACK") {
    // The plan's own arithmetic (planNextSteps): credits beyond a full-time load (diploma ÷ 4 a year).
    const extra = Math.max(0, i.projection.creditsNeeded - i.projection.yearsLeft * (i.audit.diplomaCredits / 4));
    steps.push(i.projection.yearsLeft > 0 ? { kind: "beyond", cohortYear: i.cohortYear, credits: extra } : { kind: "remaining", credits: i.projection.creditsNeeded });
  }
  return steps;
}
