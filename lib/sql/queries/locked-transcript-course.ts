import "server-only";
import type { Tx } from "@/lib/db";
import { rowsIn, sqlDb } from "@/lib/sql/db";

/**
 * Locks one transcript course until the transaction ends (FOR UPDATE) and returns its id (none if
 * it does not exist): lib/enrollments/enroll.ts holds the failed course while it links a recovery
 * enrollment to it, so two enrollments cannot both take it.
 */
export async function lockedTranscriptCourse(tx: Tx, id: string) {
  return rowsIn(tx, sqlDb().selectFrom("TranscriptCourse").select("id").where("id", "=", id).forUpdate());
}
