// Issue 4: administrator summaries on the district-scale seed (PostgreSQL).
// Budgets: school summary ≤ 150 ms p95 server time, district summary (30 schools) ≤ 500 ms p95,
// each within 1.3× of hand-written SQL computing the same figures (the cubes behind the 5 figures
// × student groups, and the program table), measured here in the same run. Two baselines, and the
// ratio is taken against the faster one:
//  - "raw SQL": the same statements sent straight through a bare pg pool, in parallel, with the
//    same connection settings — what the report costs over its SQL (the app's driver path, assembly, suppression);
//  - "single statement": one independent hand-written statement (DISTINCT ON instead of arrays).
// "Server time" = the summary's data function in-process (every query it runs, plus assembling
// the figures); the signed-in HTTP page times are reported beside it for reference.
// Figures are kept while their sources are unchanged (lib/reports/cache.ts), so each summary is
// measured three ways, each within the budget: data unchanged; after a course completion (the
// figures reading enrollments recomputed); after a write to every source (all recomputed, the
// first request after an import). The ratio to the baselines is taken on the last: it is the
// only one that runs every statement the baselines run.
import { stats, type BenchContext } from "./harness";
import { DEMO_LOGINS } from "../../prisma/seed/demo-logins";
import { getDistrictSummary, getEquityView, getQualityView, getSchoolSummary, TREND_YEARS } from "@/lib/reports/queries";
import { qualityRows } from "@/lib/sql/queries/quality-rows";
import { qualitySchoolRows } from "@/lib/sql/queries/quality-school-rows";
import { programSchoolRows } from "@/lib/sql/queries/program-school-rows";
import type { Compilable } from "kysely";
import { DEFAULT_PROFICIENT_LEVELS } from "@/lib/settings/rules";
import { accessCube } from "@/lib/sql/queries/access-cube";
import { latestCompleteYear } from "@/lib/reports/periods";
import { acgrCube } from "@/lib/sql/queries/acgr-cube";
import { completerCube } from "@/lib/sql/queries/completer-cube";
import { dropoutCube } from "@/lib/sql/queries/dropout-cube";
import { programCube } from "@/lib/sql/queries/program-cube";
import { programRows } from "@/lib/sql/queries/program-rows";
import { cohortsForYear } from "@/lib/reports/periods";
import pg from "pg";
import { pgSessionOptions } from "@/lib/dbconfig";

const AREA = "reports";

/**
 * At the city scale (400 schools) the district views' reads are timed 20 times after each kind of
 * write (their p95 the second slowest, not the slowest of two as when a recompute took tens of
 * seconds) and 10 times with the data unchanged (p95: the slowest), and their baselines, which
 * compute every figure from the records in the database (2–10 s each), 3 times.
 */
const CITY_DISTRICT_SAMPLES = { kept: 10, one: 20, every: 20, raw: 3, single: 3 };
const CITY_DISTRICT_NOTE = "baselines 3 samples at the city scale: each computes every figure from the records (2–10 s)";

/** The hand-written dropout rate of both baselines (the `drops` and `dropout` CTEs); `schools`: the schools' parameter. $1: the school years. */
const dropoutCtes = (schools: "$2" | "$3") => `
drops AS (
  SELECT DISTINCT ON (e."studentId", y.yr) e."studentId", e."schoolId", e."effectiveDate", e.sequence, y.yr
  FROM "StatusEvent" e CROSS JOIN LATERAL (SELECT EXTRACT(YEAR FROM e."effectiveDate" - interval '6 months')::int AS yr) y
  WHERE e.kind = 'DROPPED_OUT' AND e."gradeLevel" BETWEEN 9 AND 12 AND y.yr = ANY($1::int[]) AND (${schools}::text[] IS NULL OR e."schoolId" = ANY(${schools}::text[]))
  ORDER BY e."studentId", y.yr, e."effectiveDate" DESC, e.sequence DESC),
dropout AS (
  SELECT yr, "schoolId", "raceEthnicity", gender, "specialEducation", "englishLearner", "lowIncome", sum(n) AS dropouts, sum(o) AS october1 FROM (
    SELECT d.yr, d."schoolId", s."raceEthnicity", s.gender, s."specialEducation", s."englishLearner", s."lowIncome", 1 AS n, 0 AS o
    FROM drops d JOIN "Student" s ON s.id = d."studentId"
    WHERE NOT EXISTS (SELECT 1 FROM "StatusEvent" r WHERE r."studentId" = d."studentId" AND (r."effectiveDate", r.sequence) > (d."effectiveDate", d.sequence)
      AND r."effectiveDate" <= make_date(d.yr + 1, 10, 1) AND r.kind IN ('REENGAGED', 'ENTERED', 'GRADUATED', 'EARNED_EQUIVALENCY'))
    UNION ALL
    SELECT y."schoolYear", y."schoolId", s."raceEthnicity", s.gender, s."specialEducation", s."englishLearner", s."lowIncome", 0, 1
    FROM "StudentYear" y JOIN "Student" s ON s.id = y."studentId"
    WHERE y."schoolYear" = ANY($1::int[]) AND y."enrolledOct1" AND y."gradeLevel" BETWEEN 9 AND 12 AND (${schools}::text[] IS NULL OR y."schoolId" = ANY(${schools}::text[]))`;

