import "server-only";
import { sql, type RawBuilder } from "kysely";
import { sqlDb } from "@/lib/sql/db";

// The pieces of an import run's revert (lib/imports/revert.ts; its statements are
// lib/sql/queries/revert-*.ts and the catalog reads captured-tables.ts, foreign-keys-into.ts).
//
// - revert_net and revert_later are temporary tables (ON COMMIT DROP) of the revert's own
//   transaction: the run's net change per row, and the later runs that wrote the same rows. They are
//   not in the generated schema; `revertDb()` adds them so their statements are typed by the builder.
// - The captured tables (School, Student, Enrollment …) are named at run time by the catalog (the
//   capture triggers of migration 20261201180000_import_changes), so the statements over "the run's
//   rows of table t" are `sql` templates: identifiers come from the catalog, never from a request,
//   and are quoted (sql.table, sql.id); values travel as parameters.

/** revert_net: one row per (table, key) the run wrote, its first and last operation, its row before the run and after it. */
export type RevertNet = { table: string; key: unknown; first_op: string; last_op: string; before: unknown; after: unknown; last_id: string };
/** revert_later: per row of revert_net, the first later run that wrote it and is not reverted, and whether a later run was reverted. */
export type RevertLater = { table: string; key: unknown; live_run: string | null; reverted_later: boolean | null };

/** The builder over the app's tables and the revert's temporary ones (statements run with executeIn/rowsIn in its transaction). */
export function revertDb() {
  return sqlDb().withTables<{ revert_net: RevertNet; revert_later: RevertLater }>();
}

/** A table with capture triggers: its primary key, the columns never copied (secrets), every column's SQL type. */
export type CapturedTable = { name: string; key: string[]; hidden: string[]; columns: Map<string, string> };

/** Columns that are bookkeeping (`updatedAt`, the "as of" stamps): never a change to refuse on. */
export type Bookkeeping = readonly string[];

/** A list of names as a literal `ARRAY['a', …]::text[]` (the statement's text; names from the code or the catalog). */
export function textList(names: readonly string[]): RawBuilder<string[]> {
  return sql<string[]>`ARRAY[${sql.join(names.map((n) => sql.lit(n)))}]::text[]`;
}

/** `t` (the captured table's row) meets revert_net `n` on the key, each key value cast to its column's type. */
export function onKey(t: CapturedTable): RawBuilder<boolean> {
  return sql<boolean>`${sql.join(
    t.key.map((k) => sql`t.${sql.id(k)} = (n."key" ->> ${sql.lit(k)})::${sql.raw(t.columns.get(k)!)}`),
    sql` AND `,
  )}`;
}

/** The key of the row aliased `alias` as revert_net stores it (a JSON object of the key columns). */
export function keyObject(t: CapturedTable, alias: string): RawBuilder<unknown> {
  return sql`jsonb_build_object(${sql.join(t.key.map((k) => sql`${sql.lit(k)}, ${sql.ref(`${alias}.${k}`)}`))})`;
}

/** A row as JSON without its hidden and bookkeeping columns. */
export function comparable(t: CapturedTable, json: RawBuilder<unknown>, bookkeeping: Bookkeeping): RawBuilder<unknown> {
  return sql`(${json} - ${textList([...t.hidden, ...bookkeeping])})`;
}
