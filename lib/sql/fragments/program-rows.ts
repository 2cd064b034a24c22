import "server-only";
import { sql, type RawBuilder } from "kysely";
import type { ProgramType } from "@/lib/generated/kysely/enums";
import { sqlDb } from "@/lib/sql/db";
import { schoolYearsSpan } from "@/lib/sql/fragments/school-year";

// The program tables' measures (lib/reports/program.ts, DEFINITIONS.md §1) over the enrollments
// started in one school year, by the student's current school: shared by the district's rows
// (queries/program-rows.ts) and each school's rows kept apart (queries/program-school-rows.ts).
// `groupBy`: the GROUPING SETS.

/** A passed enrollment's days to complete (finished, else ended, − started), and which count. */
export const completionDays = sql`(COALESCE(${sql.ref("en.finishedOn")}, ${sql.ref("en.endedOn")}) - ${sql.ref("en.startDate")})`;
export const daysCounted = sql`${sql.ref("en.status")} = 'COMPLETED' AND ${sql.ref("en.endedOn")} IS NOT NULL`;
/** The enrollments whose awarded credit the tables sum: passed credit-recovery courses. */
export const credited = sql`${sql.ref("en.status")} = 'COMPLETED' AND ${sql.ref("oc.programType")} = 'CREDIT_RECOVERY'`;

export function programRowsOf(year: number, schools: string[] | null, groupBy: RawBuilder<unknown>) {
  const { from, to } = schoolYearsSpan([year]);
  const ended = (status: "COMPLETED" | "FAILED" | "WITHDRAWN" | "ACTIVE") => sql<number>`count(*) FILTER (WHERE ${sql.ref("en.status")} = ${status})::int`;
  const days = completionDays;
  return sqlDb()
    .selectFrom("Enrollment as en")
    .innerJoin("Student as st", "st.id", "en.studentId")
    .innerJoin("OnlineCourse as oc", "oc.id", "en.courseId")
    .innerJoin("Provider as p", "p.id", "oc.providerId")
    .select((eb) => [
      sql<number>`${year}::int`.as("year"),
      // Null in the rows that sum over it (GROUPING SETS), whatever the column's type says.
      sql<string | null>`${sql.ref("st.schoolId")}`.as("schoolId"),
      sql<ProgramType | null>`${sql.ref("oc.programType")}`.as("programType"),
      sql<string | null>`${sql.ref("p.name")}`.as("providerName"),
      eb.cast<number>(eb.fn.count("en.studentId").distinct(), "integer").as("students"),
      sql<number>`count(*)::int`.as("started"),
      ended("COMPLETED").as("passed"),
      ended("FAILED").as("failed"),
      ended("WITHDRAWN").as("withdrawn"),
      ended("ACTIVE").as("active"),
      sql<number | null>`(percentile_cont(0.5) WITHIN GROUP (ORDER BY ${days}) FILTER (WHERE ${daysCounted}))::float`.as("medianDays"),
      sql<number>`COALESCE(sum(${sql.ref("en.creditAwarded")}) FILTER (WHERE ${credited}), 0)::float`.as("credits"),
    ])
    .where((eb) => eb.and([eb.between("en.startDate", from, to), ...(schools ? [eb("st.schoolId", "=", eb.fn.any(eb.val(schools)))] : [])]))
    .groupBy(groupBy);
}
