// The demo seed on a real database: the invariants every page, report and e2e test relies on.
import { beforeAll, describe, expect, it } from "vitest";
import bcrypt from "bcryptjs";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/lib/test/db";
import { seedDemo, type SeedSummary } from "@/prisma/seed/seed";
import { ALL_TABLES, foreignKeysDropped, openSql, type Sql } from "@/prisma/seed/bulk";
import { statusAfter, type EventKind } from "@/prisma/seed/lifecycle";
import { checkInvariants } from "@/scripts/crash/invariants";
import { DEMO_LOGINS, DEMO_PASSWORD } from "@/prisma/seed/demo-logins";

useTestDatabase();

const AS_OF = "2026-11-23";
const q = <T = Record<string, unknown>>(sql: string) => db().$queryRawUnsafe<T[]>(sql);
const snapshot = () =>
  q<{ sisId: string; firstName: string; lastName: string; status: string }>(`SELECT "sisId", "firstName", "lastName", status::text FROM "Student" ORDER BY "sisId"`);

// Every foreign key as PostgreSQL prints it back (the seed drops them for its load and adds them
// back before it commits: prisma/seed/bulk.ts foreignKeysDropped).
const foreignKeys = () =>
  q<{ table: string; name: string; definition: string; validated: boolean; deferrable: boolean }>(
    `SELECT t.relname::text AS "table", c.conname::text AS "name", pg_get_constraintdef(c.oid) AS "definition", c.convalidated AS "validated", c.condeferrable AS "deferrable"
     FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid WHERE c.contype = 'f' ORDER BY 1, 2`,
  );

/** A result of an enrollment that does not exist (on the seed's own connection: its errors name the constraint on PGlite too). */
const orphanResult = (sql: Sql) =>
  sql.query(
    `INSERT INTO "AssessmentResult" (id, "enrollmentId", "assessmentId", score, attempt, "takenOn") SELECT 'seed-test-orphan', 'no-such-enrollment', id, 90, 1, now() FROM "CourseAssessment" LIMIT 1`,
  );

const currentSchema = async (sql: Sql) => `"${(await sql.query("SELECT current_schema() AS s")).rows[0].s as string}"`;

const keyOids = () =>
  q<{ table: string; name: string; oid: number }>(
    `SELECT t.relname::text AS "table", c.conname::text AS "name", c.oid::int AS "oid" FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid WHERE c.contype = 'f'`,
  );

let first: SeedSummary;
let migratedKeys: Awaited<ReturnType<typeof foreignKeys>>;
let migratedOids: Awaited<ReturnType<typeof keyOids>>;

beforeAll(async () => {
  migratedKeys = await foreignKeys();
  migratedOids = await keyOids();
  first = await seedDemo({ asOf: AS_OF });
}, 180_000);

