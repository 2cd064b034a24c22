import "server-only";
import { sql, type InferResult } from "kysely";
import { sqlDb } from "@/lib/sql/db";
import { schoolYearOf, schoolYearsSpan } from "@/lib/sql/fragments/school-year";

// The MA DESE annual dropout rate (lib/reports/dropout.ts dropoutOutcome, DEFINITIONS.md §5) of the
// given school years, by the school of the dropout (numerator) and of the October 1 roll
// (denominator), and student group: one row per (year, school, race, gender, SPED, EL, low income).
// The group flags are the year's roll row's where it gives them, else the student's current flags.
// `schools` null: every school; else only those.

export function dropoutCube(years: number[], schools: string[] | null) {
  const { from, to } = schoolYearsSpan(years);
  const yearOfEvent = schoolYearOf(sql.ref("e.effectiveDate"));
  return (
    sqlDb()
      // Each student's last dropout of each year (recorded order), in grades 9–12.
      .with("d", (db) =>
        db
          .selectFrom("StatusEvent as e")
          .distinctOn(["e.studentId", yearOfEvent])
          .select(["e.studentId", "e.schoolId", "e.effectiveDate", "e.sequence", yearOfEvent.as("yr")])
          .where("e.kind", "=", "DROPPED_OUT")
          .where("e.gradeLevel", ">=", 9)
          .where("e.gradeLevel", "<=", 12)
          .where("e.effectiveDate", ">=", from)
          .where("e.effectiveDate", "<=", to)
          // For some schools: only the students with such a dropout at one of them. A student's last
          // dropout of a year is still chosen among all their dropouts (a later one elsewhere counts
          // there); one of these schools can count only a student with a dropout there.
          .$if(schools !== null, (q) =>
            q.where("e.studentId", "in", (eb) =>
              eb
                .selectFrom("StatusEvent as se")
                .select("se.studentId")
                .where("se.kind", "=", "DROPPED_OUT")
                .where((ib) => ib("se.schoolId", "=", ib.fn.any(ib.val(schools!))))
                .where("se.gradeLevel", ">=", 9)
                .where("se.gradeLevel", "<=", 12)
                .where("se.effectiveDate", ">=", from)
                .where("se.effectiveDate", "<=", to),
            ),
          )
          .orderBy("e.studentId")
          .orderBy(yearOfEvent)
          .orderBy("e.effectiveDate", "desc")
          .orderBy("e.sequence", "desc"),
      )
      // Those counted: not back (re-entry, graduation, equivalency recorded after it) by October 1.
      .with("n", (db) =>
        db
          .selectFrom("d")
          .select(["d.yr", "d.schoolId", "d.studentId"])
          .where((eb) =>
            eb.and([
              eb("d.yr", "=", eb.fn.any(eb.val(years))),
              ...(schools ? [eb("d.schoolId", "=", eb.fn.any(eb.val(schools)))] : []),
              // A school with no roll for the year (no StudentYear row: figures.ts withRollNote) has no
              // denominator, so its dropouts are left out of the numerator too (DEFINITIONS.md §5).
              eb.exists(eb.selectFrom("StudentYear as ry").select(sql.lit(1).as("one")).whereRef("ry.schoolYear", "=", "d.yr").whereRef("ry.schoolId", "=", "d.schoolId")),
              eb.not(
                eb.exists(
                  eb
                    .selectFrom("StatusEvent as r")
                    .select(sql.lit(1).as("one"))
                    .whereRef("r.studentId", "=", "d.studentId")
                    .where("r.kind", "in", ["REENGAGED", "ENTERED", "GRADUATED", "EARNED_EQUIVALENCY"])
                    .where((ib) => ib(ib.refTuple("r.effectiveDate", "r.sequence"), ">", ib.refTuple("d.effectiveDate", "d.sequence")))
                    .where("r.effectiveDate", "<=", sql<Date>`make_date(${sql.ref("d.yr")} + 1, 10, 1)`),
                ),
              ),
            ]),
          ),
      )
      // Each dropout with the roll row of its year, and each October 1 roll row (grades 9–12) itself.
      .with("x", (db) =>
        db
          .selectFrom("n")
          .leftJoin("StudentYear as fy", (j) => j.onRef("fy.studentId", "=", "n.studentId").onRef("fy.schoolYear", "=", "n.yr"))
          .select(["n.yr", "n.schoolId", "n.studentId", sql.lit(1).as("dropouts"), sql.lit(0).as("october1"), "fy.specialEducation", "fy.englishLearner", "fy.lowIncome"])
          .unionAll(
            db
              .selectFrom("StudentYear as y")
              .select([
                "y.schoolYear as yr",
                "y.schoolId",
                "y.studentId",
                sql.lit(0).as("dropouts"),
                sql.lit(1).as("october1"),
                "y.specialEducation",
                "y.englishLearner",
                "y.lowIncome",
              ])
              .where((eb) =>
                eb.and([
                  eb("y.schoolYear", "=", eb.fn.any(eb.val(years))),
                  eb("y.enrolledOct1", "=", true),
                  eb("y.gradeLevel", ">=", 9),
                  eb("y.gradeLevel", "<=", 12),
                  ...(schools ? [eb("y.schoolId", "=", eb.fn.any(eb.val(schools)))] : []),
                ]),
              ),
          ),
      )
      .selectFrom("x")
      .innerJoin("Student as st", "st.id", "x.studentId")
      .select((eb) => [
        "x.yr as year",
        "x.schoolId",
        "st.raceEthnicity",
        "st.gender",
        eb.fn.coalesce("x.specialEducation", "st.specialEducation").as("specialEducation"),
        eb.fn.coalesce("x.englishLearner", "st.englishLearner").as("englishLearner"),
        eb.fn.coalesce("x.lowIncome", "st.lowIncome").as("lowIncome"),
        eb.cast<number>(eb.fn.sum("x.dropouts"), "integer").as("dropouts"),
        eb.cast<number>(eb.fn.sum("x.october1"), "integer").as("october1"),
      ])
      .groupBy(sql`1, 2, 3, 4, 5, 6, 7`)
  );
}

export type DropoutCubeRow = InferResult<ReturnType<typeof dropoutCube>>[number];
