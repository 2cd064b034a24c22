import "server-only";
import { sql, type InferResult } from "kysely";
import type { ProgramType } from "@/lib/generated/kysely/enums";
import { sqlDb } from "@/lib/sql/db";
import { schoolYearsSpan } from "@/lib/sql/fragments/school-year";

// Program results (lib/reports/program.ts, DEFINITIONS.md §1) of the enrollments started in one
// school year, by program type and provider and in total (GROUPING SETS; null programType = all
// programs): per school when `schools` is given; for the district (null schoolId) and every school
// otherwise, in one pass over the year's enrollments. Medians and distinct students are not
// additive, so every level is computed here rather than summed.

export function programRows(year: number, schools: string[] | null) {
  const { from, to } = schoolYearsSpan([year]);
  const ended = (status: "COMPLETED" | "FAILED" | "WITHDRAWN" | "ACTIVE") => sql<number>`count(*) FILTER (WHERE ${sql.ref("en.status")} = ${status})::int`;
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
      sql<
        number | null
      >`(percentile_cont(0.5) WITHIN GROUP (ORDER BY (COALESCE(${sql.ref("en.finishedOn")}, ${sql.ref("en.endedOn")}) - ${sql.ref("en.startDate")})) FILTER (WHERE ${sql.ref("en.status")} = 'COMPLETED' AND ${sql.ref("en.endedOn")} IS NOT NULL))::float`.as(
        "medianDays",
      ),
      sql<number>`COALESCE(sum(${sql.ref("en.creditAwarded")}) FILTER (WHERE ${sql.ref("en.status")} = 'COMPLETED' AND ${sql.ref("oc.programType")} = 'CREDIT_RECOVERY'), 0)::float`.as(
        "credits",
      ),
    ])
    .where((eb) => eb.and([eb.between("en.startDate", from, to), ...(schools ? [eb("st.schoolId", "=", eb.fn.any(eb.val(schools)))] : [])]))
    .groupBy(
      schools
        ? sql`GROUPING SETS ((${sql.ref("st.schoolId")}, ${sql.ref("oc.programType")}, ${sql.ref("p.name")}), (${sql.ref("st.schoolId")}))`
        : sql`GROUPING SETS ((${sql.ref("st.schoolId")}, ${sql.ref("oc.programType")}, ${sql.ref("p.name")}), (${sql.ref("st.schoolId")}), (${sql.ref("oc.programType")}, ${sql.ref("p.name")}), ())`,
    );
}

export type ProgramRowsRow = InferResult<ReturnType<typeof programRows>>[number];
