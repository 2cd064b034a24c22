import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeUser, viewerOf } from "@/lib/test/factory";
import { ForbiddenError, NotFoundError, type Viewer } from "@/lib/access";
import { getDistrictSummary, getGraduation, getSchoolSummary, getDropout, getCompleters, getProgram } from "./queries";
import { getDrill } from "./drill";
import { acgrOutcome } from "./acgr";
import { dropoutOutcome } from "./dropout";
import { completerOutcome } from "./completers";
import { programResult } from "./program";
import { makeWorld } from "./test/world";
import { drillParams } from "./schema";

useTestDatabase();

const YEAR = 2024; // 2024-25: 4-year rate of the class of 2025, 5-year rate of the class of 2024
let schools: { id: string; name: string }[];
let district: Viewer;
let alphaAdmin: Viewer;
let counselor: Viewer;

beforeAll(async () => {
  ({ schools } = await makeWorld());
  district = viewerOf(await makeUser("DISTRICT_ADMIN", null));
  alphaAdmin = viewerOf(await makeUser("SCHOOL_ADMIN", schools[0].id));
  counselor = viewerOf(await makeUser("COUNSELOR", schools[0].id));
});

/** The definitions applied student by student (the pure functions), for one school. */
async function byDefinition(schoolId: string) {
  const students = await db().student.findMany({
    include: { statusEvents: { orderBy: [{ effectiveDate: "asc" }, { createdAt: "asc" }, { id: "asc" }] }, years: true, enrollments: { include: { course: true } } },
  });
  const here = students.filter((s) => s.schoolId === schoolId);
  const acgr = (cohort: number, years: 4 | 5) => {
    const o = here.filter((s) => s.cohortYear === cohort).map((s) => acgrOutcome(s.statusEvents, cohort, years));
    return { numerator: o.filter((x) => x.inCohort && x.graduated).length, denominator: o.filter((x) => x.inCohort).length };
  };
  const dropouts = students.filter((s) => {
    const o = dropoutOutcome(s.statusEvents, YEAR);
    return o.counted && o.schoolId === schoolId;
  }).length;
  const october1 = students.filter((s) => s.years.some((y) => y.schoolYear === YEAR && y.schoolId === schoolId && y.enrolledOct1 && y.gradeLevel >= 9 && y.gradeLevel <= 12)).length;
  const comp = here.map((s) => completerOutcome(s.enrollments.map((e) => ({ ...e, programType: e.course.programType })), s.statusEvents, YEAR)).filter((o) => o.completer);
  const prog = programResult(here.flatMap((s) => s.enrollments.map((e) => ({ ...e, programType: e.course.programType, creditAwarded: e.creditAwarded == null ? null : Number(e.creditAwarded) }))), YEAR);
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
async function byIndependentSql(schoolId: string) {
  const acgr = async (cohort: number, years: number) => {
    const [r] = await db().$queryRawUnsafe<{ num: number; den: number }[]>(
      `WITH cut AS (SELECT make_date($1::int + $2::int - 4, 8, 31) AS d),
       last AS (
         SELECT DISTINCT ON (e."studentId") e."studentId", e.kind, e.documented
         FROM "StatusEvent" e, cut WHERE e."effectiveDate" <= cut.d
         ORDER BY e."studentId", e."effectiveDate" DESC, e."createdAt" DESC, e.id DESC),
       grad AS (
         SELECT DISTINCT e."studentId" FROM "StatusEvent" e, cut
         WHERE e.kind = 'GRADUATED' AND e.credential = 'REGULAR_DIPLOMA' AND e."effectiveDate" <= cut.d),
       c AS (
         SELECT s.id, g."studentId" IS NOT NULL AS graduate,
           g."studentId" IS NOT NULL
           OR NOT EXISTS (SELECT 1 FROM "StatusEvent" x WHERE x."studentId" = s.id)
           OR (l."studentId" IS NOT NULL AND l.kind NOT IN ('EMIGRATED', 'DECEASED') AND NOT (l.kind = 'TRANSFERRED_OUT' AND l.documented)) AS member
         FROM "Student" s LEFT JOIN last l ON l."studentId" = s.id LEFT JOIN grad g ON g."studentId" = s.id
         WHERE s."cohortYear" = $1 AND s."schoolId" = $3)
       SELECT count(*) FILTER (WHERE member AND graduate)::int AS num, count(*) FILTER (WHERE member)::int AS den FROM c`,
      cohort, years, schoolId,
    );
    return { numerator: r.num, denominator: r.den };
  };
  const [drop] = await db().$queryRawUnsafe<{ num: number; den: number }[]>(
    `WITH last_drop AS (
       SELECT DISTINCT ON ("studentId") "studentId", "schoolId", "effectiveDate" FROM "StatusEvent"
       WHERE kind = 'DROPPED_OUT' AND "gradeLevel" BETWEEN 9 AND 12 AND "effectiveDate" BETWEEN make_date($1, 7, 1) AND make_date($1 + 1, 6, 30)
       ORDER BY "studentId", "effectiveDate" DESC, "createdAt" DESC, id DESC)
     SELECT (SELECT count(*) FROM last_drop d WHERE d."schoolId" = $2 AND NOT EXISTS (
               SELECT 1 FROM "StatusEvent" r WHERE r."studentId" = d."studentId" AND r."effectiveDate" > d."effectiveDate"
               AND r."effectiveDate" <= make_date($1 + 1, 10, 1) AND r.kind IN ('REENGAGED', 'ENTERED', 'GRADUATED', 'EARNED_EQUIVALENCY')))::int AS num,
            (SELECT count(*) FROM "StudentYear" WHERE "schoolYear" = $1 AND "schoolId" = $2 AND "enrolledOct1" AND "gradeLevel" BETWEEN 9 AND 12)::int AS den`,
    YEAR, schoolId,
  );
  const [comp] = await db().$queryRawUnsafe<{ num: number; den: number }[]>(
    `SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "StatusEvent" g WHERE g."studentId" = s.id AND g.kind = 'GRADUATED'
              AND g.credential = 'REGULAR_DIPLOMA' AND g."effectiveDate" <= make_date($1 + 1, 8, 31)))::int AS num, count(*)::int AS den
     FROM "Student" s WHERE s."schoolId" = $2 AND EXISTS (
       SELECT 1 FROM "Enrollment" e JOIN "OnlineCourse" c ON c.id = e."courseId" WHERE e."studentId" = s.id AND e.status = 'COMPLETED'
       AND c."programType" = 'CREDIT_RECOVERY' AND e."endedOn" BETWEEN make_date($1, 7, 1) AND make_date($1 + 1, 6, 30))`,
    YEAR, schoolId,
  );
  const [prog] = await db().$queryRawUnsafe<{ num: number; den: number }[]>(
    `SELECT count(*) FILTER (WHERE e.status = 'COMPLETED')::int AS num, count(*) FILTER (WHERE e.status <> 'ACTIVE')::int AS den
     FROM "Enrollment" e JOIN "Student" s ON s.id = e."studentId"
     WHERE s."schoolId" = $2 AND e."startDate" BETWEEN make_date($1, 7, 1) AND make_date($1 + 1, 6, 30)`,
    YEAR, schoolId,
  );
  return {
    acgr4: await acgr(YEAR + 1, 4),
    acgr5: await acgr(YEAR, 5),
    dropout: { numerator: drop.num, denominator: drop.den },
    completers: { numerator: comp.num, denominator: comp.den },
    program: { numerator: prog.num, denominator: prog.den },
  };
}

const KEYS = ["acgr4", "acgr5", "dropout", "completers", "program"] as const;

describe("report figures agree with the definitions and with independent SQL", () => {
  it.each([0, 1])("school %i: summary = pure definitions = hand-written SQL", async (i) => {
    const summary = await getSchoolSummary(district, { year: YEAR, school: schools[i].id });
    const def = await byDefinition(schools[i].id);
    const sql = await byIndependentSql(schools[i].id);
    for (const k of KEYS) {
      const shown = { numerator: summary.figures[k].numerator, denominator: summary.figures[k].denominator };
      expect({ k, ...shown }).toEqual({ k, ...def[k] });
      expect({ k, ...shown }).toEqual({ k, ...sql[k] });
    }
    const total = summary.program.find((r) => r.programType === null)!;
    expect(total).toMatchObject({ started: def.prog.started, students: def.prog.students, passed: def.prog.passed, failed: def.prog.failed, active: def.prog.active, creditsRecovered: def.prog.creditsRecovered });
    expect(total.medianDaysToComplete).toBe(def.prog.medianDaysToComplete);
  });

  it("has figures with enough students to be shown, and every case represented", async () => {
    const s = await getSchoolSummary(district, { year: YEAR, school: schools[0].id });
    for (const k of KEYS) expect(s.figures[k].denominator).toBeGreaterThanOrEqual(6);
    expect(s.trend.map((t) => t.year)).toEqual([2020, 2021, 2022, 2023, 2024]);
  });

  it("district totals are the sum of the schools, and equity 'all students' equals the total", async () => {
    const d = await getDistrictSummary(district, { year: YEAR });
    for (const k of KEYS) {
      const sum = d.schools.reduce((a, s) => a + (s.figures[k].denominator ?? 0), 0);
      expect(d.district[k].denominator).toBe(sum);
      expect(d.equity[k][0]).toMatchObject({ key: "all", n: d.district[k].denominator });
    }
  });

  it("API figures (graduation, dropout, completers, program) match the summary", async () => {
    const s = await getSchoolSummary(alphaAdmin, { year: YEAR });
    const g = await getGraduation(alphaAdmin, { cohort: YEAR + 1 });
    const g5 = await getGraduation(alphaAdmin, { cohort: YEAR });
    expect(g.fourYear.figure).toEqual(s.figures.acgr4);
    expect(g5.fiveYear.figure).toEqual(s.figures.acgr5);
    expect((await getDropout(alphaAdmin, { year: YEAR })).figure).toEqual(s.figures.dropout);
    expect((await getCompleters(alphaAdmin, { year: YEAR })).byYearEnd).toEqual(s.figures.completers);
    expect((await getProgram(alphaAdmin, { year: YEAR })).rows).toEqual(s.program);
  });
});

describe("drill-down", () => {
  it.each(KEYS)("%s: the listed students add up to the figure", async (figure) => {
    const s = await getSchoolSummary(district, { year: YEAR, school: schools[0].id });
    const drill = await getDrill(district, drillParams.parse({ figure, year: String(YEAR), school: schools[0].id }));
    expect([drill.numerator, drill.denominator]).toEqual([s.figures[figure].numerator, s.figures[figure].denominator]);
  });

  it("a group's drill-down matches its equity row", async () => {
    const s = await getSchoolSummary(district, { year: YEAR, school: schools[0].id });
    const row = s.equity.acgr4.find((r) => r.key === "race:HISPANIC_LATINO")!;
    const drill = await getDrill(district, drillParams.parse({ figure: "acgr4", cohort: String(YEAR + 1), school: schools[0].id, group: "race:HISPANIC_LATINO" }));
    expect([drill.numerator, drill.denominator]).toEqual([row.numerator, row.n]);
    expect(drill.rows.every((r) => r.reason.length > 0)).toBe(true);
  });
});

describe("access", () => {
  it("refuses counselors", async () => {
    await expect(getSchoolSummary(counselor, { year: YEAR })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getDrill(counselor, drillParams.parse({ figure: "acgr4", cohort: "2025" }))).rejects.toBeInstanceOf(ForbiddenError);
  });
  it("keeps a school admin to their school", async () => {
    expect((await getSchoolSummary(alphaAdmin, { year: YEAR })).school?.id).toBe(schools[0].id);
    await expect(getSchoolSummary(alphaAdmin, { year: YEAR, school: schools[1].id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getDrill(alphaAdmin, drillParams.parse({ figure: "acgr4", cohort: "2025", school: schools[1].id }))).rejects.toBeInstanceOf(NotFoundError);
    await expect(getDistrictSummary(alphaAdmin, { year: YEAR })).rejects.toBeInstanceOf(ForbiddenError);
    const own = await getDrill(alphaAdmin, drillParams.parse({ figure: "dropout", year: String(YEAR) }));
    const ids = own.rows.map((r) => r.studentId);
    const elsewhere = await db().student.count({ where: { id: { in: ids }, schoolId: { not: schools[0].id } } });
    expect(elsewhere).toBe(0);
  });
});
