import "server-only";
import { sql } from "kysely";
import type { Tx } from "@/lib/db";
import { executeIn, sqlDb } from "@/lib/sql/db";

/**
 * Moves Enrollment.lastActivityOn forward to the given day where it is earlier (never back), bumping
 * `version`: one set-based UPDATE … FROM json_to_recordset($1) per chunk of rows, in the import's
 * transaction. Returns the enrollments changed.
 */
export async function enrollmentsLastActivity(tx: Tx, rows: { id: string; lastActivityOn: string }[]): Promise<number> {
  const r = sql<{ id: string; lastActivityOn: Date }>`json_to_recordset(${JSON.stringify(rows)}::json)`.as<"r">(sql`r("id" text, "lastActivityOn" date)`);
  return executeIn(
    tx,
    sqlDb()
      .updateTable("Enrollment as t")
      .from(r)
      .set((eb) => ({
        lastActivityOn: eb.fn("greatest", [eb.ref("t.lastActivityOn"), eb.ref("r.lastActivityOn")]),
        version: eb("t.version", "+", 1),
        updatedAt: sql<Date>`now()`,
      }))
      .whereRef("t.id", "=", "r.id")
      .where((eb) => eb.or([eb("t.lastActivityOn", "is", null), eb("t.lastActivityOn", "<", eb.ref("r.lastActivityOn"))])),
  );
}
