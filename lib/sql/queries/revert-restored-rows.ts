import "server-only";
import { sql } from "kysely";
import type { Tx } from "@/lib/db";
import { executeIn } from "@/lib/sql/db";
import { compilable } from "@/lib/sql/fragments/json-recordset";
import { onKey, type CapturedTable } from "@/lib/sql/fragments/revert-net";

/**
 * How a column of a row the run updated is put back (lib/imports/revert.ts decides):
 * "now" (updatedAt), "bump" (version + 1: never back), "stamp" (back only if still the run's),
 * "before" (back, unless the column was added after the run: not in its row).
 */
export type Restore = { column: string; how: "now" | "bump" | "stamp" | "before" };

/** Puts back the rows of `t` the run updated (and did not delete) as the run found them, column by column; returns how many. */
export async function revertRestoredRows(tx: Tx, t: CapturedTable, columns: Restore[]): Promise<number> {
  const sets = columns.map(({ column, how }) => {
    const c = sql.id(column);
    switch (how) {
      case "now":
        return sql`${c} = now()`;
      case "bump":
        return sql`${c} = t.${c} + 1`;
      case "stamp":
        return sql`${c} = CASE WHEN to_jsonb(t.${c}) IS NOT DISTINCT FROM n.after -> ${sql.lit(column)} THEN r.${c} ELSE t.${c} END`;
      case "before":
        return sql`${c} = CASE WHEN n.before ? ${sql.lit(column)} THEN r.${c} ELSE t.${c} END`;
    }
  });
  return executeIn(
    tx,
    compilable(sql`
      UPDATE ${sql.table(t.name)} t SET ${sql.join(sets)}
      FROM revert_net n CROSS JOIN LATERAL jsonb_populate_record(NULL::${sql.table(t.name)}, n.before) r
      WHERE n."table" = ${t.name} AND n.first_op <> 'INSERT' AND n.last_op <> 'DELETE' AND ${onKey(t)}`),
  );
}
