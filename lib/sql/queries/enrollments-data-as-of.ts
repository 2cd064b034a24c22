import "server-only";
import type { Tx } from "@/lib/db";
import { executeIn, sqlDb } from "@/lib/sql/db";
import { textArray } from "@/lib/sql/fragments/text-array";

/** Sets Enrollment.dataAsOf of these enrollments (one chunk of ids) to `at`, in the import's transaction. */
export async function enrollmentsDataAsOf(tx: Tx, ids: string[], at: Date): Promise<number> {
  return executeIn(
    tx,
    sqlDb()
      .updateTable("Enrollment")
      .set({ dataAsOf: at })
      .where((eb) => eb("id", "=", eb.fn.any(textArray(ids)))),
  );
}
