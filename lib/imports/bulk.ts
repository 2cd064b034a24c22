import "server-only";
import { randomBytes } from "node:crypto";
import { db, type Tx } from "@/lib/db";

// Bulk writes for imports: INSERT … SELECT / UPDATE … FROM json_to_recordset($1), one bind
// parameter per chunk (so far below PostgreSQL's 65,535 parameters), the same on PostgreSQL and
// the embedded PGlite. Table and column names come from this code, never from a file; values
// travel only as the JSON parameter.

export type Col = { name: string; type: string };

/** Ids per query: PostgreSQL binds at most 32,767 parameters. */
export const CHUNK = 5000;

/** `xs` in groups of CHUNK, for one query each. */
export function* chunks<T>(xs: T[]): Generator<T[]> {
  for (let i = 0; i < xs.length; i += CHUNK) yield xs.slice(i, i + CHUNK);
}

/** The students with these SIS ids: SIS id → student id (the provider imports' lookup). */
export async function studentIdsBySisId(sisIds: Iterable<string>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const ids of chunks([...sisIds])) {
    for (const s of await db().student.findMany({ where: { sisId: { in: ids } }, select: { id: true, sisId: true } })) out.set(s.sisId, s.id);
  }
  return out;
}

/** A new id in the shape Prisma's cuid() gives ("c" + 24 base-36 characters). */
export function newId(): string {
  const bytes = randomBytes(24);
  let s = "c";
  for (const b of bytes) s += (b % 36).toString(36);
  return s;
}

const q = (n: string) => `"${n}"`;
const recordset = (cols: Col[]) =>
  `json_to_recordset($1::json) AS r(${cols.map((c) => `${q(c.name)} ${c.type.startsWith('"') ? "text" : c.type}`).join(", ")})`;
const value = (c: Col) => (c.type.startsWith('"') ? `r.${q(c.name)}::${c.type}` : `r.${q(c.name)}`);

export async function bulkInsert(
  tx: Tx,
  table: string,
  cols: Col[],
  rows: Record<string, unknown>[],
  opts: { stamps?: "created+updated" | "created" | "none"; onConflict?: string } = {},
): Promise<number> {
  const stamps = opts.stamps ?? "created+updated";
  const extraCols = stamps === "none" ? [] : stamps === "created" ? ["createdAt"] : ["createdAt", "updatedAt"];
  let n = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const sql =
      `INSERT INTO ${q(table)} (${[...cols.map((c) => q(c.name)), ...extraCols.map(q)].join(", ")}) ` +
      `SELECT ${[...cols.map(value), ...extraCols.map(() => "now()")].join(", ")} FROM ${recordset(cols)}` +
      (opts.onConflict ? ` ${opts.onConflict}` : "");
    n += await tx.$executeRawUnsafe(sql, JSON.stringify(rows.slice(i, i + CHUNK)));
  }
  return n;
}

export async function bulkUpdate(
  tx: Tx,
  table: string,
  key: Col,
  cols: Col[],
  rows: Record<string, unknown>[],
  opts: { touch?: boolean; bumpVersion?: boolean } = {},
): Promise<number> {
  const sets = cols.map((c) => `${q(c.name)} = ${value(c)}`);
  if (opts.touch ?? true) sets.push(`"updatedAt" = now()`);
  if (opts.bumpVersion) sets.push(`"version" = t."version" + 1`);
  let n = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const sql = `UPDATE ${q(table)} AS t SET ${sets.join(", ")} FROM ${recordset([key, ...cols])} WHERE t.${q(key.name)} = ${value(key)}`;
    n += await tx.$executeRawUnsafe(sql, JSON.stringify(rows.slice(i, i + CHUNK)));
  }
  return n;
}

export async function bulkDelete(tx: Tx, table: string, ids: string[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    n += await tx.$executeRawUnsafe(`DELETE FROM ${q(table)} WHERE "id" IN (SELECT value FROM json_array_elements_text($1::json))`, JSON.stringify(ids.slice(i, i + CHUNK)));
  }
  return n;
}

/**
 * Locks rows of `table` by id until the transaction ends (SELECT … FOR UPDATE, in id order so two
 * writers cannot deadlock) and returns each found row's `version`: an import compares them with the
 * versions it planned from, so a change saved meanwhile is never written over.
 */
export async function lockVersions(tx: Tx, table: string, ids: string[]): Promise<Map<string, number>> {
  const sorted = [...new Set(ids)].sort();
  const out = new Map<string, number>();
  for (let i = 0; i < sorted.length; i += CHUNK) {
    const rows = await tx.$queryRawUnsafe<{ id: string; version: number }[]>(
      `SELECT "id", "version" FROM ${q(table)} WHERE "id" IN (SELECT value FROM json_array_elements_text($1::json)) ORDER BY "id" FOR UPDATE`,
      JSON.stringify(sorted.slice(i, i + CHUNK)),
    );
    for (const r of rows) out.set(r.id, Number(r.version));
  }
  return out;
}

/** Increments `version` (and `updatedAt`) of rows whose dependent rows changed, the row itself not. */
export async function bumpVersions(tx: Tx, table: string, ids: string[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    n += await tx.$executeRawUnsafe(
      `UPDATE ${q(table)} SET "version" = "version" + 1, "updatedAt" = now() WHERE "id" IN (SELECT value FROM json_array_elements_text($1::json))`,
      JSON.stringify(ids.slice(i, i + CHUNK)),
    );
  }
  return n;
}
