import "server-only";
import { sql, type InferResult } from "kysely";
import { sqlDb } from "@/lib/sql/db";
import { schoolYearOf, schoolYearsSpan } from "@/lib/sql/fragments/school-year";

// Access to online courses (lib/reports/access.ts, DEFINITIONS.md §7), by student group: for each
// of the given school years, the students on the October 1 roll in grades 9–12 (StudentYear,
// enrolledOct1), by the roll's school, and how many of them started at least one credit-recovery,
// original-credit and advanced-placement course that school year (an enrollment's start date in
// July 1 – June 30, whatever became of it). Students, not enrollments, on both sides. The group
// flags are the year's roll row's where it gives them, else the student's current flags.
// `schools` null: every school; else only those.

export function accessCube(years: number[], schools: string[] | null) {
  const { from, to } = schoolYearsSpan(years);
  const startYear = schoolYearOf(sql.ref("en.startDate"));
  return (
    sqlDb()
      // Each student's program types started in each year (one row per student and year).
      .with("e", (db) =>
        db
          .selectFrom("Enrollment as en")
          .innerJoin("OnlineCourse as oc", "oc.id", "en.courseId")
          .select((eb) => [
            "en.studentId",
            startYear.as("yr"),
            // One small integer of flags per student and year (1 credit recovery, 2 original credit, 4
            // advanced placement): half the time of three bool_or aggregates on the 60k bench, whose
            // wider state spilled the hash aggregate to disk.
            eb.fn<number>("bit_or", [sql<number>`CASE ${sql.ref("oc.programType")} WHEN 'CREDIT_RECOVERY' THEN 1 WHEN 'ORIGINAL_CREDIT' THEN 2 ELSE 4 END`]).as("p"),
          ])
          .where((eb) =>
            eb.and([
              eb.between("en.startDate", from, to),
              eb("oc.programType", "in", ["CREDIT_RECOVERY", "ORIGINAL_CREDIT", "ADVANCED_PLACEMENT"]),
              // One school's figures read only its roll's students' enrollments.
              ...(schools
                ? [
                    eb(
                      "en.studentId",
                      "in",
                      eb
                        .selectFrom("StudentYear as ry")
                        .select("ry.studentId")
                        .where((ib) => ib.and([ib("ry.schoolId", "=", ib.fn.any(ib.val(schools))), ib("ry.schoolYear", "=", ib.fn.any(ib.val(years)))])),
                    ),
                  ]
                : []),
            ]),
          )
          .groupBy(["en.studentId", sql`2`]),
      )
      .selectFrom("StudentYear as y")
      .innerJoin("Student as st", "st.id", "y.studentId")
      .leftJoin("e", (j) => j.onRef("e.studentId", "=", "y.studentId").onRef("e.yr", "=", "y.schoolYear"))
      .select((eb) => [
        "y.schoolYear as year",
        "y.schoolId",
        "st.raceEthnicity",
        "st.gender",
        eb.fn.coalesce("y.specialEducation", "st.specialEducation").as("specialEducation"),
        eb.fn.coalesce("y.englishLearner", "st.englishLearner").as("englishLearner"),
        eb.fn.coalesce("y.lowIncome", "st.lowIncome").as("lowIncome"),
        eb.cast<number>(eb.fn.countAll(), "integer").as("students"),
        eb.cast<number>(eb.fn.countAll().filterWhere(sql<number>`${sql.ref("e.p")} & 1`, ">", 0), "integer").as("creditRecovery"),
        eb.cast<number>(eb.fn.countAll().filterWhere(sql<number>`${sql.ref("e.p")} & 2`, ">", 0), "integer").as("originalCredit"),
        eb.cast<number>(eb.fn.countAll().filterWhere(sql<number>`${sql.ref("e.p")} & 4`, ">", 0), "integer").as("advancedPlacement"),
      ])
      .where((eb) =>
        eb.and([
          eb("y.schoolYear", "=", eb.fn.any(eb.val(years))),
          eb("y.enrolledOct1", "=", true),
          eb("y.gradeLevel", ">=", 9),
          eb("y.gradeLevel", "<=", 12),
          ...(schools ? [eb("y.schoolId", "=", eb.fn.any(eb.val(schools)))] : []),
        ]),
      )
      .groupBy(sql`1, 2, 3, 4, 5, 6, 7`)
  );
}

export type AccessCubeRow = InferResult<ReturnType<typeof accessCube>>[number];
