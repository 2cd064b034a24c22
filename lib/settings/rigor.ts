import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { type Viewer, assertCan } from "@/lib/access";
import type { ProgramType } from "@/lib/generated/prisma/enums";
import type { RigorPolicy } from "@/lib/enrollments/guardrails";
import { rigorPolicies } from "@/lib/enrollments/rigor-policy";
import { PROGRAM_TYPES, type RigorPolicyInput } from "./schema";

// The district's rigor guardrails per program type (issue #18), set on Settings by district
// administrators: one RigorPolicy row per program type, and no row for one that sets nothing, so
// "no row = no guardrails" (lib/enrollments/rigor-policy.ts reads the rows for every path that
// applies them; the rule is lib/enrollments/guardrails.ts). The form's schema:
// lib/settings/schema.ts rigorPoliciesSchema.

/** A program type without a row: no limit, no priority, and the default mode. */
export const NO_RIGOR_POLICY: RigorPolicy = {
  minDaysEnrolled: null,
  minActiveMinutesPerCredit: null,
  requireProctoredSummative: false,
  maxAttemptsPerAssessment: null,
  maxConcurrentPerStudent: null,
  priorityGrades: [],
  priorityNote: null,
  mode: "REFUSE",
};

/** Whether a policy sets nothing at all (it is then stored as no row). */
export function isBlankRigorPolicy(p: RigorPolicy): boolean {
  return JSON.stringify(normalized(p)) === JSON.stringify(NO_RIGOR_POLICY);
}

/** The policy with its keys in one order and its grades sorted, so two equal policies compare equal. */
function normalized(p: RigorPolicy): RigorPolicy {
  return {
    minDaysEnrolled: p.minDaysEnrolled,
    minActiveMinutesPerCredit: p.minActiveMinutesPerCredit,
    requireProctoredSummative: p.requireProctoredSummative,
    maxAttemptsPerAssessment: p.maxAttemptsPerAssessment,
    maxConcurrentPerStudent: p.maxConcurrentPerStudent,
    priorityGrades: [...p.priorityGrades].sort((a, b) => a - b),
    priorityNote: p.priorityNote,
    mode: p.mode,
  };
}

export type RigorPolicyView = RigorPolicy & { programType: ProgramType; set: boolean };

/** Every program type in the enum's order, with its policy or blanks (`set`: it has a row). */
export async function getRigorPolicies(): Promise<RigorPolicyView[]> {
  const rows = await rigorPolicies();
  return PROGRAM_TYPES.map((programType) => {
    const row = rows.get(programType);
    return { programType, ...normalized(row ?? NO_RIGOR_POLICY), set: row !== undefined };
  });
}

/**
 * Saves the program types' policies (district admins): one transaction; a policy that sets
 * nothing deletes its row, any other is upserted; one audit event `settings.rigor` with each changed
 * program type's old and new policy (null = no row), written only when something changed.
 * Returns the program types changed, in the enum's order.
 */
export async function saveRigorPolicies(viewer: Viewer, input: RigorPolicyInput[]): Promise<{ changed: ProgramType[] }> {
  assertCan(viewer, "settings.manage");
  return db().$transaction(async (tx) => {
    const before = await rigorPolicies(tx);
    const from: Partial<Record<ProgramType, RigorPolicy | null>> = {};
    const to: Partial<Record<ProgramType, RigorPolicy | null>> = {};
    for (const { programType, ...policy } of input) {
      const old = before.get(programType);
      const was = old ? normalized(old) : null;
      const next = isBlankRigorPolicy(policy) ? null : normalized(policy);
      if (JSON.stringify(was) === JSON.stringify(next)) continue;
      if (next === null) await tx.rigorPolicy.deleteMany({ where: { programType } });
      else await tx.rigorPolicy.upsert({ where: { programType }, create: { programType, ...next }, update: next });
      from[programType] = was;
      to[programType] = next;
    }
    const changed = PROGRAM_TYPES.filter((t) => t in to);
    if (changed.length > 0) {
      await recordAudit(viewer, { action: "settings.rigor", entity: "RigorPolicy", ...(changed.length === 1 ? { entityId: changed[0] } : {}), details: { from, to } }, tx);
    }
    return { changed };
  });
}
