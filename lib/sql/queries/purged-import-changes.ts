import "server-only";
import { sqlDb } from "@/lib/sql/db";

/** Deletes the change rows (ImportChange) of the import runs started before `cutoff`; returns how many. */
export async function purgedImportChanges(cutoff: Date): Promise<number> {
  const r = await sqlDb().deleteFrom("ImportChange as c").using("ImportRun as r").whereRef("r.id", "=", "c.runId").where("r.startedAt", "<", cutoff).executeTakeFirst();
  return Number(r.numDeletedRows);
}
