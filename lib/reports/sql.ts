import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { cachedRows, type Versions } from "./cache";
import type { Demographics } from "./groups";

// The report figures computed in PostgreSQL, aggregated to a small "cube": one row per
// (year, school, race, gender, SPED, EL, low income) with the counts each definition needs. The
// definitions are the pure functions of acgr.ts, dropout.ts, program.ts and completers.ts; each
// query below restates one of them in SQL (reports.int.test.ts checks that they agree).
// `schools` null = the whole district; otherwise only those schools (callers derive it from the
// viewer's scope: a school admin's list is their own school, always).
// Every query runs through the bare driver (lib/db.ts sqlRows). The connection's planner settings
// (lib/dbconfig.ts: random_page_cost = 1.1, no parallel workers) let one school's figures use the
// indexes instead of hashing every student of the district.

export type CubeKey = Demographics & { year: number; schoolId: string };
export type AcgrCube = CubeKey & { students: number; den4: number; num4: number; den5: number; num5: number };
export type DropoutCube = CubeKey & { dropouts: number; october1: number };
/** `grade` at completion (completers.ts completerGrade); non-graduates by what became of them (completerFate). */
export type CompleterCube = CubeKey & { grade: number; completers: number; byYearEnd: number; byNow: number; stillEnrolled: number; droppedOut: number; exited: number };
/** `students`: distinct students (the group's size; a student's cell is one per year and school); passed/ended count enrollments. */
export type ProgramCube = CubeKey & { students: number; passed: number; ended: number };
export type ProgramRow = {
  year: number;
  schoolId: string | null;
  programType: string | null;
  providerName: string | null;
  students: number;
  started: number;
  passed: number;
  failed: number;
  withdrawn: number;
  active: number;
  medianDays: number | null;
  credits: number;
};

/**
 * The programme and income flags of `st` for a figure whose window is one school year (groups.ts
 * windowFlags with from = to): the roll row of that year (StudentYear, at most one: its key is
 * student + year) where it gives the flag, else the student's current flag. `flagsIn` joins the row
 * as `fy`; `demo` reads the groups. The graduation rates' windows span years: acgrCubeSql aggregates them.
 */
const flagsIn = (year: Prisma.Sql, studentId = Prisma.sql`st.id`, years?: number[]) =>
  // `years`: the window of every row joined, said again so the planner reads only those years' roll rows.
  Prisma.sql`LEFT JOIN "StudentYear" fy ON fy."studentId" = ${studentId} AND fy."schoolYear" = ${year}${years ? Prisma.sql` AND fy."schoolYear" BETWEEN ${Math.min(...years)} AND ${Math.max(...years)}` : Prisma.empty}`;
const demoOf = (fy: Prisma.Sql) => Prisma.sql`st."raceEthnicity", st.gender, COALESCE(${fy}."specialEducation", st."specialEducation") AS "specialEducation",
  COALESCE(${fy}."englishLearner", st."englishLearner") AS "englishLearner", COALESCE(${fy}."lowIncome", st."lowIncome") AS "lowIncome"`;
const demo = demoOf(Prisma.sql`fy`);
const inSchools = (col: Prisma.Sql, schools: string[] | null) => (schools ? Prisma.sql`${col} = ANY(${schools})` : Prisma.sql`TRUE`);
/** The school year (July 1 start) of a date column. */
const yearOf = (col: Prisma.Sql) => Prisma.sql`(EXTRACT(YEAR FROM ${col})::int - CASE WHEN EXTRACT(MONTH FROM ${col}) < 7 THEN 1 ELSE 0 END)`;
const span = (years: number[]) => ({ from: new Date(`${Math.min(...years)}-07-01`), to: new Date(`${Math.max(...years) + 1}-06-30`) });

/**
 * 4- and 5-year ACGR (acgr.ts) of the given cohorts, by the student's current school
 * (Student.schoolId: the last school they attended in the district).
 */
