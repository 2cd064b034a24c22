// Ground truth for the report integration tests: the definitions applied student by student (the
// pure functions), and the same figures from hand-written SQL independent of lib/reports/sql.ts.
import { db } from "@/lib/db";
import { acgrOutcome } from "../acgr";
import { dropoutOutcome } from "../dropout";
import { completerOutcome } from "../completers";
import { programResult } from "../program";

/** The definitions applied student by student (the pure functions), for one school. */
export async function byDefinition(schoolId: string, YEAR: number) {
  const students = await db().student.findMany({
    include: { statusEvents: { orderBy: [{ effectiveDate: "asc" }, { sequence: "asc" }] }, years: true, enrollments: { include: { course: true } } },
  });
  const here = students.filter((s) => s.schoolId === schoolId);
  const acgr = (cohort: number, years: 4 | 5) => {
    const rolls = (s: (typeof here)[number]) => s.years.filter((y) => y.enrolledOct1).map((y) => y.schoolYear);
    const o = here.filter((s) => s.cohortYear === cohort).map((s) => acgrOutcome(s.statusEvents, cohort, years, rolls(s)));
    return { numerator: o.filter((x) => x.inCohort && x.graduated).length, denominator: o.filter((x) => x.inCohort).length };
  };
  // A school without a roll for the year counts no dropouts (DEFINITIONS.md §5).
  const rolled = students.some((s) => s.years.some((y) => y.schoolYear === YEAR && y.schoolId === schoolId));
  const dropouts = students.filter((s) => {
    const o = dropoutOutcome(s.statusEvents, YEAR);
    return rolled && o.counted && o.schoolId === schoolId;
  }).length;
  const october1 = students.filter((s) =>
    s.years.some((y) => y.schoolYear === YEAR && y.schoolId === schoolId && y.enrolledOct1 && y.gradeLevel >= 9 && y.gradeLevel <= 12),
  ).length;
  const comp = here
    .map((s) =>
      completerOutcome(
        s.enrollments.map((e) => ({ ...e, programType: e.course.programType })),
        s.statusEvents,
        YEAR,
      ),
    )
    .filter((o) => o.completer);
  const prog = programResult(
    here.flatMap((s) => s.enrollments.map((e) => ({ ...e, programType: e.course.programType, creditAwarded: e.creditAwarded == null ? null : Number(e.creditAwarded) }))),
    YEAR,
  );
  return {
    acgr4: acgr(YEAR + 1, 4),
    acgr5: acgr(YEAR, 5),
    dropout: { numerator: dropouts, denominator: october1 },
    completers: { numerator: comp.filter((o) => o.graduatedByYearEnd).length, denominator: comp.length },
    program: { numerator: prog.passed, denominator: prog.passed + prog.failed + prog.withdrawn },
    prog,
  };
}

