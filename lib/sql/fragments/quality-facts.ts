import "server-only";
import { sql, type Kysely } from "kysely";
import type { SafeDB } from "@/lib/sql/db";
import { dayActiveSeconds } from "@/lib/sql/fragments/last-active-day";
import { schoolYearOf, schoolYearsSpan } from "@/lib/sql/fragments/school-year";

// The program quality report's facts, one row per enrollment (lib/reports/quality.ts, DEFINITIONS.md
// §8), as CTEs the quality queries (quality-rows.ts, quality-cube.ts) aggregate. The enrollments are
// those started in school year `year` (July 1 – June 30), by the student's current school, with the
// group flags of the start year's roll row where it gives them, else the student's current flags —
// the same enrollments, schools and flags as the course completion figure (program-cube.ts,
// program-rows.ts), so the report's totals are the summary's.
//
// Of each passed enrollment (status COMPLETED, as the course completion figure counts it):
//   - days: the day the work was finished (Enrollment.finishedOn, as the completion rule counted
//     it; else the end date) − start date (calendar days); active seconds: the sum of its days' active
//     seconds (dayActiveSeconds, the guardrail's rule), null when no time on task was imported;
//   - too fast: fewer days than the minimum of the course or its program type's policy
//     (RigorPolicy.minDaysEnrolled), or fewer active minutes than the minimum per credit × the
//     course's credits when time on task is known — the thresholds of the completion guardrails
//     (lib/enrollments/guardrails.ts);
//   - next course: the course's SIS codes (the failed course it replaces, else the codes it
//     recovers, and its own code) have a next course in the district's sequence (CourseSequence);
//     took it: a transcript row of a next course from the school year of completion on; passed it:
//     such a row with credit earned;
//   - state test: the student's first state test result in the course's subject from the school
//     year of completion or the next one (StateTestResult), proficient as the file says, else by
//     its level (`levels`: DistrictSettings.proficientLevels, lower case);
//   - graduated: a regular diploma on record (StatusEvent GRADUATED, REGULAR_DIPLOMA), by now.
// Of every enrollment, its summative attempts (AssessmentResult of SUMMATIVE assessments): how many,
// proctored (true), not stated (null), retakes (attempt > 1), and the summatives attempted.

export type QualityScope = { year: number; schools: string[] | null; levels: string[] };

