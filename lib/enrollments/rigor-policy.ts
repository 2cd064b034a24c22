import "server-only";
import { db, type Db, type Tx } from "@/lib/db";
import type { ProgramType } from "@/lib/generated/prisma/enums";
import { rigorPolicyRows } from "@/lib/sql/queries/rigor-policy-rows";
import type { RigorPolicy } from "./guardrails";

// The district's rigor policy (RigorPolicy rows, issue #18), read here by every path that applies
// the guardrails: the card's complete action (complete.ts), the student page's priority lines,
// enrolling (enroll.ts), the provider progress import (lib/imports/progress) and Settings — inside a
// write's transaction through Prisma, otherwise by a prepared statement (rigor-policy-rows.ts);
// lib/students/page-reads.int.test.ts holds the two equal. (lib/students/record.ts reads each
// enrollment's row in its own SQL.) The rule itself is guardrails.ts.

const select = {
  programType: true,
  minDaysEnrolled: true,
  minActiveMinutesPerCredit: true,
  requireProctoredSummative: true,
  maxAttemptsPerAssessment: true,
  maxConcurrentPerStudent: true,
  priorityGrades: true,
  priorityNote: true,
  mode: true,
} as const;

/**
 * Every program type's policy that is set (a type without a row has no guardrails): read in the
 * transaction `tx` when given, else by a prepared statement (the student page reads it every view).
 */
export async function rigorPolicies(tx?: Tx): Promise<Map<ProgramType, RigorPolicy>> {
  const rows = tx ? await tx.rigorPolicy.findMany({ select }) : await rigorPolicyRows();
  return new Map(rows.map(({ programType, ...p }) => [programType, p]));
}

/** One program type's policy, or null when none is set. */
export async function rigorPolicyFor(programType: ProgramType, client: Db | Tx = db()): Promise<RigorPolicy | null> {
  const row = await client.rigorPolicy.findUnique({ where: { programType }, select });
  if (!row) return null;
  const { programType: _, ...p } = row;
  return p;
}
