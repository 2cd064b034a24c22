import "server-only";
import { sql } from "kysely";
import type { Tx } from "@/lib/db";
import { rowsIn } from "@/lib/sql/db";
import { revertDb } from "@/lib/sql/fragments/revert-net";

/** Per table, how many rows the run deleted that it had not created: a revert leaves them deleted. */
export async function revertKeptDeleted(tx: Tx) {
  return rowsIn(
    tx,
    revertDb()
      .selectFrom("revert_net")
      .select(["table", sql<number>`count(*)::int`.as("n")])
      .where("first_op", "<>", sql.lit("INSERT"))
      .where("last_op", "=", sql.lit("DELETE"))
      .groupBy("table"),
  );
}
