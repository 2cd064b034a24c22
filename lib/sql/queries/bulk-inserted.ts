import "server-only";
import { sql } from "kysely";
import type { Tx } from "@/lib/db";
import { executeIn } from "@/lib/sql/db";
import { compilable, jsonRecordset, recordValue, type Col, type TableName } from "@/lib/sql/fragments/json-recordset";

/** What to do when a row meets an existing one on the unique columns `on`. */
export type Conflict = {
  on: string[];
  /** Columns taken from the new row; none: DO NOTHING. */
  update?: string[];
  /** Also set "updatedAt" = now() on an update. */
  touch?: boolean;
  /** Update only when one of `update` differs (IS DISTINCT FROM): an unchanged row is not written. */
  onlyIfChanged?: boolean;
};

/**
 * Inserts one chunk of rows into `table` in ONE statement (INSERT … SELECT FROM
 * json_to_recordset($1)), with the stamps set to now(); returns the rows written.
 */
export async function bulkInserted(
  tx: Tx,
  table: TableName,
  cols: Col[],
  rows: readonly Record<string, unknown>[],
  opts: { stamps: string[]; conflict?: Conflict },
): Promise<number> {
  const names = [...cols.map((c) => sql.id(c.name)), ...opts.stamps.map((s) => sql.id(s))];
  const values = [...cols.map(recordValue), ...opts.stamps.map(() => sql`now()`)];
  return executeIn(
    tx,
    compilable(sql`INSERT INTO ${sql.table(table)} (${sql.join(names)}) SELECT ${sql.join(values)} FROM ${jsonRecordset(rows, cols)}${conflictClause(table, opts.conflict)}`),
  );
}

function conflictClause(table: TableName, c: Conflict | undefined) {
  if (!c) return sql``;
  const on = sql.join(c.on.map((n) => sql.id(n)));
  if (!c.update?.length) return sql` ON CONFLICT (${on}) DO NOTHING`;
  const sets = c.update.map((n) => sql`${sql.id(n)} = EXCLUDED.${sql.id(n)}`);
  if (c.touch) sets.push(sql`"updatedAt" = now()`);
  const changed = c.onlyIfChanged
    ? sql` WHERE (${sql.join(c.update.map((n) => sql`${sql.table(table)}.${sql.id(n)}`))}) IS DISTINCT FROM (${sql.join(c.update.map((n) => sql`EXCLUDED.${sql.id(n)}`))})`
    : sql``;
  return sql` ON CONFLICT (${on}) DO UPDATE SET ${sql.join(sets)}${changed}`;
}