export function acgrCubeSql(cohorts: number[], schools: string[] | null): Prisma.Sql {
  return Prisma.sql`
    WITH s AS (
      SELECT st.id, st."schoolId", st."cohortYear", st."raceEthnicity", st.gender, a.grad4, a.grad5, a.last4, a.last5,
             COALESCE(r.sped4, st."specialEducation") AS sped4, COALESCE(r.el4, st."englishLearner") AS el4, COALESCE(r.li4, st."lowIncome") AS li4,
             COALESCE(r.sped5, st."specialEducation") AS sped5, COALESCE(r.el5, st."englishLearner") AS el5, COALESCE(r.li5, st."lowIncome") AS li5,
             -- When the student joined (acgr.ts joinedOn): NULL = from 9th grade.
             CASE WHEN a.first_kind IS NOT NULL AND a.first_kind <> 'ENTERED' THEN NULL ELSE LEAST(a.first_entered, r.first_roll) END AS joined
      FROM "Student" st
      CROSS JOIN LATERAL (
        SELECT
          bool_or(e.kind = 'GRADUATED' AND e.credential = 'REGULAR_DIPLOMA' AND e."effectiveDate" <= make_date(st."cohortYear", 8, 31)) AS grad4,
          bool_or(e.kind = 'GRADUATED' AND e.credential = 'REGULAR_DIPLOMA' AND e."effectiveDate" <= make_date(st."cohortYear" + 1, 8, 31)) AS grad5,
          (array_agg(e.kind ORDER BY e."effectiveDate", e.sequence))[1] AS first_kind,
          min(e."effectiveDate") FILTER (WHERE e.kind = 'ENTERED') AS first_entered,
          (array_agg(e.kind IN ('EMIGRATED', 'DECEASED') OR (e.kind = 'TRANSFERRED_OUT' AND e.documented IS TRUE)
             ORDER BY e."effectiveDate" DESC, e.sequence DESC) FILTER (WHERE e."effectiveDate" <= make_date(st."cohortYear", 8, 31)))[1] AS last4,
          (array_agg(e.kind IN ('EMIGRATED', 'DECEASED') OR (e.kind = 'TRANSFERRED_OUT' AND e.documented IS TRUE)
             ORDER BY e."effectiveDate" DESC, e.sequence DESC) FILTER (WHERE e."effectiveDate" <= make_date(st."cohortYear" + 1, 8, 31)))[1] AS last5
        FROM "StatusEvent" e WHERE e."studentId" = st.id
      ) a
      -- The roll rows, read once: the first October 1 roll, and the group flags (groups.ts windowFlags)
      -- over the cohort's high-school years, 9th grade (cohort − 4) to the 4th (− 1) or 5th year;
      -- flagged in any year of the window, else (bool_or ignores nulls) the current flag, above.
      CROSS JOIN LATERAL (
        SELECT make_date(min(y."schoolYear") FILTER (WHERE y."enrolledOct1"), 10, 1) AS first_roll,
          bool_or(y."specialEducation") FILTER (WHERE y."schoolYear" BETWEEN st."cohortYear" - 4 AND st."cohortYear" - 1) AS sped4,
          bool_or(y."englishLearner") FILTER (WHERE y."schoolYear" BETWEEN st."cohortYear" - 4 AND st."cohortYear" - 1) AS el4,
          bool_or(y."lowIncome") FILTER (WHERE y."schoolYear" BETWEEN st."cohortYear" - 4 AND st."cohortYear" - 1) AS li4,
          bool_or(y."specialEducation") FILTER (WHERE y."schoolYear" BETWEEN st."cohortYear" - 4 AND st."cohortYear") AS sped5,
          bool_or(y."englishLearner") FILTER (WHERE y."schoolYear" BETWEEN st."cohortYear" - 4 AND st."cohortYear") AS el5,
          bool_or(y."lowIncome") FILTER (WHERE y."schoolYear" BETWEEN st."cohortYear" - 4 AND st."cohortYear") AS li5
        FROM "StudentYear" y WHERE y."studentId" = st.id
      ) r
      WHERE st."cohortYear" = ANY(${cohorts}) AND ${inSchools(Prisma.sql`st."schoolId"`, schools)}
    ), c AS (
      SELECT *, (grad4 IS TRUE OR ((joined IS NULL OR joined <= make_date("cohortYear", 8, 31)) AND last4 IS NOT TRUE)) AS in4,
                (grad5 IS TRUE OR ((joined IS NULL OR joined <= make_date("cohortYear" + 1, 8, 31)) AND last5 IS NOT TRUE)) AS in5
      FROM s
    )
    -- Each student twice: with the 4-year window's flags for den4/num4 (and students), the 5-year one's for den5/num5.
    SELECT "cohortYear" AS year, "schoolId", "raceEthnicity", gender, w."specialEducation", w."englishLearner", w."lowIncome",
      count(*) FILTER (WHERE w.n = 4)::int AS students, count(*) FILTER (WHERE w.n = 4 AND in4)::int AS den4, count(*) FILTER (WHERE w.n = 4 AND in4 AND grad4)::int AS num4,
      count(*) FILTER (WHERE w.n = 5 AND in5)::int AS den5, count(*) FILTER (WHERE w.n = 5 AND in5 AND grad5)::int AS num5
    FROM c CROSS JOIN LATERAL (VALUES (4, c.sped4, c.el4, c.li4), (5, c.sped5, c.el5, c.li5)) w(n, "specialEducation", "englishLearner", "lowIncome")
    GROUP BY 1, 2, 3, 4, 5, 6, 7`;
}