describe("demo seed", () => {
  it("creates a district of about 1,800 students with transcripts, enrollments and results", () => {
    const c = first.counts;
    expect(c.School).toBe(3);
    expect(c.User).toBe(DEMO_LOGINS.length);
    expect(c.Student).toBeGreaterThan(1700);
    expect(c.Student).toBeLessThan(1950);
    expect(c.TranscriptCourse).toBeGreaterThan(20_000);
    expect(c.Enrollment).toBeGreaterThan(1_500);
    expect(c.AssessmentResult).toBeGreaterThan(10_000);
    expect(c.OnlineCourse).toBe(30);
    expect(c.GraduationRequirement).toBe(6);
    expect(c.Note).toBeGreaterThan(0);
  });

  it("keeps every Student.status and statusDate equal to the latest status event", async () => {
    const students = await q<{ id: string; status: string; statusDate: Date }>(`SELECT id, status::text, "statusDate" FROM "Student"`);
    const events = await q<{ studentId: string; kind: EventKind; effectiveDate: Date }>(
      `SELECT "studentId", kind::text, "effectiveDate" FROM "StatusEvent" ORDER BY "effectiveDate", sequence`,
    );
    const latest = new Map<string, { kind: EventKind; effectiveDate: Date }>();
    for (const e of events) latest.set(e.studentId, e);
    const wrong = students.filter((s) => {
      const e = latest.get(s.id);
      return !e || statusAfter(e.kind) !== s.status || e.effectiveDate.getTime() !== s.statusDate.getTime();
    });
    expect(wrong).toEqual([]);
    const firstEvents = await q<{ n: number }>(
      `SELECT count(*)::int n FROM "StatusEvent" e WHERE kind = 'ENTERED' AND NOT EXISTS (SELECT 1 FROM "StatusEvent" x WHERE x."studentId" = e."studentId" AND x."effectiveDate" < e."effectiveDate")`,
    );
    expect(firstEvents[0].n).toBe(first.counts.Student);
  });

  it("passes the crash-test invariants (status = the history's last event by effectiveDate, sequence)", async () => {
    expect(await checkInvariants(db())).toEqual([]);
  });

  it("has every outcome: 4- and 5-year graduates, dropouts who came back, transfers, GEDs, certificates, a death", async () => {
    const kinds = await q<{ kind: string; n: number }>(`SELECT kind::text, count(*)::int n FROM "StatusEvent" GROUP BY 1`);
    const k = Object.fromEntries(kinds.map((r) => [r.kind, r.n]));
    for (const kind of ["ENTERED", "GRADUATED", "DROPPED_OUT", "TRANSFERRED_OUT", "EMIGRATED", "DECEASED", "REENGAGED", "EARNED_EQUIVALENCY"])
      expect(k[kind] ?? 0).toBeGreaterThan(0);
    const [past] = await q<{ grad4: number; grad5: number; dropped: number; n: number }>(`
      SELECT count(*) FILTER (WHERE e."effectiveDate" <= make_date(s."cohortYear", 8, 31))::int grad4,
             count(*) FILTER (WHERE e."effectiveDate" > make_date(s."cohortYear", 8, 31))::int grad5,
             (SELECT count(*)::int FROM "Student" WHERE "cohortYear" BETWEEN 2021 AND 2025 AND status = 'DROPPED_OUT') dropped,
             (SELECT count(*)::int FROM "Student" WHERE "cohortYear" BETWEEN 2021 AND 2025) n
      FROM "Student" s JOIN "StatusEvent" e ON e."studentId" = s.id AND e.kind = 'GRADUATED' AND e.credential = 'REGULAR_DIPLOMA'
      WHERE s."cohortYear" BETWEEN 2021 AND 2025`);
    expect(past.grad4 / past.n).toBeGreaterThan(0.6);
    expect(past.grad4 / past.n).toBeLessThan(0.78);
    expect(past.grad5).toBeGreaterThan(0);
    expect(past.dropped / past.n).toBeGreaterThan(0.05);
    const [other] = await q<{ cert: number; undocumented: number; retained: number; fifth: number }>(`
      SELECT (SELECT count(*)::int FROM "StatusEvent" WHERE credential = 'CERTIFICATE') cert,
             (SELECT count(*)::int FROM "StatusEvent" WHERE kind = 'TRANSFERRED_OUT' AND documented = false) undocumented,
             (SELECT count(*)::int FROM "StudentYear" y JOIN "Student" s ON s.id = y."studentId" WHERE y."gradeLevel" < 9 + y."schoolYear" - s."firstNinthGradeYear" AND y."schoolYear" - s."firstNinthGradeYear" < 4) retained,
             (SELECT count(*)::int FROM "Student" WHERE "cohortYear" = 2026 AND status = 'ENROLLED') fifth`);
    expect(other.cert).toBeGreaterThan(0);
    expect(other.undocumented).toBeGreaterThan(0);
    expect(other.retained).toBeGreaterThan(0);
    expect(other.fifth).toBeGreaterThan(0);
  });

  it("gives each enrolled counselor a caseload of 80–250, the largest exactly 250 (counselor.okafor)", async () => {
    const rows = await q<{ email: string; n: number }>(
      `SELECT u.email, count(*)::int n FROM "Student" s JOIN "User" u ON u.id = s."counselorId" WHERE s.status = 'ENROLLED' GROUP BY 1`,
    );
    expect(rows).toHaveLength(9);
    for (const r of rows) {
      expect(r.n).toBeGreaterThanOrEqual(80);
      expect(r.n).toBeLessThanOrEqual(250);
    }
    expect(rows.find((r) => r.email === "counselor.okafor@demo.credittrack.test")?.n).toBe(250);
  });

  it("keeps progress and lastActivityOn in step with the results (best attempt vs. mastery threshold)", async () => {
    const rows = await q<{ id: string; progress: number; expected: number; last: Date | null; latest: Date | null }>(`
      WITH best AS (
        SELECT r."enrollmentId", r."assessmentId", max(r.score / a."maxScore" * 100) pct FROM "AssessmentResult" r
        JOIN "CourseAssessment" a ON a.id = r."assessmentId" GROUP BY 1, 2)
      SELECT e.id, e.progress, e."lastActivityOn" AS last,
        round(100.0 * (SELECT count(*) FROM best b WHERE b."enrollmentId" = e.id AND b.pct >= c."masteryThreshold")
              / (SELECT count(*) FROM "CourseAssessment" a WHERE a."courseId" = c.id))::int expected,
        (SELECT max("takenOn") FROM "AssessmentResult" r WHERE r."enrollmentId" = e.id) latest
      FROM "Enrollment" e JOIN "OnlineCourse" c ON c.id = e."courseId"`);
    expect(rows.filter((r) => r.progress !== r.expected)).toEqual([]);
    expect(rows.filter((r) => String(r.last) !== String(r.latest))).toEqual([]);
  });

  it("completes enrollments only with every summative at mastery, a passing final grade, credit and a linked transcript row", async () => {
    const [r] = await q<{ completed: number; linked: number; short: number; nograde: number; below: number }>(`
      SELECT (SELECT count(*)::int FROM "Enrollment" WHERE status = 'COMPLETED') completed,
             (SELECT count(*)::int FROM "TranscriptCourse" t JOIN "Enrollment" e ON e.id = t."enrollmentId" JOIN "OnlineCourse" c ON c.id = e."courseId"
               WHERE e.status = 'COMPLETED' AND t.term = 'OL' AND t."creditsEarned" = c.credits AND t."courseCode" = c."providerCourseCode") linked,
             (SELECT count(*)::int FROM "Enrollment" e JOIN "CourseAssessment" a ON a."courseId" = e."courseId" AND a.kind = 'SUMMATIVE'
               JOIN "OnlineCourse" c ON c.id = e."courseId"
               WHERE e.status = 'COMPLETED' AND NOT EXISTS (SELECT 1 FROM "AssessmentResult" x WHERE x."enrollmentId" = e.id AND x."assessmentId" = a.id
                 AND x.score * 100 >= c."masteryThreshold" * a."maxScore")) short,
             (SELECT count(*)::int FROM "Enrollment" e JOIN "OnlineCourse" c ON c.id = e."courseId"
               WHERE e.status = 'COMPLETED' AND (e."finalGrade" IS NULL OR e."creditAwarded" <> c.credits OR e."endedOn" IS NULL)) nograde,
             -- the credit rule's passing grade (lib/enrollments/credit.ts): the course's, else the district's
             (SELECT count(*)::int FROM "Enrollment" e JOIN "OnlineCourse" c ON c.id = e."courseId"
               WHERE e.status = 'COMPLETED' AND e."finalGrade" < coalesce(c."passingGrade", (SELECT d."passingGrade" FROM "DistrictSettings" d WHERE d.id = 1), 60)) below`);
    expect(r.completed).toBeGreaterThan(500);
    expect(r.linked).toBe(r.completed);
    expect(r.short).toBe(0);
    expect(r.nograde).toBe(0);
    // The credit review (/admin/credit-review) of the demo is empty.
    expect(r.below).toBe(0);
  });

  it("has enrollments in every status, dated between start and the as-of date", async () => {
    const rows = await q<{ status: string; n: number; bad: number }>(`
      SELECT status::text, count(*)::int n, count(*) FILTER (WHERE
        (status = 'ACTIVE' AND ("startDate" < DATE '${AS_OF}' - 98 OR "startDate" > DATE '${AS_OF}' - 7 OR "endedOn" IS NOT NULL))
        OR (status <> 'ACTIVE' AND ("endedOn" IS NULL OR "endedOn" < "startDate" OR "endedOn" > DATE '${AS_OF}'))
        OR EXISTS (SELECT 1 FROM "AssessmentResult" r WHERE r."enrollmentId" = "Enrollment".id AND (r."takenOn" < "startDate" OR r."takenOn" > DATE '${AS_OF}'))
      )::int bad FROM "Enrollment" GROUP BY 1`);
    expect(rows.map((r) => r.status).sort()).toEqual(["ACTIVE", "COMPLETED", "FAILED", "WITHDRAWN"]);
    expect(rows.filter((r) => r.bad > 0)).toEqual([]);
    const [cr] = await q<{ n: number; bad: number }>(`
      SELECT count(*)::int n, count(*) FILTER (WHERE t.grade <> 'F' OR t."subjectArea" <> c."subjectArea" OR t."studentId" <> e."studentId")::int bad
      FROM "Enrollment" e JOIN "TranscriptCourse" t ON t.id = e."replacesId" JOIN "OnlineCourse" c ON c.id = e."courseId"`);
    expect(cr.n).toBeGreaterThan(100);
    expect(cr.bad).toBe(0);

    // The recovery course is one that recovers the failed SIS code whenever the catalog has one
    // (lib/students/recovery.ts); the subject's other courses only where none does (the arts).
    const [rule] = await q<{ replacing: number; substitute: number; wrong: number }>(`
      SELECT count(*) FILTER (WHERE t."courseCode" = ANY (c.recovers))::int replacing,
             count(*) FILTER (WHERE NOT t."courseCode" = ANY (c.recovers))::int substitute,
             count(*) FILTER (WHERE NOT t."courseCode" = ANY (c.recovers) AND EXISTS (
               SELECT 1 FROM "OnlineCourse" o WHERE o."programType" = 'CREDIT_RECOVERY' AND t."courseCode" = ANY (o.recovers)))::int wrong
      FROM "Enrollment" e JOIN "TranscriptCourse" t ON t.id = e."replacesId" JOIN "OnlineCourse" c ON c.id = e."courseId"`);
    expect(rule.wrong).toBe(0);
    expect(rule.replacing).toBeGreaterThan(rule.substitute);
  });

  it("gives the program quality report its inputs: a few too-fast completions, overrides, proctoring, sequence, contracts, state tests", async () => {
    // No policy (a district sets its own; a seeded one would refuse the walkthroughs' same-day
    // completions); the seed's completions under 20 days a few percent of credit recovery's, and
    // those since last school year overridden in the app's words (issue #18).
    expect(await db().rigorPolicy.count()).toBe(0);
    const [cr] = await q<{ completed: number; fast: number; overridden: number; badOverride: number }>(`
      SELECT count(*)::int completed,
             count(*) FILTER (WHERE e."endedOn" - e."startDate" < 20)::int fast,
             count(*) FILTER (WHERE e."overrideAt" IS NOT NULL)::int overridden,
             count(*) FILTER (WHERE e."overrideAt" IS NOT NULL AND NOT (
               e."endedOn" - e."startDate" < 20 AND e."overrideReason" <> '' AND u.role IN ('SCHOOL_ADMIN', 'DISTRICT_ADMIN')
               AND e."overrideBreaches" = ARRAY['Finished ' || (e."endedOn" - e."startDate") || ' days after the start; the district''s minimum is 20 days.']
               AND e."overrideAt"::date = e."endedOn"))::int "badOverride"
      FROM "Enrollment" e JOIN "OnlineCourse" c ON c.id = e."courseId" LEFT JOIN "User" u ON u.id = e."overrideById"
      WHERE c."programType" = 'CREDIT_RECOVERY' AND e.status = 'COMPLETED'`);
    expect(cr.fast / cr.completed).toBeGreaterThan(0.02);
    expect(cr.fast / cr.completed).toBeLessThan(0.06);
    expect(cr.overridden).toBeGreaterThanOrEqual(3);
    expect(cr.overridden).toBeLessThan(cr.fast);
    expect(cr.badOverride).toBe(0);
    expect(await db().enrollment.count({ where: { overrideAt: { not: null }, course: { programType: { not: "CREDIT_RECOVERY" } } } })).toBe(0);

    // Most summative attempts say they were proctored; formatives say nothing.
    const proctoring = await q<{ kind: string; proctored: boolean | null; n: number }>(
      `SELECT a.kind::text, r.proctored, count(*)::int n FROM "AssessmentResult" r JOIN "CourseAssessment" a ON a.id = r."assessmentId" GROUP BY 1, 2`,
    );
    const summative = proctoring.filter((r) => r.kind === "SUMMATIVE");
    const all = summative.reduce((n, r) => n + r.n, 0);
    expect(summative.find((r) => r.proctored === true)!.n / all).toBeGreaterThan(0.75);
    expect(proctoring.filter((r) => r.kind === "FORMATIVE" && r.proctored !== null)).toEqual([]);

    // The course sequence names SIS courses the transcripts hold (Algebra I → Geometry).
    const sequence = await db().courseSequence.findMany();
    expect(sequence).toContainEqual(expect.objectContaining({ courseCode: "M101", nextCode: "M201" }));
    const codes = new Set((await q<{ c: string }>(`SELECT DISTINCT "courseCode" c FROM "TranscriptCourse"`)).map((r) => r.c));
    expect(sequence.filter((r) => !codes.has(r.courseCode) || !codes.has(r.nextCode))).toEqual([]);

    // A contract per provider for every school year from its first enrollment to this one.
    const [contracts] = await q<{ missing: number; n: number; low: number; high: number }>(`
      SELECT (SELECT count(*)::int FROM (SELECT DISTINCT c."providerId", CASE WHEN extract(month FROM e."startDate") >= 7 THEN extract(year FROM e."startDate") ELSE extract(year FROM e."startDate") - 1 END::int y
               FROM "Enrollment" e JOIN "OnlineCourse" c ON c.id = e."courseId") s
               WHERE NOT EXISTS (SELECT 1 FROM "ProviderContract" k WHERE k."providerId" = s."providerId" AND k."schoolYear" = s.y)) missing,
             count(*)::int n, min(cost)::float low, max(cost)::float high FROM "ProviderContract"`);
    expect(contracts.missing).toBe(0);
    expect(contracts.n).toBeGreaterThanOrEqual(3 * 8);
    expect(contracts.low).toBeGreaterThanOrEqual(20_000);
    expect(contracts.high).toBeLessThanOrEqual(250_000);

    // State tests: grade 10 ELA and mathematics, high school biology, levels by the scaled score;
    // online credit-recovery completers in the subject far less often proficient than the others.
    const levels = await q<{ level: string; low: number; high: number }>(
      `SELECT level, min("scaledScore")::int low, max("scaledScore")::int high FROM "StateTestResult" GROUP BY 1`,
    );
    expect(Object.fromEntries(levels.map((l) => [l.level, [l.low >= 440, l.high <= 560]]))).toEqual({
      "Exceeding Expectations": [true, true],
      "Meeting Expectations": [true, true],
      "Partially Meeting Expectations": [true, true],
      "Not Meeting Expectations": [true, true],
    });
    const [gap] = await q<{ completers: number; completerRate: number; otherRate: number; students: number }>(`
      WITH cr AS (SELECT e."studentId", c."subjectArea", CASE WHEN extract(month FROM e."endedOn") >= 7 THEN extract(year FROM e."endedOn") ELSE extract(year FROM e."endedOn") - 1 END::int y
                  FROM "Enrollment" e JOIN "OnlineCourse" c ON c.id = e."courseId" WHERE c."programType" = 'CREDIT_RECOVERY' AND e.status = 'COMPLETED'),
           t AS (SELECT t.*, EXISTS (SELECT 1 FROM cr WHERE cr."studentId" = t."studentId" AND cr."subjectArea" = t."subjectArea" AND t."schoolYear" IN (cr.y, cr.y + 1)) completer,
                        t.level IN ('Meeting Expectations', 'Exceeding Expectations') AS "isProficient" FROM "StateTestResult" t)
      SELECT count(*) FILTER (WHERE completer)::int completers,
             avg("isProficient"::int) FILTER (WHERE completer)::float "completerRate",
             avg("isProficient"::int) FILTER (WHERE NOT completer)::float "otherRate",
             count(DISTINCT "studentId")::int students FROM t`);
    expect(gap.students / first.counts.Student).toBeGreaterThan(0.5);
    expect(gap.completers).toBeGreaterThan(30);
    expect(gap.otherRate).toBeGreaterThan(0.35);
    expect(gap.completerRate).toBeLessThan(gap.otherRate / 2);
  });

  it("creates every demo login with the demo password (the inactive counselor inactive)", async () => {
    const users = await db().user.findMany({ select: { email: true, role: true, active: true, passwordHash: true } });
    for (const l of DEMO_LOGINS) {
      const u = users.find((x) => x.email === l.email);
      expect(u?.role).toBe(l.role);
      expect(u?.active).toBe(l.active !== false);
    }
    expect(await bcrypt.compare(DEMO_PASSWORD, users[0].passwordHash!)).toBe(true);
  });

  it("leaves every foreign key as the migrations made it, checked, after loading without them", async () => {
    expect(migratedKeys.length).toBeGreaterThan(40);
    expect(migratedKeys.every((k) => k.validated)).toBe(true);
    expect(await foreignKeys()).toEqual(migratedKeys);
    // Each of the seed's tables' keys made again (dropped for the load), the others' as they were.
    const after = new Map((await keyOids()).map((k) => [k.name, k.oid]));
    for (const k of migratedOids) expect(after.get(k.name) !== k.oid, k.name).toBe(ALL_TABLES.includes(k.table));
    // Enforced again: a result of an enrollment that does not exist is refused.
    const sql = await openSql();
    try {
      await expect(orphanResult(sql)).rejects.toThrow(/AssessmentResult_enrollmentId_fkey/);
    } finally {
      await sql.close();
    }
  });

  it("refuses, when the keys are added back, an orphan loaded without them; the rollback keeps the keys", async () => {
    const sql = await openSql();
    try {
      await sql.query("BEGIN");
      const keys = await foreignKeysDropped(sql, ALL_TABLES);
      expect(keys.dropped).toBe(migratedKeys.filter((k) => ALL_TABLES.includes(k.table)).length);
      await orphanResult(sql);
      await expect(keys.back()).rejects.toThrow(/AssessmentResult_enrollmentId_fkey/);
    } finally {
      await sql.query("ROLLBACK");
      await sql.close();
    }
    expect(await foreignKeys()).toEqual(migratedKeys);
    expect(await q(`SELECT id FROM "AssessmentResult" WHERE id = 'seed-test-orphan'`)).toEqual([]);
  });

  it("keeps the keys, checked row by row, for a role that does not own the tables", async () => {
    const sql = await openSql();
    try {
      await sql.query("BEGIN");
      // (A role made in the transaction goes with its rollback.)
      await sql.query(`CREATE ROLE seed_test_writer`);
      await sql.query(`GRANT USAGE ON SCHEMA ${await currentSchema(sql)} TO seed_test_writer`);
      await sql.query(`GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA ${await currentSchema(sql)} TO seed_test_writer`);
      await sql.query("SET LOCAL ROLE seed_test_writer");
      const keys = await foreignKeysDropped(sql, ALL_TABLES);
      expect(keys.dropped).toBe(0);
      await expect(orphanResult(sql)).rejects.toThrow(/AssessmentResult_enrollmentId_fkey/);
    } finally {
      await sql.query("ROLLBACK");
      await sql.close();
    }
    expect(await foreignKeys()).toEqual(migratedKeys);
  });

  it("skips with --if-empty and refuses to seed over data without --reset", async () => {
    expect((await seedDemo({ asOf: AS_OF, ifEmpty: true })).skipped).toBe(true);
    await expect(seedDemo({ asOf: AS_OF })).rejects.toThrow(/--reset/);
  });

  it("is deterministic: reseeding with the same as-of date gives the same students", async () => {
    const before = await snapshot();
    const again = await seedDemo({ asOf: AS_OF, reset: true });
    expect(again.counts).toEqual(first.counts);
    expect(await snapshot()).toEqual(before);
  }, 180_000);
});