export function qualityFacts(db: Kysely<SafeDB>, { year, schools, levels }: QualityScope) {
  const { from, to } = schoolYearsSpan([year]);
  return (
    db
      .with("e", (q) =>
        q
          .selectFrom("Enrollment as en")
          .innerJoin("Student as st", "st.id", "en.studentId")
          .innerJoin("OnlineCourse as oc", "oc.id", "en.courseId")
          .leftJoin("RigorPolicy as rp", "rp.programType", "oc.programType")
          .leftJoin("TranscriptCourse as rep", "rep.id", "en.replacesId")
          .leftJoin("StudentYear as fy", (j) => j.onRef("fy.studentId", "=", "st.id").on("fy.schoolYear", "=", year))
          .select((eb) => [
            "en.id",
            "en.studentId",
            "st.schoolId",
            "oc.providerId",
            "en.courseId",
            "oc.programType",
            "oc.subjectArea",
            "st.raceEthnicity",
            "st.gender",
            eb.fn.coalesce("fy.specialEducation", "st.specialEducation").as("specialEducation"),
            eb.fn.coalesce("fy.englishLearner", "st.englishLearner").as("englishLearner"),
            eb.fn.coalesce("fy.lowIncome", "st.lowIncome").as("lowIncome"),
            "en.status",
            "en.startDate",
            "en.endedOn",
            sql<boolean>`(${sql.ref("en.status")} = 'COMPLETED')`.as("passed"),
            // To the day the work was finished, as the completion rule counted it (credit.ts finishedOn).
            sql<Date | null>`COALESCE(${sql.ref("en.finishedOn")}, ${sql.ref("en.endedOn")})`.as("finishedOn"),
            sql<number | null>`(COALESCE(${sql.ref("en.finishedOn")}, ${sql.ref("en.endedOn")}) - ${sql.ref("en.startDate")})`.as("days"),
            sql<number | null>`${schoolYearOf(sql.ref("en.endedOn"))}`.as("doneYear"),
            eb.fn.coalesce("oc.minDaysEnrolled", "rp.minDaysEnrolled").as("minDays"),
            sql<number | null>`(COALESCE(${sql.ref("oc.minActiveMinutesPerCredit")}, ${sql.ref("rp.minActiveMinutesPerCredit")}) * ${sql.ref("oc.credits")} * 60)::float`.as(
              "minSeconds",
            ),
            // Decimal(3, 1), summed as numeric (exact: the sum of a district's rows is the schools' sums).
            sql<string>`COALESCE(${sql.ref("en.creditAwarded")}, 0)`.as("credit"),
            sql<boolean>`(${sql.ref("en.overrideAt")} IS NOT NULL)`.as("overridden"),
            sql<
              string[]
            >`(CASE WHEN ${sql.ref("rep.courseCode")} IS NOT NULL THEN ARRAY[${sql.ref("rep.courseCode")}] ELSE ${sql.ref("oc.recovers")} END || ${sql.ref("oc.providerCourseCode")})`.as(
              "codes",
            ),
          ])
          .where((eb) => eb.and([eb.between("en.startDate", from, to), ...(schools ? [eb("st.schoolId", "=", eb.fn.any(eb.val(schools)))] : [])])),
      )
      // Time on task of the passed enrollments: each day by the one rule, then summed.
      .with("act", (q) =>
        q
          .selectFrom(
            q
              .selectFrom("ActivitySession as act")
              .select(["act.enrollmentId", sql<number>`${dayActiveSeconds()}`.as("s")])
              .where("act.enrollmentId", "in", (s) => s.selectFrom("e").select("e.id").where("e.passed", "=", true))
              .groupBy(["act.enrollmentId", "act.day"])
              .as("d"),
          )
          .select(["d.enrollmentId", sql<number>`sum(${sql.ref("d.s")})::float`.as("seconds")])
          .groupBy("d.enrollmentId"),
      )
      .with("res", (q) =>
        q
          .selectFrom("AssessmentResult as r")
          .innerJoin("CourseAssessment as ca", "ca.id", "r.assessmentId")
          .select((eb) => [
            "r.enrollmentId",
            eb.cast<number>(eb.fn.countAll(), "integer").as("attempts"),
            eb.cast<number>(eb.fn.countAll().filterWhere("r.proctored", "=", true), "integer").as("proctored"),
            eb.cast<number>(eb.fn.countAll().filterWhere("r.proctored", "is", null), "integer").as("unstated"),
            eb.cast<number>(eb.fn.countAll().filterWhere("r.attempt", ">", 1), "integer").as("retakes"),
            eb.cast<number>(eb.fn.count("r.assessmentId").distinct(), "integer").as("summatives"),
          ])
          .where((eb) => eb.and([eb("ca.kind", "=", "SUMMATIVE"), eb("r.enrollmentId", "in", eb.selectFrom("e").select("e.id"))]))
          .groupBy("r.enrollmentId"),
      )
      .with("f", (q) =>
        q
          .selectFrom("e")
          .leftJoin("act", "act.enrollmentId", "e.id")
          .leftJoin("res", "res.enrollmentId", "e.id")
          .select((eb) => [
            "e.id",
            "e.studentId",
            "e.schoolId",
            "e.providerId",
            "e.courseId",
            "e.programType",
            "e.raceEthnicity",
            "e.gender",
            "e.specialEducation",
            "e.englishLearner",
            "e.lowIncome",
            "e.status",
            "e.startDate",
            "e.endedOn",
            "e.finishedOn",
            "e.passed",
            "e.days",
            "e.credit",
            "e.overridden",
            sql<number | null>`(CASE WHEN ${sql.ref("e.passed")} THEN ${sql.ref("act.seconds")} END)`.as("seconds"),
            sql<boolean>`(${sql.ref("e.passed")} AND (${sql.ref("e.days")} < ${sql.ref("e.minDays")} OR ${sql.ref("act.seconds")} < ${sql.ref("e.minSeconds")}))`.as("tooFast"),
            sql<number>`COALESCE(${sql.ref("res.attempts")}, 0)`.as("attempts"),
            sql<number>`COALESCE(${sql.ref("res.proctored")}, 0)`.as("proctored"),
            sql<number>`COALESCE(${sql.ref("res.unstated")}, 0)`.as("unstated"),
            sql<number>`COALESCE(${sql.ref("res.retakes")}, 0)`.as("retakes"),
            sql<number>`COALESCE(${sql.ref("res.summatives")}, 0)`.as("summatives"),
            // Next course in the district's sequence, and what the transcript says of it.
            eb
              .selectFrom("CourseSequence as cs")
              .leftJoin("TranscriptCourse as tc", (j) =>
                j.onRef("tc.courseCode", "=", "cs.nextCode").onRef("tc.studentId", "=", "e.studentId").onRef("tc.schoolYear", ">=", "e.doneYear"),
              )
              .select(
                sql<number>`(CASE WHEN count(*) = 0 THEN 0 WHEN bool_or(${sql.ref("tc.creditsEarned")} > 0) THEN 3 WHEN bool_or(${sql.ref("tc.id")} IS NOT NULL) THEN 2 ELSE 1 END)`.as(
                  "n",
                ),
              )
              .where((w) => w.and([w(sql.ref("e.passed"), "=", true), w("cs.courseCode", "=", sql<string>`ANY(${sql.ref("e.codes")})`)]))
              .$asScalar()
              .$castTo<number | null>()
              .as("next"),
            // The first state test result in the course's subject, from the year of completion on.
            eb
              .selectFrom("StateTestResult as t")
              .select(sql<boolean>`COALESCE(${sql.ref("t.proficient")}, lower(${sql.ref("t.level")}) = ANY(${levels}::text[]))`.as("p"))
              .where((w) =>
                w.and([
                  w(sql.ref("e.passed"), "=", true),
                  w.eb("t.studentId", "=", w.ref("e.studentId")),
                  w("t.subjectArea", "=", w.ref("e.subjectArea")),
                  w("t.schoolYear", ">=", w.ref("e.doneYear")),
                  w("t.schoolYear", "<=", sql<number>`${sql.ref("e.doneYear")} + 1`),
                ]),
              )
              .orderBy("t.schoolYear")
              .orderBy("t.test")
              .limit(1)
              .$asScalar()
              .$castTo<boolean | null>()
              .as("proficient"),
            // A scalar subquery, not EXISTS: PostgreSQL may run an EXISTS in the select list as one
            // hashed pass over every diploma of the district, which for one school's ~800
            // enrollments was a third of the statement (26,000 events read, ~20 of 58 ms on the
            // district seed); a scalar subquery is one index probe per passed enrollment, and
            // cost the same for the whole district (1.15 s either way).
            sql<boolean>`(${sql.ref("e.passed")} AND (SELECT 1 FROM "StatusEvent" g WHERE g."studentId" = ${sql.ref("e.studentId")} AND g.kind = 'GRADUATED' AND g.credential = 'REGULAR_DIPLOMA' LIMIT 1) IS NOT NULL)`.as(
              "graduated",
            ),
          ]),
      )
  );
}

