import "server-only";
import { sqlDb } from "@/lib/sql/db";

/**
 * Takes the oldest queued import run for this process (lib/imports/queue.ts): one statement that
 * sets it "running" with a fresh heartbeat, over `FOR UPDATE SKIP LOCKED`, so two hosts claiming at
 * once take two different runs (or one takes it and the other nothing). undefined when none waits.
 */
export async function claimedImportRun() {
  const db = sqlDb();
  return db
    .updateTable("ImportRun")
    .set({ status: "running", heartbeatAt: new Date() })
    .where("id", "=", (eb) => eb.selectFrom("ImportRun").select("id").where("status", "=", "queued").orderBy("startedAt").orderBy("id").limit(1).forUpdate().skipLocked())
    .where("status", "=", "queued")
    .returning(["id", "kind", "fileName", "dryRun", "partial", "userId", "options", "startedAt"])
    .executeTakeFirst();
}
