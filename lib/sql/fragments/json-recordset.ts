import { sql, type Compilable, type RawBuilder } from "kysely";
import { sqlDb, type SafeDB } from "@/lib/sql/db";

// The generic bulk writers' pieces (lib/sql/queries/bulk-*.ts, lib/imports/bulk.ts): rows travel
// as ONE JSON parameter per chunk, read back with json_to_recordset($1) — one bind parameter
// however many rows (PostgreSQL binds at most 65,535), the same on PostgreSQL and the embedded
// PGlite. Table and column names and types come from the importers' code, never from a file, and
// are quoted as identifiers; values travel only as the JSON parameter.

/** A table the boundary knows (lib/generated/kysely/types.ts): a misspelt name does not compile. */
export type TableName = keyof SafeDB & string;

/** A column of a bulk write: its name and its SQL type (`"EnumName"` for an enum: read as text, then cast). */
export type Col = { name: string; type: string };

const isEnum = (c: Col) => c.type.startsWith('"');

/** `json_to_recordset($1::json) AS r("a" text, …)` over these rows. */
export function jsonRecordset(rows: readonly unknown[], cols: Col[]): RawBuilder<unknown> {
  const defs = cols.map((c) => sql`${sql.id(c.name)} ${sql.raw(isEnum(c) ? "text" : c.type)}`);
  return sql`json_to_recordset(${JSON.stringify(rows)}::json) AS r(${sql.join(defs)})`;
}

/** A column's value in the recordset `r`, cast to its enum when it is one. */
export function recordValue(c: Col): RawBuilder<unknown> {
  return isEnum(c) ? sql`r.${sql.id(c.name)}::${sql.raw(c.type)}` : sql`r.${sql.id(c.name)}`;
}

/** A raw statement as a Compilable for executeIn/rowsIn (compiled by the boundary's dialect). */
export function compilable<R>(raw: RawBuilder<R>): Compilable<R> {
  return { compile: () => raw.compile(sqlDb()) };
}
