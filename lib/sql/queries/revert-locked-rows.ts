import "server-only";
import { sql } from "kysely";
import type { Tx } from "@/lib/db";
import { rowsIn } from "@/lib/sql/db";
import { compilable } from "@/lib/sql/fragments/json-recordset";
import { onKey, type CapturedTable } from "@/lib/sql/fragments/revert-net";

/**
 * Locks the rows of `t` that revert_net names until the transaction ends (FOR UPDATE, in key order
 * as imports lock them: no deadlock with one); returns how many exist still.
 */
export async function revertLockedRows(tx: Tx, t: CapturedTable): Promise<number> {
  const order = sql.join(t.key.map((k) => sql`t.${sql.id(k)}`));
  const [row] = await rowsIn(
    tx,
    compilable(
      sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${sql.table(t.name)} t JOIN revert_net n ON ${onKey(t)} WHERE n."table" = ${t.name} ORDER BY ${order} FOR UPDATE OF t) s`,
    ),
  );
  return row?.n ?? 0;
}
