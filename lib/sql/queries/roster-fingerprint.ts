import "server-only";
import { sql } from "kysely";
import type { Tx } from "@/lib/db";
import { rowsIn, sqlDb } from "@/lib/sql/db";

const TABLES = ["School", "User", "Student", "Guardian"] as const;

/**
 * The state of the rostered tables in one text: each one's row count and latest updatedAt, joined
 * by '|'. In the import's transaction `tx` when given (recorded when a roster import succeeds).
 */
export async function rosterFingerprint(tx?: Tx): Promise<string> {
  const parts = TABLES.map((t) => sql`(SELECT count(*) || ':' || coalesce(max("updatedAt")::text, '') FROM ${sql.table(t)})`);
  const q = sqlDb().selectNoFrom(sql<string>`concat_ws('|', ${sql.join(parts)})`.as("fp"));
  const [r] = tx ? await rowsIn(tx, q) : await q.execute();
  return r!.fp;
}