/** The sums every quality aggregate carries (additive over enrollments), over the facts `f`. */
export function qualityCounts() {
  const n = (cond: string) => sql<number>`(count(*) FILTER (WHERE ${sql.raw(cond)}))::int`;
  const sum = (col: string, cond = "true") => sql<number>`(COALESCE(sum(${sql.ref(`f.${col}`)}) FILTER (WHERE ${sql.raw(cond)}), 0))::int`;
  return [
    sql<number>`count(*)::int`.as("started"),
    n(`f.passed`).as("passed"),
    n(`f.status = 'FAILED'`).as("failed"),
    n(`f.status = 'WITHDRAWN'`).as("withdrawn"),
    n(`f.status = 'ACTIVE'`).as("active"),
    sql<number>`(COALESCE(sum(${sql.ref("f.credit")}) FILTER (WHERE f.passed), 0))::float`.as("credits"),
    n(`f."tooFast"`).as("tooFast"),
    n(`f.passed AND f.overridden`).as("overridden"),
    n(`f.graduated`).as("graduated"),
    n(`f.seconds IS NOT NULL`).as("timed"),
    sum("attempts").as("attempts"),
    sum("proctored").as("proctored"),
    sum("unstated").as("unstated"),
    sum("retakes").as("retakes"),
    sum("attempts", "f.passed").as("passedAttempts"),
    sum("summatives", "f.passed").as("passedSummatives"),
    n(`f.next >= 1`).as("inSequence"),
    n(`f.next >= 2`).as("tookNext"),
    n(`f.next = 3`).as("passedNext"),
    n(`f.proficient IS NOT NULL`).as("tested"),
    n(`f.proficient`).as("proficient"),
  ] as const;
}
