import "server-only";
import { sql } from "kysely";
import { sqlDb } from "@/lib/sql/db";

/**
 * The demo district's week of risk history (prisma/seed/risk-history.ts; seed only, no product path
 * runs it), in one statement over the snapshot the daily job wrote for `today`: every row is copied to
 * `start` as the history's first day, with a fixed share of students a step better then (by a hash of
 * their id: 1 in 6 of those at high risk were moderate, 1 in 5 of those behind pace were behind in one
 * course fewer); only those students keep their row on `today`; the day's run is copied to `start`
 * too. Answers how many rows `today` keeps: the students whose risk changed in the week.
 */
export async function demoRiskHistory(today: Date, start: Date): Promise<number> {
  const day = (d: Date) => sql<Date>`${d}::date`;
  // Over the snapshot row `t` ("r", or the table's own name where it has no alias).
  const hash = (t: string) => sql<number>`(('x' || substr(md5(${sql.ref(`${t}.studentId`)}), 1, 8))::bit(32)::int & 2147483647)`;
  const wasModerate = (t = "r") => sql<boolean>`(${sql.ref(`${t}.level`)} = 'HIGH' AND ${hash(t)} % 6 = 0)`;
  const wasLessBehind = (t = "r") => sql<boolean>`(${sql.ref(`${t}.behindCourses`)} > 0 AND ${hash(t)} % 5 = 1)`;
  const changed = (t = "r") => sql<boolean>`(${wasModerate(t)} OR ${wasLessBehind(t)})`;
  const { n } = await sqlDb()
    .with("history", (db) =>
      db
        .insertInto("RiskSnapshot")
        .columns(["studentId", "day", "level", "reasons", "counselorId", "schoolId", "behindCourses", "inactiveCourses", "creditsEarned"])
        .expression(
          db
            .selectFrom("RiskSnapshot as r")
            .select((eb) => [
              "r.studentId",
              day(start).as("day"),
              eb
                .case()
                .when(wasModerate())
                .then(sql.lit("MODERATE" as const))
                .else(eb.ref("r.level"))
                .end()
                .as("level"),
              "r.reasons",
              "r.counselorId",
              "r.schoolId",
              eb
                .case()
                .when(wasLessBehind())
                .then(eb("r.behindCourses", "-", 1))
                .else(eb.ref("r.behindCourses"))
                .end()
                .as("behindCourses"),
              "r.inactiveCourses",
              "r.creditsEarned",
            ])
            .where("r.day", "=", day(today)),
        ),
    )
    .with("unchanged", (db) =>
      db
        .deleteFrom("RiskSnapshot")
        .where("day", "=", day(today))
        .where(sql<boolean>`NOT ${changed("RiskSnapshot")}`),
    )
    .with("run", (db) =>
      db
        .insertInto("RiskSnapshotRun")
        .columns(["day", "students", "changed", "startedAt", "finishedAt"])
        .expression(
          db
            .selectFrom("RiskSnapshotRun")
            .select([day(start).as("day"), "students", "students as changed", "startedAt", "finishedAt"])
            .where("day", "=", day(today)),
        ),
    )
    .selectFrom("RiskSnapshot as r")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("r.day", "=", day(today))
    .where(changed())
    .executeTakeFirstOrThrow();
  return n;
}
