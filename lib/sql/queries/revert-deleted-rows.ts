import "server-only";
import { sql } from "kysely";
import type { Tx } from "@/lib/db";
import { executeIn } from "@/lib/sql/db";
import { compilable } from "@/lib/sql/fragments/json-recordset";
import { onKey, type CapturedTable } from "@/lib/sql/fragments/revert-net";

/** Deletes the rows of `t` the run created (and did not delete itself); returns how many. */
export async function revertDeletedRows(tx: Tx, t: CapturedTable): Promise<number> {
  return executeIn(
    tx,
    compilable(sql`DELETE FROM ${sql.table(t.name)} t USING revert_net n WHERE n."table" = ${t.name} AND n.first_op = 'INSERT' AND n.last_op <> 'DELETE' AND ${onKey(t)}`),
  );
}
