import "server-only";
import type { Tx } from "@/lib/db";
import { executeIn, sqlDb } from "@/lib/sql/db";
import { textArray } from "@/lib/sql/fragments/text-array";

/** Sets Provider.resultsAsOf to `at` for the providers of these enrollments' courses (one chunk of ids). */
export async function providersResultsAsOf(tx: Tx, enrollmentIds: string[], at: Date): Promise<number> {
  return executeIn(
    tx,
    sqlDb()
      .updateTable("Provider")
      .set({ resultsAsOf: at })
      .where("id", "in", (db) =>
        db
          .selectFrom("Enrollment as e")
          .innerJoin("OnlineCourse as c", "c.id", "e.courseId")
          .select("c.providerId")
          .where((eb) => eb("e.id", "=", eb.fn.any(textArray(enrollmentIds)))),
      ),
  );
}
