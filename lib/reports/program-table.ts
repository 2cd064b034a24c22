// The program-results table (figure 1) as shown and exported. Counts of enrollments by program and
// provider are operational figures and are shown as they are; the rates and the median describe
// students' outcomes, so they follow the small-group rule (suppression.ts): "—" when fewer than 6
// students are behind the row.
import type { ProgramRow } from "./sql";
import type { ProgramResult } from "./program";
import { percent } from "./acgr";
import { isSuppressed } from "./suppression";

export type ProgramTableRow = ProgramResult & {
  programType: string | null;
  providerName: string | null;
  suppressed: boolean;
};

const ORDER = ["CREDIT_RECOVERY", "ORIGINAL_CREDIT", "ADVANCED_PLACEMENT", "SKILL_DEVELOPMENT", "DROPOUT_PREVENTION"];

/** Rows of one school (or the district) by program type and provider, then the total row (programType null). */
export function suppressProgram(rows: ProgramRow[]): ProgramTableRow[] {
  return rows
    .map((r): ProgramTableRow => {
      const suppressed = isSuppressed(r.students);
      return {
        programType: r.programType,
        providerName: r.providerName,
        students: r.students,
        started: r.started,
        completed: r.passed + r.failed,
        passed: r.passed,
        failed: r.failed,
        withdrawn: r.withdrawn,
        active: r.active,
        completionRate: suppressed ? null : percent(r.passed, r.passed + r.failed + r.withdrawn),
        medianDaysToComplete: suppressed || r.medianDays == null ? null : Math.round(r.medianDays * 10) / 10,
        creditsRecovered: Math.round(r.credits * 10) / 10,
        suppressed,
      };
    })
    .sort((a, b) => {
      const rank = (t: string | null) => (t == null ? 99 : ORDER.indexOf(t));
      return rank(a.programType) - rank(b.programType) || (a.providerName ?? "").localeCompare(b.providerName ?? "");
    });
}

export const PROGRAM_LABEL: Record<string, string> = {
  CREDIT_RECOVERY: "Credit recovery",
  ORIGINAL_CREDIT: "Original credit",
  ADVANCED_PLACEMENT: "Advanced Placement",
  SKILL_DEVELOPMENT: "Skill development",
  DROPOUT_PREVENTION: "Dropout prevention",
};
