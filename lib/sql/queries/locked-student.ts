import "server-only";
import type { Tx } from "@/lib/db";
import { rowsIn, sqlDb } from "@/lib/sql/db";

/**
 * Locks one student's row until the transaction ends (FOR UPDATE) and returns its id (none if it
 * does not exist): lib/enrollments/enroll.ts holds the student while it counts their active
 * enrollments against the district's most concurrent courses, so two enrollments made at once
 * cannot both pass the count.
 */
export async function lockedStudent(tx: Tx, id: string) {
  return rowsIn(tx, sqlDb().selectFrom("Student").select("id").where("id", "=", id).forUpdate());
}
