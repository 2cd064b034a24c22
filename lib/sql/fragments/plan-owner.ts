import "server-only";
import { sql, type Expression, type RawBuilder, type SqlBool } from "kysely";
import type { SafeDB } from "@/lib/sql/db";

/** A column of "User" aliased `u`, its name checked against the schema. */
const u = (column: keyof SafeDB["User"] & string) => sql.ref(`u.${column}`);

/**
 * Who may own an intervention plan of a student, as a predicate over the user aliased `u`: an
 * active user who is the student's counselor, an administrator of the student's school, or a
 * district administrator. The SQL form of lib/plans/plans.ts ownerWhere (the plan writes check
 * it there), for the reads that offer the choices: the student page's plans section (one student)
 * and the caseload's bulk plan form (the page's students). `counselors` and `schools`: the
 * students' counselor ids and school ids, as text[] expressions.
 * lib/students/page-reads.int.test.ts compares it with ownerWhere.
 */
export function planOwner(counselors: Expression<string[]>, schools: Expression<string[]>): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${u("active")} AND (${u("id")} = ANY(${counselors}) OR (${u("role")} = 'SCHOOL_ADMIN' AND ${u("schoolId")} = ANY(${schools})) OR ${u("role")} = 'DISTRICT_ADMIN'))`;
}
