// Demo risk history (issue 16): the Today list says who is *newly* high risk or behind pace, which
// needs a history the daily job (lib/today/snapshot.ts) has not had time to write in a fresh demo.
// The seed runs the real snapshot for the as-of day, then dates it 8 days earlier as the history's
// start, and makes a fixed share of today's changes: about 1 in 6 of the students at high risk today
// were moderate then, and about 1 in 5 of those behind pace today were behind in one course fewer.
// Those students get a row on the as-of day with today's values. Everything else is what the job
// computed. Runs after the seed's transaction has committed (the snapshot reads through the app's
// own connection).
import { Prisma } from "@/lib/generated/prisma/client";
import { sqlRows } from "@/lib/db";
import { snapshotRisk } from "@/lib/today/snapshot";
import { isoDay } from "@/lib/calendar";
import { dateOf, type Day } from "./calendar";

export async function writeRiskHistory(asOf: Day): Promise<{ students: number; changed: number }> {
  const today = isoDay(dateOf(asOf));
  const start = isoDay(dateOf(asOf - 8));
  const run = await snapshotRisk(new Date(`${today}T00:00:00Z`));
  // The history starts 8 days back: every row computed today moves there, and both days count as run.
  await sqlRows(Prisma.sql`UPDATE "RiskSnapshot" SET day = ${start}::date WHERE day = ${today}::date`);
  await sqlRows(Prisma.sql`
    INSERT INTO "RiskSnapshotRun" (day, students, changed, "startedAt", "finishedAt")
    SELECT ${start}::date, students, students, "startedAt", "finishedAt" FROM "RiskSnapshotRun" WHERE day = ${today}::date`);
  // Today's row for the students whose risk "changed" since (a deterministic share, by id hash).
  const changed = Prisma.sql`(('x' || substr(md5(r."studentId"), 1, 8))::bit(32)::int & 2147483647)`;
  await sqlRows(Prisma.sql`
    INSERT INTO "RiskSnapshot" ("studentId", day, level, reasons, "counselorId", "schoolId", "behindCourses", "inactiveCourses", "creditsEarned")
    SELECT r."studentId", ${today}::date, r.level, r.reasons, r."counselorId", r."schoolId", r."behindCourses", r."inactiveCourses", r."creditsEarned"
    FROM "RiskSnapshot" r
    WHERE r.day = ${start}::date AND ((r.level = 'HIGH' AND ${changed} % 6 = 0) OR (r."behindCourses" > 0 AND ${changed} % 5 = 1))`);
  await sqlRows(Prisma.sql`
    UPDATE "RiskSnapshot" r SET level = CASE WHEN r.level = 'HIGH' AND ${changed} % 6 = 0 THEN 'MODERATE'::"RiskLevel" ELSE r.level END,
                                "behindCourses" = CASE WHEN r."behindCourses" > 0 AND ${changed} % 5 = 1 THEN r."behindCourses" - 1 ELSE r."behindCourses" END
    WHERE r.day = ${start}::date AND EXISTS (SELECT 1 FROM "RiskSnapshot" t WHERE t."studentId" = r."studentId" AND t.day = ${today}::date)`);
  const [n] = await sqlRows<{ n: number }>(Prisma.sql`SELECT count(*)::int AS n FROM "RiskSnapshot" WHERE day = ${today}::date`);
  return { students: run.students, changed: n.n };
}
