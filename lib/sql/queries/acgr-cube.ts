import "server-only";
import { sql, type Expression, type ExpressionBuilder, type InferResult } from "kysely";
import { sqlDb, type SafeDB } from "@/lib/sql/db";

// The 4- and 5-year adjusted cohort graduation rates (lib/reports/acgr.ts acgrOutcome, DEFINITIONS.md
// §3–4) of the given cohorts, by the student's current school (Student.schoolId: the last school they
// attended in the district) and student group: one row per (cohort, school, race, gender, SPED, EL,
// low income). Each student is counted twice: with the 4-year window's group flags for den4/num4
// (and `students`), with the 5-year window's for den5/num5 (groups.ts windowFlags).
// `schools` null: every school; else only those.

type Eb = ExpressionBuilder<SafeDB & { st: SafeDB["Student"] }, "st">;
/** August 31 of the cohort year (4-year window) or of the year after (5-year window). */
const windowEnd = (years: 4 | 5) => sql<Date>`make_date(${sql.ref("st.cohortYear")}${years === 5 ? sql` + 1` : sql``}, 8, 31)`;
/** The cohort's high-school years, 9th grade (cohort − 4) to the 4th (− 1) or 5th year (cohort). */
const inHighSchool = (years: 4 | 5) =>
  sql<boolean>`${sql.ref("y.schoolYear")} BETWEEN ${sql.ref("st.cohortYear")} - 4 AND ${sql.ref("st.cohortYear")}${years === 4 ? sql` - 1` : sql``}`;

/** A student's status history, read once: graduated in each window, how it starts, the status at each window's end. */
function history(eb: Eb) {
  // A status that removes the student from the cohort: emigrated, deceased, documented transfer out.
  const exits = sql<boolean>`${sql.ref("e.kind")} IN ('EMIGRATED', 'DECEASED') OR (${sql.ref("e.kind")} = 'TRANSFERRED_OUT' AND ${sql.ref("e.documented")} IS TRUE)`;
  const graduatedBy = (years: 4 | 5) =>
    sql<boolean | null>`bool_or(${sql.ref("e.kind")} = 'GRADUATED' AND ${sql.ref("e.credential")} = 'REGULAR_DIPLOMA' AND ${sql.ref("e.effectiveDate")} <= ${windowEnd(years)})`;
  // The last event on or before the window's end (recorded order), as "is it an exit".
  const exitedBy = (years: 4 | 5) =>
    sql<
      boolean | null
    >`(array_agg(${exits} ORDER BY ${sql.ref("e.effectiveDate")} DESC, ${sql.ref("e.sequence")} DESC) FILTER (WHERE ${sql.ref("e.effectiveDate")} <= ${windowEnd(years)}))[1]`;
  return eb
    .selectFrom("StatusEvent as e")
    .whereRef("e.studentId", "=", "st.id")
    .select([
      graduatedBy(4).as("grad4"),
      graduatedBy(5).as("grad5"),
      sql<string | null>`(array_agg(${sql.ref("e.kind")} ORDER BY ${sql.ref("e.effectiveDate")}, ${sql.ref("e.sequence")}))[1]`.as("firstKind"),
      sql<Date | null>`min(${sql.ref("e.effectiveDate")}) FILTER (WHERE ${sql.ref("e.kind")} = 'ENTERED')`.as("firstEntered"),
      exitedBy(4).as("last4"),
      exitedBy(5).as("last5"),
    ])
    .as("a");
}

/**
 * The roll rows, read once: the first October 1 roll, and the group flags (groups.ts windowFlags)
 * over the cohort's high-school years — flagged in any year of the window, else (bool_or ignores
 * nulls) the current flag, taken in the query below.
 */
function rolls(eb: Eb) {
  const flagged = (col: "y.specialEducation" | "y.englishLearner" | "y.lowIncome", years: 4 | 5) =>
    sql<boolean | null>`bool_or(${sql.ref(col)}) FILTER (WHERE ${inHighSchool(years)})`;
  return eb
    .selectFrom("StudentYear as y")
    .whereRef("y.studentId", "=", "st.id")
    .select([
      sql<Date | null>`make_date(min(${sql.ref("y.schoolYear")}) FILTER (WHERE ${sql.ref("y.enrolledOct1")}), 10, 1)`.as("firstRoll"),
      flagged("y.specialEducation", 4).as("sped4"),
      flagged("y.englishLearner", 4).as("el4"),
      flagged("y.lowIncome", 4).as("li4"),
      flagged("y.specialEducation", 5).as("sped5"),
      flagged("y.englishLearner", 5).as("el5"),
      flagged("y.lowIncome", 5).as("li5"),
    ])
    .as("r");
}