/**
 * The same figures as lib/reports/sql.ts, written by hand as one statement (DISTINCT ON instead of arrays).
 * A baseline to time the product against, apart from lib/sql on purpose (the typed boundary's allow-list).
 */
export const BASELINE = `
WITH st AS (
  SELECT id, "schoolId", "cohortYear", "raceEthnicity", gender, "specialEducation", "englishLearner", "lowIncome" FROM "Student"
  WHERE $3::text[] IS NULL OR "schoolId" = ANY($3::text[])
), coh AS (SELECT * FROM st WHERE "cohortYear" = ANY($2::int[])),
last4 AS (
  SELECT DISTINCT ON (e."studentId") e."studentId", e.kind, e.documented FROM "StatusEvent" e JOIN coh c ON c.id = e."studentId"
  WHERE e."effectiveDate" <= make_date(c."cohortYear", 8, 31) ORDER BY e."studentId", e."effectiveDate" DESC, e.sequence DESC),
last5 AS (
  SELECT DISTINCT ON (e."studentId") e."studentId", e.kind, e.documented FROM "StatusEvent" e JOIN coh c ON c.id = e."studentId"
  WHERE e."effectiveDate" <= make_date(c."cohortYear" + 1, 8, 31) ORDER BY e."studentId", e."effectiveDate" DESC, e.sequence DESC),
grad AS (
  SELECT e."studentId", min(e."effectiveDate") AS d FROM "StatusEvent" e JOIN coh c ON c.id = e."studentId"
  WHERE e.kind = 'GRADUATED' AND e.credential = 'REGULAR_DIPLOMA' GROUP BY 1),
anyev AS (SELECT DISTINCT e."studentId" FROM "StatusEvent" e JOIN coh c ON c.id = e."studentId"),
acgr_s AS (
  SELECT c.*, g.d <= make_date(c."cohortYear", 8, 31) IS TRUE AS g4, g.d <= make_date(c."cohortYear" + 1, 8, 31) IS TRUE AS g5,
    a."studentId" IS NULL AS noev,
    l4."studentId" IS NOT NULL AND NOT (l4.kind IN ('EMIGRATED', 'DECEASED') OR (l4.kind = 'TRANSFERRED_OUT' AND l4.documented IS TRUE)) AS stay4,
    l5."studentId" IS NOT NULL AND NOT (l5.kind IN ('EMIGRATED', 'DECEASED') OR (l5.kind = 'TRANSFERRED_OUT' AND l5.documented IS TRUE)) AS stay5
  FROM coh c LEFT JOIN grad g ON g."studentId" = c.id LEFT JOIN anyev a ON a."studentId" = c.id
  LEFT JOIN last4 l4 ON l4."studentId" = c.id LEFT JOIN last5 l5 ON l5."studentId" = c.id),
acgr AS (
  SELECT "cohortYear", "schoolId", "raceEthnicity", gender, "specialEducation", "englishLearner", "lowIncome",
    count(*) FILTER (WHERE g4 OR noev OR stay4) AS den4, count(*) FILTER (WHERE g4) AS num4,
    count(*) FILTER (WHERE g5 OR noev OR stay5) AS den5, count(*) FILTER (WHERE g5) AS num5
  FROM acgr_s GROUP BY 1, 2, 3, 4, 5, 6, 7),
${dropoutCtes("$3")}
  ) x GROUP BY 1, 2, 3, 4, 5, 6, 7),
comp_s AS (
  SELECT DISTINCT EXTRACT(YEAR FROM en."endedOn" - interval '6 months')::int AS yr, en."studentId"
  FROM "Enrollment" en JOIN "OnlineCourse" oc ON oc.id = en."courseId" JOIN st ON st.id = en."studentId"
  WHERE en.status = 'COMPLETED' AND oc."programType" = 'CREDIT_RECOVERY'
    AND EXTRACT(YEAR FROM en."endedOn" - interval '6 months')::int = ANY($1::int[])),
completers AS (
  SELECT c.yr, st."schoolId", st."raceEthnicity", st.gender, st."specialEducation", st."englishLearner", st."lowIncome", count(*) AS completers,
    count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "StatusEvent" g WHERE g."studentId" = c."studentId" AND g.kind = 'GRADUATED' AND g.credential = 'REGULAR_DIPLOMA' AND g."effectiveDate" <= make_date(c.yr + 1, 8, 31))) AS by_year_end,
    count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "StatusEvent" g WHERE g."studentId" = c."studentId" AND g.kind = 'GRADUATED' AND g.credential = 'REGULAR_DIPLOMA')) AS by_now
  FROM comp_s c JOIN st ON st.id = c."studentId" GROUP BY 1, 2, 3, 4, 5, 6, 7),
enr AS (
  SELECT EXTRACT(YEAR FROM en."startDate" - interval '6 months')::int AS yr, en.*, st."schoolId", st."raceEthnicity", st.gender, st."specialEducation", st."englishLearner", st."lowIncome"
  FROM "Enrollment" en JOIN st ON st.id = en."studentId"
  WHERE EXTRACT(YEAR FROM en."startDate" - interval '6 months')::int = ANY($1::int[])),
program AS (
  SELECT yr, "schoolId", "raceEthnicity", gender, "specialEducation", "englishLearner", "lowIncome",
    count(*) FILTER (WHERE status = 'COMPLETED') AS passed, count(*) FILTER (WHERE status <> 'ACTIVE') AS ended
  FROM enr GROUP BY 1, 2, 3, 4, 5, 6, 7),
program_rows AS (
  SELECT e."schoolId", oc."programType", p.name, count(DISTINCT e."studentId") AS students, count(*) AS started,
    count(*) FILTER (WHERE e.status = 'COMPLETED') AS passed, count(*) FILTER (WHERE e.status = 'FAILED') AS failed,
    count(*) FILTER (WHERE e.status = 'WITHDRAWN') AS withdrawn, count(*) FILTER (WHERE e.status = 'ACTIVE') AS active,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY COALESCE(e."finishedOn", e."endedOn") - e."startDate") FILTER (WHERE e.status = 'COMPLETED' AND e."endedOn" IS NOT NULL) AS median_days,
    sum(e."creditAwarded") FILTER (WHERE e.status = 'COMPLETED' AND oc."programType" = 'CREDIT_RECOVERY') AS credits
  FROM enr e JOIN "OnlineCourse" oc ON oc.id = e."courseId" JOIN "Provider" p ON p.id = oc."providerId"
  WHERE e.yr = $4
  GROUP BY GROUPING SETS ((e."schoolId", oc."programType", p.name), (e."schoolId"), (oc."programType", p.name), ()))
SELECT (SELECT json_agg(a) FROM acgr a) AS acgr, (SELECT json_agg(d) FROM dropout d) AS dropout,
  (SELECT json_agg(c) FROM completers c) AS completers, (SELECT json_agg(p) FROM program p) AS program,
  (SELECT json_agg(r) FROM program_rows r) AS program_rows`;