/** MA DESE annual dropout rate (dropout.ts) of the given school years, by the school of the dropout / October 1 roll. */
export function dropoutCubeSql(years: number[], schools: string[] | null): Prisma.Sql {
  const { from, to } = span(years);
  return Prisma.sql`
    WITH d AS (
      SELECT DISTINCT ON (e."studentId", ${yearOf(Prisma.sql`e."effectiveDate"`)})
        e."studentId", e."schoolId", e."effectiveDate", e.sequence, ${yearOf(Prisma.sql`e."effectiveDate"`)} AS yr
      FROM "StatusEvent" e
      WHERE e.kind = 'DROPPED_OUT' AND e."gradeLevel" BETWEEN 9 AND 12 AND e."effectiveDate" BETWEEN ${from} AND ${to}
      ORDER BY e."studentId", ${yearOf(Prisma.sql`e."effectiveDate"`)}, e."effectiveDate" DESC, e.sequence DESC
    ), n AS (
      SELECT d.yr, d."schoolId", d."studentId" FROM d
      WHERE d.yr = ANY(${years}) AND ${inSchools(Prisma.sql`d."schoolId"`, schools)}
        -- A school with no roll for the year (no StudentYear row: figures.ts withRollNote) has no
        -- denominator, so its dropouts are left out of the numerator too (DEFINITIONS.md §5).
        AND EXISTS (SELECT 1 FROM "StudentYear" ry WHERE ry."schoolYear" = d.yr AND ry."schoolId" = d."schoolId")
        AND NOT EXISTS (
          SELECT 1 FROM "StatusEvent" r
          WHERE r."studentId" = d."studentId" AND r.kind IN ('REENGAGED', 'ENTERED', 'GRADUATED', 'EARNED_EQUIVALENCY')
            AND (r."effectiveDate", r.sequence) > (d."effectiveDate", d.sequence) AND r."effectiveDate" <= make_date(d.yr + 1, 10, 1))
    ), x AS (
      -- Each with the roll row of its year as \`fy\` (flagsIn): a dropout's looked up, a roll row's itself.
      SELECT n.yr, n."schoolId", n."studentId", 1 AS dropouts, 0 AS october1, fy."specialEducation", fy."englishLearner", fy."lowIncome"
      FROM n LEFT JOIN "StudentYear" fy ON fy."studentId" = n."studentId" AND fy."schoolYear" = n.yr
      UNION ALL
      SELECT y."schoolYear", y."schoolId", y."studentId", 0, 1, y."specialEducation", y."englishLearner", y."lowIncome" FROM "StudentYear" y
      WHERE y."schoolYear" = ANY(${years}) AND y."enrolledOct1" AND y."gradeLevel" BETWEEN 9 AND 12 AND ${inSchools(Prisma.sql`y."schoolId"`, schools)}
    )
    SELECT x.yr AS year, x."schoolId", ${demoOf(Prisma.sql`x`)}, sum(x.dropouts)::int AS dropouts, sum(x.october1)::int AS october1
    FROM x JOIN "Student" st ON st.id = x."studentId"
    GROUP BY 1, 2, 3, 4, 5, 6, 7`;
}

