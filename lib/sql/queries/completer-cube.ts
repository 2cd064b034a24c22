import "server-only";
import { sql, type InferResult } from "kysely";
import { sqlDb } from "@/lib/sql/db";
import { schoolYearOf } from "@/lib/sql/fragments/school-year";

// Credit-recovery completers (lib/reports/completers.ts, DEFINITIONS.md §2) of the given years
// (September 1 – August 31), by the student's current school, student group, grade at completion
// (completerGrade) and what became of them (completerFate: a regular diploma by the year's end or
// later, else the last status event in recorded order). `schools` null: every school; else only those.

/** The completer year (September 1 start, completers.ts completerYearOf). */
const COMPLETER_YEAR_START_MONTH = 9;

export function completerCube(years: number[], schools: string[] | null) {
  const from = new Date(`${Math.min(...years)}-09-01`);
  const to = new Date(`${Math.max(...years) + 1}-08-31`);
  return (
    sqlDb()
      // Each student who passed a credit-recovery course in a year, once per year.
      .with("c", (db) =>
        db
          .selectFrom("Enrollment as en")
          .innerJoin("OnlineCourse as oc", "oc.id", "en.courseId")
          .innerJoin("Student as s", "s.id", "en.studentId")
          .distinct()
          .select([schoolYearOf(sql.ref("en.endedOn"), COMPLETER_YEAR_START_MONTH).as("yr"), "en.studentId"])
          .where((eb) =>
            eb.and([
              eb("en.status", "=", "COMPLETED"),
              eb("oc.programType", "=", "CREDIT_RECOVERY"),
              eb.between("en.endedOn", from, to),
              ...(schools ? [eb("s.schoolId", "=", eb.fn.any(eb.val(schools)))] : []),
            ]),
          ),
      )
      // Their first regular diploma.
      .with("g", (db) =>
        db
          .selectFrom("StatusEvent as e")
          .select((eb) => ["e.studentId", eb.fn.min("e.effectiveDate").as("d")])
          .where("e.kind", "=", "GRADUATED")
          .where("e.credential", "=", "REGULAR_DIPLOMA")
          .where("e.studentId", "in", (eb) => eb.selectFrom("c").select("c.studentId"))
          .groupBy("e.studentId"),
      )
      .with("k", (db) =>
        db
          .selectFrom("c")
          .innerJoin("Student as st", "st.id", "c.studentId")
          .leftJoin("g", "g.studentId", "c.studentId")
          // The roll row of the completion year: its grade and group flags, where it gives them.
          .leftJoin("StudentYear as fy", (j) => j.onRef("fy.studentId", "=", "c.studentId").onRef("fy.schoolYear", "=", "c.yr"))
          .select((eb) => [
            "c.yr",
            "c.studentId",
            "st.schoolId",
            "st.raceEthnicity",
            "st.gender",
            eb.fn.coalesce("fy.specialEducation", "st.specialEducation").as("specialEducation"),
            eb.fn.coalesce("fy.englishLearner", "st.englishLearner").as("englishLearner"),
            eb.fn.coalesce("fy.lowIncome", "st.lowIncome").as("lowIncome"),
            "g.d as grad",
            sql<number>`LEAST(13, GREATEST(9, COALESCE(${sql.ref("fy.gradeLevel")}, 12 - (${sql.ref("st.cohortYear")} - 1 - ${sql.ref("c.yr")}))))`.as("grade"),
            eb
              .selectFrom("StatusEvent as e")
              .select("e.kind")
              .whereRef("e.studentId", "=", "c.studentId")
              .orderBy("e.effectiveDate", "desc")
              .orderBy("e.sequence", "desc")
              .limit(1)
              .as("last"),
          ])
          .where((eb) => eb.and([eb("c.yr", "=", eb.fn.any(eb.val(years))), ...(schools ? [eb("st.schoolId", "=", eb.fn.any(eb.val(schools)))] : [])])),
      )
      .selectFrom("k")
      .select((eb) => {
        const count = (where?: ReturnType<typeof sql<boolean>>) => (where ? sql<number>`count(*) FILTER (WHERE ${where})::int` : sql<number>`count(*)::int`);
        const notGraduated = sql<boolean>`${sql.ref("grad")} IS NULL`;
        return [
          "k.yr as year",
          "k.schoolId",
          "k.raceEthnicity",
          "k.gender",
          "k.specialEducation",
          "k.englishLearner",
          "k.lowIncome",
          "k.grade",
          count().as("completers"),
          count(sql<boolean>`${sql.ref("grad")} <= make_date(${sql.ref("yr")} + 1, 8, 31)`).as("byYearEnd"),
          eb.cast<number>(eb.fn.count("k.grad"), "integer").as("byNow"),
          count(sql<boolean>`${notGraduated} AND (${sql.ref("last")} IS NULL OR ${sql.ref("last")} IN ('ENTERED', 'REENGAGED'))`).as("stillEnrolled"),
          count(sql<boolean>`${notGraduated} AND ${sql.ref("last")} = 'DROPPED_OUT'`).as("droppedOut"),
          count(sql<boolean>`${notGraduated} AND ${sql.ref("last")} NOT IN ('ENTERED', 'REENGAGED', 'DROPPED_OUT')`).as("exited"),
        ];
      })
      .groupBy(sql`1, 2, 3, 4, 5, 6, 7, 8`)
  );
}

export type CompleterCubeRow = InferResult<ReturnType<typeof completerCube>>[number];
