import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { sqlRows } from "@/lib/db";
import { enrolledSchoolRows, type CaseloadRow } from "@/lib/students/caseload";
import { INACTIVE_DAYS } from "@/lib/enrollments/rules";
import { districtDay } from "@/lib/calendar";

// The daily risk snapshot (issue 16): every enrolled student's early-warning level and reasons,
// computed by the caseload's own code (lib/students/caseload.ts enrolledSchoolRows → riskFor), one
// school at a time so memory stays bounded. A row is written only when the level, the reasons, the
// behind/inactive course counts or the counselor differ from the student's latest row before today
// (schema.prisma RiskSnapshot): the history is the list of changes. Running it again the same day
// replaces that day's rows. Run by the job runner (lib/jobs/index.ts "risk-snapshot").

export type SnapshotOutcome = { day: string; students: number; changed: number; seconds: number; skipped: boolean };

/** One student's snapshot values, as the table keeps them. */
export function snapshotValues(r: CaseloadRow) {
  return {
    id: r.id,
    level: r.risk.level,
    reasons: r.risk.reasons.map((x) => x.code).join(","),
    behind: r.courses.filter((c) => c.pace === "BEHIND").length,
    inactive: r.courses.filter((c) => c.daysInactive >= INACTIVE_DAYS).length,
    credits: r.creditsEarned,
  };
}

/**
 * Snapshots every enrolled student's risk for `day` (default the district's today). With
 * `ifNotDone`, a day already snapshotted is left alone (the hourly job's check).
 */
export async function snapshotRisk(day: Date = districtDay(), opts: { ifNotDone?: boolean } = {}): Promise<SnapshotOutcome> {
  const started = performance.now();
  const dayIso = day.toISOString().slice(0, 10);
  if (opts.ifNotDone) {
    const [done] = await sqlRows<{ n: number }>(Prisma.sql`SELECT count(*)::int AS n FROM "RiskSnapshotRun" WHERE day = ${dayIso}::date AND "finishedAt" IS NOT NULL`);
    if (done.n > 0) return { day: dayIso, students: 0, changed: 0, seconds: 0, skipped: true };
  }
  const startedAt = new Date();
  const schools = await sqlRows<{ id: string }>(Prisma.sql`SELECT id FROM "School" ORDER BY id`);
  let students = 0;
  let changed = 0;
  for (const { id: schoolId } of schools) {
    const rows = (await enrolledSchoolRows(schoolId, day)).map(snapshotValues);
    students += rows.length;
    if (rows.length === 0) continue;
    const [w] = await sqlRows<{ n: number }>(writeChanges(dayIso, rows));
    changed += w.n;
  }
  await sqlRows(Prisma.sql`
    INSERT INTO "RiskSnapshotRun" (day, students, changed, "startedAt", "finishedAt")
    VALUES (${dayIso}::date, ${students}, ${changed}, ${startedAt}, ${new Date()})
    ON CONFLICT (day) DO UPDATE SET students = EXCLUDED.students, changed = EXCLUDED.changed, "startedAt" = EXCLUDED."startedAt", "finishedAt" = EXCLUDED."finishedAt"`);
  return { day: dayIso, students, changed, seconds: (performance.now() - started) / 1000, skipped: false };
}

/**
 * One statement per school: the computed values against each student's latest row before the
 * day; changed ones are upserted for the day, and a same-day row that no longer differs from the
 * row before it (a rerun after a correction) is deleted. Answers how many rows the day holds for
 * these students.
 */
function writeChanges(day: string, rows: ReturnType<typeof snapshotValues>[]): Prisma.Sql {
  return Prisma.sql`
    WITH input AS (
      SELECT * FROM unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.level)}::text[], ${rows.map((r) => r.reasons)}::text[],
                           ${rows.map((r) => r.behind)}::int[], ${rows.map((r) => r.inactive)}::int[], ${rows.map((r) => r.credits)}::numeric[])
             AS i(id, level, reasons, behind, inactive, credits)
    ), computed AS (
      SELECT i.id, i.level::"RiskLevel" AS level, string_to_array(nullif(i.reasons, ''), ',') AS reasons, i.behind, i.inactive, i.credits,
             s."counselorId", s."schoolId"
      FROM input i JOIN "Student" s ON s.id = i.id
    ), prior AS (
      SELECT DISTINCT ON (r."studentId") r."studentId", r.level, r.reasons, r."behindCourses", r."inactiveCourses", r."counselorId"
      FROM "RiskSnapshot" r
      WHERE r."studentId" IN (SELECT id FROM input) AND r.day < ${day}::date
      ORDER BY r."studentId", r.day DESC
    ), diff AS (
      SELECT c.*, (p."studentId" IS NULL OR p.level <> c.level OR p.reasons <> coalesce(c.reasons, '{}')
                   OR p."behindCourses" <> c.behind OR p."inactiveCourses" <> c.inactive
                   OR p."counselorId" IS DISTINCT FROM c."counselorId") AS changed
      FROM computed c LEFT JOIN prior p ON p."studentId" = c.id
    ), upserted AS (
      INSERT INTO "RiskSnapshot" ("studentId", day, level, reasons, "counselorId", "schoolId", "behindCourses", "inactiveCourses", "creditsEarned")
      SELECT id, ${day}::date, level, coalesce(reasons, '{}'), "counselorId", "schoolId", behind, inactive, credits FROM diff WHERE changed
      ON CONFLICT ("studentId", day) DO UPDATE SET level = EXCLUDED.level, reasons = EXCLUDED.reasons, "counselorId" = EXCLUDED."counselorId",
        "schoolId" = EXCLUDED."schoolId", "behindCourses" = EXCLUDED."behindCourses", "inactiveCourses" = EXCLUDED."inactiveCourses",
        "creditsEarned" = EXCLUDED."creditsEarned"
      RETURNING 1
    ), unchanged AS (
      DELETE FROM "RiskSnapshot" r USING diff d WHERE r."studentId" = d.id AND r.day = ${day}::date AND NOT d.changed
    )
    SELECT count(*)::int AS n FROM upserted`;
}

/** The first and latest day the history covers (null before the first run). */
export async function snapshotCoverage(): Promise<{ first: Date | null; latest: Date | null }> {
  const [r] = await sqlRows<{ first: Date | null; latest: Date | null }>(Prisma.sql`
    SELECT min(day) AS first, max(day) AS latest FROM "RiskSnapshotRun" WHERE "finishedAt" IS NOT NULL`);
  return r ?? { first: null, latest: null };
}