/** The completer year (September 1 start, completers.ts completerYearOf) of a date column. */
const completerYearOf = (col: Prisma.Sql) => Prisma.sql`(EXTRACT(YEAR FROM ${col})::int - CASE WHEN EXTRACT(MONTH FROM ${col}) < 9 THEN 1 ELSE 0 END)`;

/**
 * Completers who graduated (completers.ts) of the given years (September 1 – August 31), by the
 * student's current school, grade at completion (completerGrade) and what became of them
 * (completerFate: the last status event in recorded order decides for non-graduates).
 */
export function completerCubeSql(years: number[], schools: string[] | null): Prisma.Sql {
  const from = new Date(`${Math.min(...years)}-09-01`);
  const to = new Date(`${Math.max(...years) + 1}-08-31`);
  return Prisma.sql`
    WITH c AS (
      SELECT DISTINCT ${completerYearOf(Prisma.sql`en."endedOn"`)} AS yr, en."studentId"
      FROM "Enrollment" en JOIN "OnlineCourse" oc ON oc.id = en."courseId" JOIN "Student" s ON s.id = en."studentId"
      WHERE en.status = 'COMPLETED' AND oc."programType" = 'CREDIT_RECOVERY' AND en."endedOn" BETWEEN ${from} AND ${to}
        AND ${inSchools(Prisma.sql`s."schoolId"`, schools)}
    ), g AS (
      SELECT e."studentId", min(e."effectiveDate") AS d FROM "StatusEvent" e
      WHERE e.kind = 'GRADUATED' AND e.credential = 'REGULAR_DIPLOMA' AND e."studentId" IN (SELECT "studentId" FROM c)
      GROUP BY 1
    ), k AS (
      SELECT c.yr, c."studentId", st."schoolId", ${demo}, g.d AS grad,
        LEAST(13, GREATEST(9, COALESCE(fy."gradeLevel", 12 - (st."cohortYear" - 1 - c.yr)))) AS grade,
        (SELECT e.kind FROM "StatusEvent" e WHERE e."studentId" = c."studentId" ORDER BY e."effectiveDate" DESC, e.sequence DESC LIMIT 1) AS last
      FROM c JOIN "Student" st ON st.id = c."studentId" LEFT JOIN g ON g."studentId" = c."studentId"
        ${flagsIn(Prisma.sql`c.yr`, Prisma.sql`c."studentId"`)}
      WHERE c.yr = ANY(${years}) AND ${inSchools(Prisma.sql`st."schoolId"`, schools)}
    )
    SELECT yr AS year, "schoolId", "raceEthnicity", gender, "specialEducation", "englishLearner", "lowIncome", grade, count(*)::int AS completers,
      count(*) FILTER (WHERE grad <= make_date(yr + 1, 8, 31))::int AS "byYearEnd", count(grad)::int AS "byNow",
      count(*) FILTER (WHERE grad IS NULL AND (last IS NULL OR last IN ('ENTERED', 'REENGAGED')))::int AS "stillEnrolled",
      count(*) FILTER (WHERE grad IS NULL AND last = 'DROPPED_OUT')::int AS "droppedOut",
      count(*) FILTER (WHERE grad IS NULL AND last NOT IN ('ENTERED', 'REENGAGED', 'DROPPED_OUT'))::int AS exited
    FROM k GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`;
}

/** Program completion rate (program.ts) by group: students, and passed and ended enrollments started in each year. */
export function programCubeSql(years: number[], schools: string[] | null): Prisma.Sql {
  const { from, to } = span(years);
  return Prisma.sql`
    SELECT ${yearOf(Prisma.sql`en."startDate"`)} AS year, st."schoolId", ${demo},
      count(DISTINCT en."studentId")::int AS students,
      count(*) FILTER (WHERE en.status = 'COMPLETED')::int AS passed,
      count(*) FILTER (WHERE en.status <> 'ACTIVE')::int AS ended
    FROM "Enrollment" en JOIN "Student" st ON st.id = en."studentId"
      ${flagsIn(yearOf(Prisma.sql`en."startDate"`), Prisma.sql`st.id`, years)}
    WHERE en."startDate" BETWEEN ${from} AND ${to} AND ${inSchools(Prisma.sql`st."schoolId"`, schools)}
    GROUP BY 1, 2, 3, 4, 5, 6, 7`;
}

