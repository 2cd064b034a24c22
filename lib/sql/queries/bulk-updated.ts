import "server-only";
import { sql } from "kysely";
import type { Tx } from "@/lib/db";
import { executeIn } from "@/lib/sql/db";
import { compilable, jsonRecordset, recordValue, type Col, type TableName } from "@/lib/sql/fragments/json-recordset";

/**
 * Updates one chunk of rows of `table`, matched on `key`, in ONE statement (UPDATE … FROM
 * json_to_recordset($1)). `touch`: "updatedAt" = now(); `bumpVersion`: "version" + 1. Returns the
 * rows changed.
 */
export async function bulkUpdated(
  tx: Tx,
  table: TableName,
  key: Col,
  cols: Col[],
  rows: readonly Record<string, unknown>[],
  opts: { touch: boolean; bumpVersion: boolean },
): Promise<number> {
  const sets = cols.map((c) => sql`${sql.id(c.name)} = ${recordValue(c)}`);
  if (opts.touch) sets.push(sql`"updatedAt" = now()`);
  if (opts.bumpVersion) sets.push(sql`"version" = t."version" + 1`);
  return executeIn(
    tx,
    compilable(sql`UPDATE ${sql.table(table)} AS t SET ${sql.join(sets)} FROM ${jsonRecordset(rows, [key, ...cols])} WHERE t.${sql.id(key.name)} = ${recordValue(key)}`),
  );
}
