// Demo risk history (issue 16): the Today list says who is *newly* high risk or behind pace, which
// needs a history the daily job (lib/today/snapshot.ts) has not had time to write in a fresh demo.
// The seed runs the real snapshot for the as-of day, then dates it 8 days earlier as the history's
// start, and makes a fixed share of today's changes: about 1 in 6 of the students at high risk today
// were moderate then, and about 1 in 5 of those behind pace today were behind in one course fewer.
// Those students get a row on the as-of day with today's values. Everything else is what the job
// computed. Runs after the seed's transaction has committed (the snapshot reads through the app's
// own connection), so these statements go through the app's typed builder (lib/sql/db.ts) too:
// seed-only statements, not product queries, so they stay here rather than in lib/sql/queries/.
import { sql } from "kysely";
import { sqlDb } from "@/lib/sql/db";
import { snapshotRisk } from "@/lib/today/snapshot";
import { isoDay } from "@/lib/calendar";
import { dateOf, type Day } from "./calendar";

export async function writeRiskHistory(asOf: Day): Promise<{ students: number; changed: number }> {
  const db = sqlDb();
  const today = sql<Date>`${isoDay(dateOf(asOf))}::date`;
  const start = sql<Date>`${isoDay(dateOf(asOf - 8))}::date`;
  const run = await snapshotRisk(dateOf(asOf));
  // The history starts 8 days back: every row computed today moves there, and both days count as run.
  await db.updateTable("RiskSnapshot").set({ day: start }).where("day", "=", today).execute();
  await db
    .insertInto("RiskSnapshotRun")
    .columns(["day", "students", "changed", "startedAt", "finishedAt"])
    .expression(
      db
        .selectFrom("RiskSnapshotRun")
        .select([start.as("day"), "students", "students as changed", "startedAt", "finishedAt"])
        .where("day", "=", today),
    )
    .execute();
  // Today's row for the students whose risk "changed" since (a deterministic share, by id hash).
  const hash = sql<number>`(('x' || substr(md5(${sql.ref("r.studentId")}), 1, 8))::bit(32)::int & 2147483647)`;
  const wasModerate = sql<boolean>`${sql.ref("r.level")} = 'HIGH' AND ${hash} % 6 = 0`;
  const wasLessBehind = sql<boolean>`${sql.ref("r.behindCourses")} > 0 AND ${hash} % 5 = 1`;
  await db
    .insertInto("RiskSnapshot")
    .columns(["studentId", "day", "level", "reasons", "counselorId", "schoolId", "behindCourses", "inactiveCourses", "creditsEarned"])
    .expression(
      db
        .selectFrom("RiskSnapshot as r")
        .select(["r.studentId", today.as("day"), "r.level", "r.reasons", "r.counselorId", "r.schoolId", "r.behindCourses", "r.inactiveCourses", "r.creditsEarned"])
        .where("r.day", "=", start)
        .where((eb) => eb.or([wasModerate, wasLessBehind])),
    )
    .execute();
  await db
    .updateTable("RiskSnapshot as r")
    .set((eb) => ({
      level: eb
        .case()
        .when(wasModerate)
        .then(sql.lit("MODERATE" as const))
        .else(eb.ref("r.level"))
        .end(),
      behindCourses: eb
        .case()
        .when(wasLessBehind)
        .then(eb("r.behindCourses", "-", 1))
        .else(eb.ref("r.behindCourses"))
        .end(),
    }))
    .where("r.day", "=", start)
    .where((eb) => eb.exists(eb.selectFrom("RiskSnapshot as t").select(sql.lit(1).as("one")).whereRef("t.studentId", "=", "r.studentId").where("t.day", "=", today)))
    .execute();
  const { n } = await db
    .selectFrom("RiskSnapshot")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("day", "=", today)
    .executeTakeFirstOrThrow();
  return { students: run.students, changed: n };
}
