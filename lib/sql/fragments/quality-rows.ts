import "server-only";
import { sql } from "kysely";
import type { ProgramType } from "@/lib/generated/kysely/enums";
import { sqlDb } from "@/lib/sql/db";
import { qualityCounts, qualityFacts, type QualityScope } from "@/lib/sql/fragments/quality-facts";

// The program quality report's rows (lib/sql/queries/quality-rows.ts, quality-school-rows.ts): the
// facts aggregated by GROUPING SETS, per school and, with `district`, for the district too.

/**
 * The rows per school, and with `district` the district's too (the grouping sets without the
 * school): their counts. The quartiles of days to complete and the median of active seconds are
 * qualityPercentiles (quality-rows.ts), or, per school, worked out from the sorted values the row
 * carries (quality-school-rows.ts, lib/reports/quality-parts.ts) — the same values sorted once
 * rather than once for each percentile.
 */
export function qualityRowsOf(scope: QualityScope, district: boolean) {
  const c = qualityCounts();
  const [school, course, program, provider] = [sql.ref("f.schoolId"), sql.ref("f.courseId"), sql.ref("f.programType"), sql.ref("f.providerId")];
  const sets = (s: ReturnType<typeof sql.ref>[]) => [
    sql.join([...s, course, program, provider]),
    sql.join([...s, program, provider]),
    sql.join([...s, provider]),
    sql.join([...s, program]),
    sql.join(s),
  ];
  const groups = [...sets([school]), ...(district ? sets([]) : [])].map((g) => sql`(${g})`);
  return qualityFacts(sqlDb(), scope)
    .selectFrom("f")
    .select((eb) => [
      sql<number>`${scope.year}::int`.as("year"),
      // Null in the rows that sum over it (GROUPING SETS), whatever the column's type says.
      sql<string | null>`${school}`.as("schoolId"),
      sql<string | null>`${course}`.as("courseId"),
      sql<ProgramType | null>`${program}`.as("programType"),
      sql<string | null>`${provider}`.as("providerId"),
      eb.cast<number>(eb.fn.count("f.studentId").distinct(), "integer").as("students"),
      sql<number>`(count(DISTINCT ${sql.ref("f.studentId")}) FILTER (WHERE f.passed))::int`.as("completers"),
      sql<number>`(count(DISTINCT ${sql.ref("f.studentId")}) FILTER (WHERE f.next >= 1))::int`.as("sequenceStudents"),
      sql<number>`(count(DISTINCT ${sql.ref("f.studentId")}) FILTER (WHERE f.proficient IS NOT NULL))::int`.as("testedStudents"),
      sql<number>`(count(DISTINCT ${sql.ref("f.studentId")}) FILTER (WHERE f.attempts > 0))::int`.as("attemptStudents"),
      ...c,
    ])
    .groupBy(sql`GROUPING SETS (${sql.join(groups)})`);
}

/** The quartiles of days to complete (passed enrollments) and the median of active seconds, as PostgreSQL's percentile_cont. */
export const qualityPercentiles = () => [
  sql<number | null>`(percentile_cont(0.25) WITHIN GROUP (ORDER BY f.days) FILTER (WHERE f.passed))::float`.as("daysP25"),
  sql<number | null>`(percentile_cont(0.5) WITHIN GROUP (ORDER BY f.days) FILTER (WHERE f.passed))::float`.as("daysMedian"),
  sql<number | null>`(percentile_cont(0.75) WITHIN GROUP (ORDER BY f.days) FILTER (WHERE f.passed))::float`.as("daysP75"),
  sql<number | null>`(percentile_cont(0.5) WITHIN GROUP (ORDER BY f.seconds) FILTER (WHERE f.seconds IS NOT NULL))::float`.as("secondsMedian"),
];
