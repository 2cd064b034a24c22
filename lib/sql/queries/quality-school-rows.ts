import "server-only";
import { sql, type InferResult } from "kysely";
import type { QualityScope } from "@/lib/sql/fragments/quality-facts";
import { qualityRowsOf } from "@/lib/sql/fragments/quality-rows";

// Each school's program quality rows (quality-rows.ts's per-school GROUPING SETS: by course, by
// program type and provider, by provider, by program type, and the school's total) with the parts
// the district's rows are put together from (lib/reports/quality-parts.ts): the sorted days to
// complete of the passed enrollments, the sorted active seconds of the timed ones, and the credits
// in tenths. One row set per school, kept per school by lib/reports/cache.ts cachedSchoolRows.

export function qualitySchoolRows(scope: Omit<QualityScope, "schools">, schools: string[] | null) {
  const [days, seconds] = [sql.ref("f.days"), sql.ref("f.seconds")];
  return qualityRowsOf({ ...scope, schools }, false).select([
    sql<number[] | null>`array_agg(${days} ORDER BY ${days}) FILTER (WHERE f.passed AND ${days} IS NOT NULL)`.as("days"),
    sql<number[] | null>`array_agg(${seconds} ORDER BY ${seconds}) FILTER (WHERE ${seconds} IS NOT NULL)`.as("seconds"),
    // Decimal(3, 1): tenths add up exactly.
    sql<number>`COALESCE(sum(${sql.ref("f.credit")} * 10) FILTER (WHERE f.passed), 0)::int`.as("creditTenths"),
  ]);
}

export type QualitySchoolRow = InferResult<ReturnType<typeof qualitySchoolRows>>[number];
