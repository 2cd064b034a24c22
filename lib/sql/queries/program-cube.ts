import "server-only";
import { sql, type InferResult } from "kysely";
import { sqlDb } from "@/lib/sql/db";
import { schoolYearOf, schoolYearsSpan } from "@/lib/sql/fragments/school-year";

// The online course completion rate (lib/reports/program.ts, DEFINITIONS.md §1) by student group:
// the enrollments started in each of the given school years, passed and ended, and the distinct
// students, by the student's current school. The group flags are the start year's roll row's where
// it gives them, else the student's current flags. `schools` null: every school; else only those.

export function programCube(years: number[], schools: string[] | null) {
  const { from, to } = schoolYearsSpan(years);
  const startYear = schoolYearOf(sql.ref("en.startDate"));
  return (
    sqlDb()
      .selectFrom("Enrollment as en")
      .innerJoin("Student as st", "st.id", "en.studentId")
      // The window said again so the planner reads only those years' roll rows.
      .leftJoin("StudentYear as fy", (j) =>
        j
          .onRef("fy.studentId", "=", "st.id")
          .on("fy.schoolYear", "=", startYear)
          .on((eb) => eb.between("fy.schoolYear", Math.min(...years), Math.max(...years))),
      )
      .select((eb) => [
        startYear.as("year"),
        "st.schoolId",
        "st.raceEthnicity",
        "st.gender",
        eb.fn.coalesce("fy.specialEducation", "st.specialEducation").as("specialEducation"),
        eb.fn.coalesce("fy.englishLearner", "st.englishLearner").as("englishLearner"),
        eb.fn.coalesce("fy.lowIncome", "st.lowIncome").as("lowIncome"),
        eb.cast<number>(eb.fn.count("en.studentId").distinct(), "integer").as("students"),
        eb.cast<number>(eb.fn.countAll().filterWhere("en.status", "=", "COMPLETED"), "integer").as("passed"),
        eb.cast<number>(eb.fn.countAll().filterWhere("en.status", "<>", "ACTIVE"), "integer").as("ended"),
      ])
      .where((eb) => eb.and([eb.between("en.startDate", from, to), ...(schools ? [eb("st.schoolId", "=", eb.fn.any(eb.val(schools)))] : [])]))
      .groupBy(sql`1, 2, 3, 4, 5, 6, 7`)
  );
}

export type ProgramCubeRow = InferResult<ReturnType<typeof programCube>>[number];