export function acgrCube(cohorts: number[], schools: string[] | null) {
  const inWindow = (grad: Expression<boolean | null>, last: Expression<boolean | null>, years: 4 | 5) =>
    sql<boolean>`(${grad} IS TRUE OR ((${sql.ref("joined")} IS NULL OR ${sql.ref("joined")} <= make_date(${sql.ref("cohortYear")}${years === 5 ? sql` + 1` : sql``}, 8, 31)) AND ${last} IS NOT TRUE))`;
  const counted = (n: 4 | 5, also?: "in4" | "in5" | "in4g" | "in5g") =>
    sql<number>`count(*) FILTER (WHERE ${sql.ref("w.n")} = ${sql.lit(n)}${also === "in4" ? sql` AND in4` : also === "in5" ? sql` AND in5` : also === "in4g" ? sql` AND in4 AND grad4` : also === "in5g" ? sql` AND in5 AND grad5` : sql``})::int`;
  // Each student twice: the 4-year window's flags and the 5-year window's.
  const windows = sql<{
    n: number;
    specialEducation: boolean;
    englishLearner: boolean;
    lowIncome: boolean;
  }>`(VALUES (4, c.sped4, c.el4, c.li4), (5, c.sped5, c.el5, c.li5))`.as<"w">(sql`w(n, "specialEducation", "englishLearner", "lowIncome")`);
  return sqlDb()
    .with("s", (db) =>
      db
        .selectFrom("Student as st")
        .crossJoinLateral(history)
        .crossJoinLateral(rolls)
        .select((eb) => [
          "st.id",
          "st.schoolId",
          "st.cohortYear",
          "st.raceEthnicity",
          "st.gender",
          "a.grad4",
          "a.grad5",
          "a.last4",
          "a.last5",
          eb.fn.coalesce("r.sped4", "st.specialEducation").as("sped4"),
          eb.fn.coalesce("r.el4", "st.englishLearner").as("el4"),
          eb.fn.coalesce("r.li4", "st.lowIncome").as("li4"),
          eb.fn.coalesce("r.sped5", "st.specialEducation").as("sped5"),
          eb.fn.coalesce("r.el5", "st.englishLearner").as("el5"),
          eb.fn.coalesce("r.li5", "st.lowIncome").as("li5"),
          // When the student joined (acgr.ts joinedOn): NULL = from 9th grade.
          sql<Date | null>`CASE WHEN ${sql.ref("a.firstKind")} IS NOT NULL AND ${sql.ref("a.firstKind")} <> 'ENTERED' THEN NULL ELSE LEAST(${sql.ref("a.firstEntered")}, ${sql.ref("r.firstRoll")}) END`.as(
            "joined",
          ),
        ])
        .where((eb) => eb("st.cohortYear", "=", eb.fn.any(eb.val(cohorts))))
        .$if(schools !== null, (q) => q.where((eb) => eb("st.schoolId", "=", eb.fn.any(eb.val(schools!))))),
    )
    .with("c", (db) =>
      db
        .selectFrom("s")
        .selectAll()
        .select([inWindow(sql.ref("grad4"), sql.ref("last4"), 4).as("in4"), inWindow(sql.ref("grad5"), sql.ref("last5"), 5).as("in5")]),
    )
    .selectFrom("c")
    .crossJoinLateral(windows)
    .select([
      "c.cohortYear as year",
      "c.schoolId",
      "c.raceEthnicity",
      "c.gender",
      "w.specialEducation",
      "w.englishLearner",
      "w.lowIncome",
      counted(4).as("students"),
      counted(4, "in4").as("den4"),
      counted(4, "in4g").as("num4"),
      counted(5, "in5").as("den5"),
      counted(5, "in5g").as("num5"),
    ])
    .groupBy(sql`1, 2, 3, 4, 5, 6, 7`);
}

export type AcgrCubeRow = InferResult<ReturnType<typeof acgrCube>>[number];
