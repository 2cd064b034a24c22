import "server-only";
import { sqlDb } from "@/lib/sql/db";
import type { Progress } from "@/lib/imports/report";

/**
 * Records a queued upload's latest progress for the host answering the browser (lib/imports/queue.ts),
 * with the heartbeat, on the pool outside any Prisma transaction (as importRunHeartbeat). Nothing
 * once the run no longer runs.
 */
export async function importRunProgress(runId: string, progress: Progress) {
  return sqlDb()
    .updateTable("ImportRun")
    .set({ progress: JSON.stringify(progress), heartbeatAt: new Date() })
    .where("id", "=", runId)
    .where("status", "=", "running")
    .returning("id")
    .executeTakeFirst();
}
