import "server-only";
import { sql } from "kysely";
import { sqlDb } from "@/lib/sql/db";

/** How many finished runs of the daily risk snapshot `day` (YYYY-MM-DD) has: 0 or 1 (the job's "already done today?"). */
export async function finishedSnapshotRuns(day: string): Promise<number> {
  const { n } = await sqlDb()
    .selectFrom("RiskSnapshotRun")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("day", "=", sql<Date>`${day}::date`)
    .where("finishedAt", "is not", null)
    .executeTakeFirstOrThrow();
  return n;
}