/**
 * The equity page's access view written by hand another way, as one statement: access to programs
 * (lib/reports/access.ts, DEFINITIONS.md §7) as the roll joined to its year's enrollments, students
 * counted distinct per program (no per-student aggregate), and the dropout rate the view is
 * decided beside (the same dropout CTEs as BASELINE). $1 the school years, $2 the schools (null: all).
 */
export const ACCESS_BASELINE = `
WITH access AS (
  SELECT y."schoolYear" AS year, y."schoolId", s."raceEthnicity", s.gender,
    coalesce(y."specialEducation", s."specialEducation") AS sped, coalesce(y."englishLearner", s."englishLearner") AS el, coalesce(y."lowIncome", s."lowIncome") AS li,
    count(DISTINCT y."studentId") AS students,
    count(DISTINCT y."studentId") FILTER (WHERE oc."programType" = 'CREDIT_RECOVERY') AS cr,
    count(DISTINCT y."studentId") FILTER (WHERE oc."programType" = 'ORIGINAL_CREDIT') AS oc,
    count(DISTINCT y."studentId") FILTER (WHERE oc."programType" = 'ADVANCED_PLACEMENT') AS ap
  FROM "StudentYear" y JOIN "Student" s ON s.id = y."studentId"
  LEFT JOIN "Enrollment" en ON en."studentId" = y."studentId" AND en."startDate" BETWEEN make_date(y."schoolYear", 7, 1) AND make_date(y."schoolYear" + 1, 6, 30)
  LEFT JOIN "OnlineCourse" oc ON oc.id = en."courseId"
  WHERE y."schoolYear" = ANY($1::int[]) AND y."enrolledOct1" AND y."gradeLevel" BETWEEN 9 AND 12 AND ($2::text[] IS NULL OR y."schoolId" = ANY($2::text[]))
  GROUP BY 1, 2, 3, 4, 5, 6, 7),
${dropoutCtes("$2")}
  ) x GROUP BY 1, 2, 3, 4, 5, 6, 7)
SELECT (SELECT json_agg(a) FROM access a) AS access, (SELECT json_agg(d) FROM dropout d) AS dropout`;

