import "server-only";
import { sqlDb } from "@/lib/sql/db";

/**
 * Records a running import's heartbeat (now), on the pool outside any Prisma transaction (see
 * lib/imports/interrupted.ts writeHeartbeat for why). Returns the run's id, or nothing once it no
 * longer runs.
 */
export async function importRunHeartbeat(runId: string) {
  return sqlDb().updateTable("ImportRun").set({ heartbeatAt: new Date() }).where("id", "=", runId).where("status", "=", "running").returning("id").executeTakeFirst();
}
