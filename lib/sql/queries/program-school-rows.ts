import "server-only";
import { sql, type InferResult } from "kysely";
import { completionDays, credited, daysCounted, programRowsOf } from "@/lib/sql/fragments/program-rows";

// Each school's program table rows (program-rows.ts's per-school GROUPING SETS: by program type and
// provider, and the school's total) with the parts the district's rows are put together from: the
// sorted completion days and the credits in tenths (lib/reports/program-parts.ts). One row set per
// school, kept per school by lib/reports/cache.ts cachedSchoolRows.

export function programSchoolRows(year: number, schools: string[] | null) {
  const [school, program, provider] = [sql.ref("st.schoolId"), sql.ref("oc.programType"), sql.ref("p.name")];
  return programRowsOf(year, schools, sql`GROUPING SETS ((${school}, ${program}, ${provider}), (${school}))`).select([
    sql<number[] | null>`array_agg(${completionDays}::int ORDER BY ${completionDays}) FILTER (WHERE ${daysCounted})`.as("days"),
    // Decimal(3, 1): tenths add up exactly.
    sql<number>`COALESCE(sum(${sql.ref("en.creditAwarded")} * 10) FILTER (WHERE ${credited}), 0)::int`.as("creditTenths"),
  ]);
}

export type ProgramSchoolRow = InferResult<ReturnType<typeof programSchoolRows>>[number];