export default async function reports(ctx: BenchContext): Promise<void> {
  const year = latestCompleteYear();
  const districtLogin = DEMO_LOGINS.find((l) => l.role === "DISTRICT_ADMIN")!;
  const schoolLogin = DEMO_LOGINS.find((l) => l.role === "SCHOOL_ADMIN")!;
  const du = await ctx.db.user.findUniqueOrThrow({ where: { email: districtLogin.email } });
  const su = await ctx.db.user.findUniqueOrThrow({ where: { email: schoolLogin.email } });
  const district = { id: du.id, name: du.name, email: du.email, role: du.role, schoolId: null };
  const schoolAdmin = { id: su.id, name: su.name, email: su.email, role: su.role, schoolId: su.schoolId };
  const schools = await ctx.db.school.count();
  const cityDistrict = (what: string) => ctx.scale === "city" && what.startsWith("district");
  const students = await ctx.db.student.count({ where: { schoolId: su.schoolId! } });

  const years = Array.from({ length: TREND_YEARS }, (_, i) => year - TREND_YEARS + 1 + i);
  const cohorts = [...new Set(years.flatMap((y) => [y, y + 1]))];
  const single = (ys: number[], cs: number[], ids: string[] | null) => () => ctx.db.$queryRawUnsafe(BASELINE, ys, cs, ids, year);
  const url = process.env.DATABASE_URL!;
  // The bare pools connect with the app's own planner settings (lib/dbconfig.ts).
  const options = pgSessionOptions() || undefined;
  const schoolPool = new pg.Pool({ connectionString: url, max: 10, options });
  const districtPool = new pg.Pool({ connectionString: url, max: 10, options });
  const raw = (pool: pg.Pool, ys: number[], ids: string[] | null) => () => {
    const cs = [...new Set(ys.flatMap((y) => Object.values(cohortsForYear(y))))];
    const qs = [acgrCube(cs, ids), dropoutCube(ys, ids), completerCube(ys, ids), programCube(ys, ids), programRows(year, ids)].map((q) => q.compile());
    // Dates as ISO strings, as the app's driver path sends them (lib/db.ts runCompiled).
    return Promise.all(
      qs.map((q) =>
        pool.query(
          q.sql,
          q.parameters.map((v) => (v instanceof Date ? v.toISOString() : v)),
        ),
      ),
    );
  };

  // Writes before a measured request (lib/reports/cache.ts): each sets its sources' versions, so the
  // figures reading them are computed again from the records. `one`: one more course completion of
  // the school undone (enrollments: the program and completers figures); `every`: that, and a status
  // event, a student's and a roll row's low-income flag, and a result's proctoring (every source:
  // every figure recomputed, the quality report's too).
  // Each write leaves counts no earlier sample had: the disclosure decisions are kept by the tables'
  // content (disclosure.ts, figures.ts publication), so writes that flip one record back and forth would be timed against
  // decisions already made. The completions undone (up to 1,000) are put back when the pool is used
  // up, and at the end.
  const completions = await ctx.db.enrollment.findMany({
    // Started in the measured school year: a completion of another year changes no table read here.
    where: { status: "COMPLETED", student: { schoolId: su.schoolId! }, startDate: { gte: new Date(`${year}-07-01`), lt: new Date(`${year + 1}-07-01`) } },
    select: { id: true },
    orderBy: { id: "asc" },
    take: 1000,
  });
  if (completions.length === 0) throw new Error("bench: the school has no course completion in the year");
  // Each family of views (the summaries, the access views, the quality views: views that read the
  // same tables, or decide theirs beside them) writes from the seed's data (restored before it:
  // `family`), from its own third of the pools: the district quality view's samples once ran with
  // 420–470 of the school's 766 completions of the year undone by the views timed before it, a
  // school the seed's distributions never make (the city's district quality view, probed: p50/p95 353/425 ms
  // after writes from the seed, 483/816 with 740 undone). Each family's writes are a run of its own
  // (past its third, into the next: a set that holds the whole third, so still no other family's),
  // so no two families' writes leave the same records. (A table can still come back to counts met
  // before — a low-income flip each way leaves a year's groups as they were — within a family as
  // before, and now across families: such a read finds its decisions kept.)
  let from = 0;
  let fromStudent = 0;
  const completion = (k: number) => completions[(from + k) % completions.length];
  let undone = 0;
  const restoreCompletions = async () => {
    const ids = Array.from({ length: undone }, (_, k) => completion(k).id);
    await ctx.db.enrollment.updateMany({ where: { id: { in: ids } }, data: { status: "COMPLETED" } });
    undone = 0;
  };
  const event = await ctx.db.statusEvent.findFirstOrThrow({ where: { schoolId: su.schoolId! } });
  // What `every` flips, one more student and one more enrollment's results each time (so that each
  // write leaves counts no earlier sample had, in every year the student counts in: decisions and
  // published tables are kept by their content), as the seed left them: put back at the end.
  const flagged = await ctx.db.student.findMany({
    where: { schoolId: su.schoolId! },
    select: { id: true, lowIncome: true, years: { select: { schoolYear: true, lowIncome: true } } },
    orderBy: { id: "asc" },
    take: 1000,
  });
  const proctoring = await ctx.db.assessmentResult.findMany({
    where: { enrollmentId: { in: completions.map((c) => c.id) } },
    select: { id: true, enrollmentId: true, proctored: true },
  });
  const resultsOf = new Map<string, typeof proctoring>();
  for (const r of proctoring) resultsOf.set(r.enrollmentId, [...(resultsOf.get(r.enrollmentId) ?? []), r]);
  let flips = 0;
  const one = async () => {
    if (undone === completions.length) await restoreCompletions();
    await ctx.db.enrollment.update({ where: { id: completion(undone++).id }, data: { status: "FAILED" } });
  };
  const every = async () => {
    await one();
    await ctx.db.statusEvent.update({ where: { id: event.id }, data: { gradeLevel: event.gradeLevel } });
    // A first pass through the pool sets the opposite of the seed's values, the next puts them back.
    const k = flips++;
    const student = flagged[(fromStudent + k) % flagged.length];
    const away = Math.floor(k / flagged.length) % 2 === 0;
    await ctx.db.student.update({ where: { id: student.id }, data: { lowIncome: away ? !student.lowIncome : student.lowIncome } });
    // Each year's flag flipped as that year reads it: the year's own, else (null) the student's.
    // (`!y.lowIncome` turned a null into true, a low-income student's own value: no year-based
    // figure changed, and the samples of the seed's many low-income students timed tables
    // decided before.) The graduation rate's groups (groups.ts windowFlags) take a window's
    // year flags where any is given, else the student's: the seed gives none, so every year
    // flipped flips the window too.
    for (const y of student.years)
      await ctx.db.studentYear.update({
        where: { studentId_schoolYear: { studentId: student.id, schoolYear: y.schoolYear } },
        data: { lowIncome: away ? !(y.lowIncome ?? student.lowIncome) : y.lowIncome },
      });
    // What only the quality report reads (source "quality"): results' proctoring.
    const results = resultsOf.get(completion(k).id) ?? [];
    const awayR = Math.floor(k / completions.length) % 2 === 0;
    for (const value of [true, false]) {
      const ids = results.filter((r) => r.proctored === value).map((r) => r.id);
      if (ids.length) await ctx.db.assessmentResult.updateMany({ where: { id: { in: ids } }, data: { proctored: awayR ? !value : value } });
    }
  };
  const restore = async () => {
    await restoreCompletions();
    for (let j = 0; j < Math.min(flips, flagged.length); j++) {
      const student = flagged[(fromStudent + j) % flagged.length];
      await ctx.db.student.update({ where: { id: student.id }, data: { lowIncome: student.lowIncome } });
      for (const y of student.years)
        await ctx.db.studentYear.update({ where: { studentId_schoolYear: { studentId: student.id, schoolYear: y.schoolYear } }, data: { lowIncome: y.lowIncome } });
    }
    for (const value of [true, false]) {
      const ids = proctoring.filter((r) => r.proctored === value).map((r) => r.id);
      if (ids.length) await ctx.db.assessmentResult.updateMany({ where: { id: { in: ids } }, data: { proctored: value } });
    }
    flips = 0;
  };
  /** The seed's data back, and family `f`'s writes (of 3) from its third of the pools. */
  const family = async (f: number) => {
    await restore();
    from = Math.floor((f * completions.length) / 3);
    fromStudent = Math.floor((f * flagged.length) / 3);
  };

  /**
   * Each function timed its `n` times, the functions in turn (each after `before`, untimed), after
   * 5 untimed rounds (ctx.measure's warmup). One with fewer samples than the longest is timed in
   * rounds spread evenly over the whole run, not in the first `n`: the writes before each sample add
   * up (row versions, autovacuum's turn): traced per round (city, 2026-12-07), the school quality
   * view's read had p50 66 ms in the first half of its 40 rounds and 72 in the second, its bare-pool
   * baseline 59 and 72, and its hand-written baseline, timed in the first 20 rounds only, 64.2 ms
   * p95 against the read's 99.4: a ratio of 1.55× that was partly when each ran, not what.
   */
  async function alternate(fns: [() => Promise<unknown>, number][], before: () => Promise<unknown>) {
    const samples = fns.map((): number[] => []);
    const warmup = 5;
    const most = Math.max(...fns.map(([, n]) => n));
    // Round j (0-based) of `most` is one of fn's `n` when ⌊(j+1)·n/most⌋ passes ⌊j·n/most⌋.
    const timedIn = (n: number, j: number) => Math.floor(((j + 1) * n) / most) > Math.floor((j * n) / most);
    for (let i = 0; i < warmup + most; i++)
      for (const [k, [fn, n]] of fns.entries()) {
        if (i >= warmup && !timedIn(n, i - warmup)) continue;
        await before();
        const t = performance.now();
        await fn();
        if (i >= warmup) samples[k].push(performance.now() - t);
      }
    return samples.map(stats);
  }

  /**
   * One summary timed three ways (each under `budget`), its two baselines after the same writes,
   * and the recomputed summary's ratio to the faster baseline. The baselines run after the same
   * writes: the first reads after a write pay for it in the database too (new row versions to
   * check), and the ratio is to count the app's cost only.
   */
  async function summary(
    what: string,
    label: string,
    budget: number,
    read: () => Promise<unknown>,
    baselines: { raw: () => Promise<unknown>; single: () => Promise<unknown> },
    n: { kept: number; one: number; every: number; single: number; raw?: number },
  ) {
    const city = cityDistrict(what);
    if (city) n = CITY_DISTRICT_SAMPLES;
    const kept = await ctx.measure(read, { n: n.kept });
    const afterOne = await ctx.measure(read, { n: n.one, before: one });
    // The recomputed read and its two baselines alternate, each after its own write: a
    // ratio of two series timed minutes apart was decided by what the database did in between
    // (autovacuum after the writes, a plan that changed with new statistics: one cube's statement
    // took 45 ms in most samples and 70–85 ms in a few, in both series). Alternating, both meet it alike.
    // At the city scale the district views' baselines (each computes every figure from the records:
    // 2–16 s in the runs of 2026-12-06, its whole result parsed in this process) are timed after the read's samples, not
    // between them: the read right after one was 2× slower (the samples of one run, after a write to
    // every source, the first four each after a baseline: district summary 384, 327, 373, 297 ms,
    // then 124–333; with its trend 467, 786, 709, 490, then 199–693; quality 805, 588, 546, 483,
    // then 284–500), which timed the bench's own load, not the read. Their ratio (~0.1×) is not
    // near its budget, so that the read and its baselines are now timed minutes apart matters
    // less than it does for the school views (above). The read's samples each follow their own
    // write; the baselines 3 each.
    const [afterEvery, rawStats, singleStats] = city
      ? [
          ...(await alternate([[read, n.every]], every)),
          ...(await alternate(
            [
              [baselines.raw, n.raw ?? n.every],
              [baselines.single, n.single],
            ],
            every,
          )),
        ]
      : await alternate(
          [
            [read, n.every],
            [baselines.raw, n.raw ?? n.every],
            [baselines.single, n.single],
          ],
          every,
        );
    ctx.report({ area: AREA, name: `${label}, data unchanged`, stats: kept, budget, note: "figures kept while their sources are unchanged (lib/reports/cache.ts)" });
    ctx.report({ area: AREA, name: `${label}, after a course completion`, stats: afterOne, budget, note: "program and completers figures recomputed" });
    ctx.report({ area: AREA, name: `${label}, after a write to every source`, stats: afterEvery, budget, note: "every figure recomputed from the records" });
    ctx.report({ area: AREA, name: `${what} baseline: same SQL, bare pg, after the same writes`, stats: rawStats, ...(city ? { note: CITY_DISTRICT_NOTE } : {}) });
    ctx.report({ area: AREA, name: `${what} baseline: single hand-written statement, after the same writes`, stats: singleStats, ...(city ? { note: CITY_DISTRICT_NOTE } : {}) });
    ctx.report({
      area: AREA,
      name: `${what} recomputed ÷ faster baseline (p95)`,
      value: round(afterEvery.p95 / Math.min(rawStats.p95, singleStats.p95)),
      unit: "×",
      budget: 1.3,
      higherIsBetter: false,
    });
  }

  try {
    // The school's recompute takes 60 samples: with 30, one slow statement decided its p95.
    await family(0);
    await summary(
      "school summary",
      `school summary, ${students} students, 5-year trend (server, in-process)`,
      150,
      () => getSchoolSummary(schoolAdmin, { year }),
      { raw: raw(schoolPool, years, [su.schoolId!]), single: single(years, cohorts, [su.schoolId!]) },
      { kept: 40, one: 30, every: 60, single: 20 },
    );
    await summary(
      "district summary",
      `district summary, ${schools} schools (server, in-process)`,
      500,
      () => getDistrictSummary(district, { year }),
      { raw: raw(districtPool, [year], null), single: single([year], [year, year + 1], null) },
      { kept: 30, one: 20, every: 30, single: 10 },
    );
    // Issue 18: the district page as it reads: the summary with the district's 5-year trend (the
    // four earlier years' cubes beside the year's). Baselines: the same 5 years' SQL.
    await summary(
      "district summary with trend",
      `district summary with its 5-year trend, as the page reads it, ${schools} schools (server, in-process)`,
      500,
      () => getDistrictSummary(district, { year, trend: true }),
      { raw: raw(districtPool, years, null), single: single(years, cohorts, null) },
      { kept: 30, one: 20, every: 30, single: 10 },
    );
    // Issue 18: the equity page's access view (advanced placement), every group with race × gender
    // and its 5-year gap trend, decided beside the dropout rate; baselines: the access and dropout
    // cubes' SQL on a bare pool, and ACCESS_BASELINE.
    // The view reads the access cube and the dropout cube of the same years (decided beside it).
    const accessRaw = (pool: pg.Pool, ids: string[] | null) => () =>
      Promise.all(
        [accessCube(years, ids), dropoutCube(years, ids)].map((q) => {
          const c = q.compile();
          return pool.query(
            c.sql,
            c.parameters.map((v) => (v instanceof Date ? v.toISOString() : v)),
          );
        }),
      );
    const accessSingle = (ids: string[] | null) => () => ctx.db.$queryRawUnsafe(ACCESS_BASELINE, years, ids);
    await family(1);
    await summary(
      "school access view",
      `equity page, access to AP, one school, race × gender, 5-year gap trend (server, in-process)`,
      150,
      () => getEquityView(schoolAdmin, { year, figure: "advancedPlacement" }),
      { raw: accessRaw(schoolPool, [su.schoolId!]), single: accessSingle([su.schoolId!]) },
      { kept: 40, one: 30, every: 60, single: 20 },
    );
    await summary(
      "district access view",
      `equity page, access to AP, district of ${schools} schools, race × gender, 5-year gap trend (server, in-process)`,
      500,
      () => getEquityView(district, { year, figure: "advancedPlacement" }),
      { raw: accessRaw(districtPool, null), single: accessSingle(null) },
      { kept: 30, one: 20, every: 30, single: 10 },
    );
    // Issue 18: the program quality report by course (every row kind decided together, beside the
    // summary's program table). Kept while its sources (the summary's and "quality") are unchanged;
    // after a write to any of them computed from the records. Baselines on a bare pool: the
    // statements it sends (each school's quality rows and program table rows, with the values the
    // district's are added up from and its percentiles are worked out from; the course completion
    // cube), and the hand-written ones (quality-rows.ts and program-rows.ts, which compute every
    // level and percentile in SQL; the same cube).
    const levels = DEFAULT_PROFICIENT_LEVELS.map((l) => l.toLowerCase());
    const onPool = (pool: pg.Pool, qs: Compilable<unknown>[]) =>
      Promise.all(
        qs.map((q) => {
          const c = q.compile();
          return pool.query(
            c.sql,
            c.parameters.map((v) => (v instanceof Date ? v.toISOString() : v)),
          );
        }),
      );
    const qualityRaw = (pool: pg.Pool, ids: string[] | null) => () =>
      onPool(pool, [qualitySchoolRows({ year, levels }, ids), programSchoolRows(year, ids), programCube([year], ids)]);
    const qualitySingle = (pool: pg.Pool, ids: string[] | null) => () =>
      onPool(pool, [qualityRows({ year, schools: ids, levels }), programRows(year, ids), programCube([year], ids)]);
    await family(2);
    await summary(
      "school quality view",
      `program quality by course, one school (server, in-process)`,
      150,
      () => getQualityView(schoolAdmin, { year, by: "course" }),
      { raw: qualityRaw(schoolPool, [su.schoolId!]), single: qualitySingle(schoolPool, [su.schoolId!]) },
      { kept: 20, one: 20, every: 40, single: 20 },
    );
    await summary(
      "district quality view",
      `program quality by course, district of ${schools} schools (server, in-process)`,
      500,
      () => getQualityView(district, { year, by: "course" }),
      { raw: qualityRaw(districtPool, null), single: qualitySingle(districtPool, null) },
      { kept: 20, one: 20, every: 30, single: 10 },
    );
    // A district administrator going from one district view to the next, the data unchanged: each
    // view's rows must stay kept beside the others' (cache.ts MAX_SCHOOL_ROWS: at the city scale
    // the three hold ~660,000 rows, and a bound of 500,000 recomputed each view every time, 3–6.6 s).
    const inTurn: [string, () => Promise<unknown>][] = [
      ["district summary", () => getDistrictSummary(district, { year, trend: true })],
      ["access", () => getEquityView(district, { year, figure: "advancedPlacement" })],
      ["quality", () => getQualityView(district, { year, by: "course" })],
    ];
    for (const [, view] of inTurn) await view(); // (each computed once)
    // Ten rounds at either scale (30 reads): a p95 of the city's 9 reads (3 rounds, from when a
    // view read after another was computed again, seconds each) was their slowest, and one pause
    // decided it (2026-12-07: p50 22 ms, one read 698 ms). In the runs after, the slowest was the
    // first read after the views were computed (701 and 459 ms); traced with --trace-gc, a full
    // collection of the ~835 MB heap ran through it (a 171 ms pause, 374 ms of marking steps).
    // The slowest reads are in the note.
    const turns: { ms: number; what: string }[] = [];
    for (let k = 0; k < 10; k++)
      for (const [what, view] of inTurn) {
        const t = performance.now();
        await view();
        turns.push({ ms: performance.now() - t, what: `${what}, round ${k + 1}` });
      }
    const slowest = [...turns].sort((a, b) => b.ms - a.ms).slice(0, 3);
    ctx.report({
      area: AREA,
      name: `district summary, equity and quality views in turn, ${schools} schools (server, in-process), data unchanged`,
      stats: stats(turns.map((x) => x.ms)),
      budget: 500,
      note: `each view's rows kept beside the others' (lib/reports/cache.ts); slowest: ${slowest.map((x) => `${round(x.ms)} ms (${x.what})`).join(", ")}`,
    });
  } finally {
    await restore();
    await Promise.all([schoolPool.end(), districtPool.end()]);
  }

  ctx.report({ area: AREA, name: "school summary page (HTTP)", stats: await ctx.http(schoolLogin.email, `/reports?year=${year}`, { n: 30 }) });
  if (ctx.scale === "city") return;
  ctx.report({ area: AREA, name: "district summary page (HTTP)", stats: await ctx.http(districtLogin.email, `/reports/district?year=${year}`, { n: 20 }) });
  ctx.report({ area: AREA, name: "equity page, access to AP, district (HTTP)", stats: await ctx.http(districtLogin.email, `/reports/equity?year=${year}`, { n: 20 }) });
  ctx.report({ area: AREA, name: "program quality by course, district (HTTP)", stats: await ctx.http(districtLogin.email, `/reports/quality?by=course&year=${year}`, { n: 20 }) });
}

const round = (x: number) => Math.round(x * 100) / 100;