/**
 * Program results (program.ts) for one school year by program type and provider, and the total
 * (GROUPING SETS; null programType = all programs): per school when `schools` is given; for the
 * district (null schoolId) and every school otherwise, in one pass over the year's enrollments.
 * Medians and distinct students are not additive, so every level is computed here rather than summed.
 */
export function programRowsSql(year: number, schools: string[] | null): Prisma.Sql {
  const { from, to } = span([year]);
  return Prisma.sql`
    SELECT ${year}::int AS year, st."schoolId", oc."programType"::text AS "programType", p.name AS "providerName",
      count(DISTINCT en."studentId")::int AS students, count(*)::int AS started,
      count(*) FILTER (WHERE en.status = 'COMPLETED')::int AS passed,
      count(*) FILTER (WHERE en.status = 'FAILED')::int AS failed,
      count(*) FILTER (WHERE en.status = 'WITHDRAWN')::int AS withdrawn,
      count(*) FILTER (WHERE en.status = 'ACTIVE')::int AS active,
      (percentile_cont(0.5) WITHIN GROUP (ORDER BY (en."endedOn" - en."startDate")) FILTER (WHERE en.status = 'COMPLETED' AND en."endedOn" IS NOT NULL))::float AS "medianDays",
      COALESCE(sum(en."creditAwarded") FILTER (WHERE en.status = 'COMPLETED' AND oc."programType" = 'CREDIT_RECOVERY'), 0)::float AS credits
    FROM "Enrollment" en
    JOIN "Student" st ON st.id = en."studentId"
    JOIN "OnlineCourse" oc ON oc.id = en."courseId"
    JOIN "Provider" p ON p.id = oc."providerId"
    WHERE en."startDate" BETWEEN ${from} AND ${to} AND ${inSchools(Prisma.sql`st."schoolId"`, schools)}
    GROUP BY GROUPING SETS ((st."schoolId", oc."programType", p.name), (st."schoolId")${schools ? Prisma.empty : Prisma.sql`, (oc."programType", p.name), ()`})`;
}

// Each aggregate with the sources it reads (cache.ts: computed once per version of them); `v`: the
// request's versions read (cache.ts reportVersions), else each reads its own.
export const acgrCube = (cohorts: number[], schools: string[] | null, v?: Versions) =>
  cachedRows<AcgrCube>(["students", "statusEvents", "rolls"], acgrCubeSql(cohorts, schools), v);
export const dropoutCube = (years: number[], schools: string[] | null, v?: Versions) =>
  cachedRows<DropoutCube>(["students", "statusEvents", "rolls"], dropoutCubeSql(years, schools), v);
export const completerCube = (years: number[], schools: string[] | null, v?: Versions) =>
  cachedRows<CompleterCube>(["students", "statusEvents", "rolls", "enrollments"], completerCubeSql(years, schools), v);
export const programCube = (years: number[], schools: string[] | null, v?: Versions) =>
  cachedRows<ProgramCube>(["students", "rolls", "enrollments"], programCubeSql(years, schools), v);
export const programRows = (year: number, schools: string[] | null, v?: Versions) =>
  cachedRows<ProgramRow>(["students", "enrollments"], programRowsSql(year, schools), v);
/** Each school's students and October 1 roll rows of `year` (queries.ts rollCoverage): which figures have no roll. */
export const schoolCounts = (year: number, schools: string[] | null, v?: Versions) =>
  cachedRows<{ id: string; students: number; rollRows: number }>(
    ["students", "rolls"],
    Prisma.sql`
      SELECT s.id, (SELECT count(*) FROM "Student" st WHERE st."schoolId" = s.id)::int AS students,
        (SELECT count(*) FROM "StudentYear" y WHERE y."schoolId" = s.id AND y."schoolYear" = ${year})::int AS "rollRows"
      FROM "School" s WHERE ${inSchools(Prisma.sql`s.id`, schools)}`,
    v,
  );