/** The same figures from hand-written SQL, independent of lib/reports/sql.ts. */
export async function byIndependentSql(schoolId: string, YEAR: number) {
  const acgr = async (cohort: number, years: number) => {
    const [r] = await db().$queryRawUnsafe<{ num: number; den: number }[]>(
      `WITH cut AS (SELECT make_date($1::int + $2::int - 4, 8, 31) AS d),
       last AS (
         SELECT DISTINCT ON (e."studentId") e."studentId", e.kind, e.documented
         FROM "StatusEvent" e, cut WHERE e."effectiveDate" <= cut.d
         ORDER BY e."studentId", e."effectiveDate" DESC, e.sequence DESC),
       grad AS (
         SELECT DISTINCT e."studentId" FROM "StatusEvent" e, cut
         WHERE e.kind = 'GRADUATED' AND e.credential = 'REGULAR_DIPLOMA' AND e."effectiveDate" <= cut.d),
       first AS (
         SELECT DISTINCT ON (e."studentId") e."studentId", e.kind FROM "StatusEvent" e ORDER BY e."studentId", e."effectiveDate", e.sequence),
       arrival AS (
         SELECT e."studentId", min(e."effectiveDate") AS d FROM "StatusEvent" e WHERE e.kind = 'ENTERED' GROUP BY 1
         UNION ALL
         SELECT y."studentId", make_date(min(y."schoolYear"), 10, 1) FROM "StudentYear" y WHERE y."enrolledOct1" GROUP BY 1),
       joined AS (
         SELECT s.id, CASE WHEN f.kind IS NOT NULL AND f.kind <> 'ENTERED' THEN NULL
                           ELSE (SELECT min(a.d) FROM arrival a WHERE a."studentId" = s.id) END AS d
         FROM "Student" s LEFT JOIN first f ON f."studentId" = s.id),
       c AS (
         SELECT s.id, g."studentId" IS NOT NULL AS graduate,
           g."studentId" IS NOT NULL
           OR ((j.d IS NULL OR j.d <= (SELECT d FROM cut))
               AND (l."studentId" IS NULL OR (l.kind NOT IN ('EMIGRATED', 'DECEASED') AND NOT (l.kind = 'TRANSFERRED_OUT' AND l.documented)))) AS member
         FROM "Student" s JOIN joined j ON j.id = s.id LEFT JOIN last l ON l."studentId" = s.id LEFT JOIN grad g ON g."studentId" = s.id
         WHERE s."cohortYear" = $1 AND s."schoolId" = $3)
       SELECT count(*) FILTER (WHERE member AND graduate)::int AS num, count(*) FILTER (WHERE member)::int AS den FROM c`,
      cohort,
      years,
      schoolId,
    );
    return { numerator: r.num, denominator: r.den };
  };
  const [drop] = await db().$queryRawUnsafe<{ num: number; den: number }[]>(
    `WITH last_drop AS (
       SELECT DISTINCT ON ("studentId") "studentId", "schoolId", "effectiveDate", sequence FROM "StatusEvent"
       WHERE kind = 'DROPPED_OUT' AND "gradeLevel" BETWEEN 9 AND 12 AND "effectiveDate" BETWEEN make_date($1, 7, 1) AND make_date($1 + 1, 6, 30)
       ORDER BY "studentId", "effectiveDate" DESC, sequence DESC)
     SELECT (SELECT count(*) FROM last_drop d WHERE d."schoolId" = $2
             AND EXISTS (SELECT 1 FROM "StudentYear" r WHERE r."schoolId" = $2 AND r."schoolYear" = $1) AND NOT EXISTS (
               SELECT 1 FROM "StatusEvent" r WHERE r."studentId" = d."studentId" AND (r."effectiveDate", r.sequence) > (d."effectiveDate", d.sequence)
               AND r."effectiveDate" <= make_date($1 + 1, 10, 1) AND r.kind IN ('REENGAGED', 'ENTERED', 'GRADUATED', 'EARNED_EQUIVALENCY')))::int AS num,
            (SELECT count(*) FROM "StudentYear" WHERE "schoolYear" = $1 AND "schoolId" = $2 AND "enrolledOct1" AND "gradeLevel" BETWEEN 9 AND 12)::int AS den`,
    YEAR,
    schoolId,
  );
  const [comp] = await db().$queryRawUnsafe<{ num: number; den: number }[]>(
    `SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "StatusEvent" g WHERE g."studentId" = s.id AND g.kind = 'GRADUATED'
              AND g.credential = 'REGULAR_DIPLOMA' AND g."effectiveDate" <= make_date($1 + 1, 8, 31)))::int AS num, count(*)::int AS den
     FROM "Student" s WHERE s."schoolId" = $2 AND EXISTS (
       SELECT 1 FROM "Enrollment" e JOIN "OnlineCourse" c ON c.id = e."courseId" WHERE e."studentId" = s.id AND e.status = 'COMPLETED'
       AND c."programType" = 'CREDIT_RECOVERY' AND e."endedOn" BETWEEN make_date($1, 9, 1) AND make_date($1 + 1, 8, 31))`,
    YEAR,
    schoolId,
  );
  const [prog] = await db().$queryRawUnsafe<{ num: number; den: number }[]>(
    `SELECT count(*) FILTER (WHERE e.status = 'COMPLETED')::int AS num, count(*) FILTER (WHERE e.status <> 'ACTIVE')::int AS den
     FROM "Enrollment" e JOIN "Student" s ON s.id = e."studentId"
     WHERE s."schoolId" = $2 AND e."startDate" BETWEEN make_date($1, 7, 1) AND make_date($1 + 1, 6, 30)`,
    YEAR,
    schoolId,
  );
  return {
    acgr4: await acgr(YEAR + 1, 4),
    acgr5: await acgr(YEAR, 5),
    dropout: { numerator: drop.num, denominator: drop.den },
    completers: { numerator: comp.num, denominator: comp.den },
    program: { numerator: prog.num, denominator: prog.den },
  };
}
