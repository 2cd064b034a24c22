import "server-only";
import { sql } from "kysely";
import type { Tx } from "@/lib/db";
import { rowsIn } from "@/lib/sql/db";
import { revertDb } from "@/lib/sql/fragments/revert-net";

/** The columns the run's rows of `table` had when it left them (revert_net.after's keys): a column added since is not among them. */
export async function revertWrittenColumns(tx: Tx, table: string): Promise<Set<string>> {
  const rows = await rowsIn(
    tx,
    revertDb()
      .selectFrom("revert_net")
      .select(sql<string>`jsonb_object_keys(after)`.as("k"))
      .distinct()
      .where("table", "=", table)
      .where("after", "is not", null),
  );
  return new Set(rows.map((r) => r.k));
}
