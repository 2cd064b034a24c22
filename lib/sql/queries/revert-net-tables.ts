import "server-only";
import type { Tx } from "@/lib/db";
import { rowsIn } from "@/lib/sql/db";
import { revertDb } from "@/lib/sql/fragments/revert-net";

/** The tables revert_net holds rows of (the tables the run wrote). */
export async function revertNetTables(tx: Tx): Promise<string[]> {
  const rows = await rowsIn(tx, revertDb().selectFrom("revert_net").select("table").distinct());
  return rows.map((r) => r.table);
}
