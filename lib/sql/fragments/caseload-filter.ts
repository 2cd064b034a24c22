import "server-only";
import { expressionBuilder, sql, type Expression, type SqlBool } from "kysely";
import type { StudentStatus } from "@/lib/generated/kysely/enums";
import type { SafeDB } from "@/lib/sql/db";
import { studentInScope, type ScopeActor } from "./scope";

/**
 * The caseload's SQL-expressible filters (lib/students/schema.ts CaseloadParams, read by
 * lib/students/caseload.ts). `who`: the person whose scope applies (lib/access.ts studentScope),
 * or null for a job's read (the daily risk snapshot), which names its school instead.
 */
export type CaseloadFilter = {
  who: ScopeActor | null;
  only?: string[];
  school?: string;
  counselor?: string;
  status?: StudentStatus;
  grade?: number;
  cohort?: number;
  flags?: ("SPED" | "EL" | "LOW_INCOME")[];
  /** Search words: each starts a first name, last name or SIS id (case-insensitive). */
  words?: string[];
};

/** The filter as a predicate over the student table aliased `s`. */
export function caseloadWhere(f: CaseloadFilter): Expression<SqlBool> {
  const eb = expressionBuilder<SafeDB & { s: SafeDB["Student"] }, "s">();
  const and: Expression<SqlBool>[] = [];
  if (f.who) and.push(studentInScope(f.who));
  if (f.only) and.push(sql<SqlBool>`${sql.ref("s.id")} = ANY(${f.only}::text[])`);
  if (f.school) and.push(eb("s.schoolId", "=", f.school));
  if (f.counselor) and.push(eb("s.counselorId", "=", f.counselor));
  if (f.status) and.push(eb("s.status", "=", sql<StudentStatus>`${f.status}::"StudentStatus"`));
  if (f.grade !== undefined) and.push(eb("s.gradeLevel", "=", f.grade));
  if (f.cohort !== undefined) and.push(eb("s.cohortYear", "=", f.cohort));
  if (f.flags?.includes("SPED")) and.push(eb.ref("s.specialEducation"));
  if (f.flags?.includes("EL")) and.push(eb.ref("s.englishLearner"));
  if (f.flags?.includes("LOW_INCOME")) and.push(eb.ref("s.lowIncome"));
  // The LIKE wildcards in a word are matched literally.
  for (const word of (f.words ?? []).slice(0, 4)) {
    const prefix = `${word.replace(/[\\%_]/g, "\\$&")}%`;
    and.push(eb.or([eb("s.firstName", "ilike", prefix), eb("s.lastName", "ilike", prefix), eb("s.sisId", "ilike", prefix)]));
  }
  return eb.and(and);
}
