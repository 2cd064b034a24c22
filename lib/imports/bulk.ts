import "server-only";
import { randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db";
import type { Col, TableName } from "@/lib/sql/fragments/json-recordset";
import { bulkDeleted } from "@/lib/sql/queries/bulk-deleted";
import { bulkInserted, type Conflict } from "@/lib/sql/queries/bulk-inserted";
import { bulkUpdated } from "@/lib/sql/queries/bulk-updated";
import { bumpedVersions } from "@/lib/sql/queries/bumped-versions";
import { lockedVersions } from "@/lib/sql/queries/locked-versions";
import { studentsBySisId } from "@/lib/sql/queries/students-by-sis-id";

// Bulk writes for imports: INSERT … SELECT / UPDATE … FROM json_to_recordset($1), one statement
// and one bind parameter per chunk of CHUNK rows. The statements are lib/sql/queries/bulk-*.ts
// (lib/sql/fragments/json-recordset.ts says how rows travel); here: chunking and defaults.

export type { Col, TableName };
export type { Conflict };

/** Ids per query: PostgreSQL binds at most 32,767 parameters. */
export const CHUNK = 5000;

/** `xs` in groups of CHUNK, for one query each. */
export function* chunks<T>(xs: T[], size = CHUNK): Generator<T[]> {
  for (let i = 0; i < xs.length; i += size) yield xs.slice(i, i + size);
}

/** The students with these SIS ids: SIS id → student id (the provider imports' lookup). */
export async function studentIdsBySisId(sisIds: Iterable<string>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const ids of chunks([...sisIds])) {
    for (const s of await studentsBySisId(ids)) out.set(s.sisId, s.id);
  }
  return out;
}

/** The base-36 digits' character codes. */
const DIGITS = Buffer.from("0123456789abcdefghijklmnopqrstuvwxyz", "latin1");
/** Ids drawn at a time: each 25 bytes of the pool, a "c" and 24 random bytes each turned into its digit's code. */
const IDS_PER_DRAW = 4096;
const ID = 25;
let pool = Buffer.alloc(0);
let at = 0;

/**
 * A new id in the shape Prisma's cuid() gives ("c" + 24 base-36 characters, each a random byte
 * modulo 36). The bytes are drawn for 4,096 ids at once and each id is read out of them as one
 * flat string: one `randomBytes` call and a string built digit by digit per id were 3 s and most
 * of the garbage of planning a 300,000-student roster (and such a string, 25 pieces until read,
 * ~450 bytes against ~56 flat, is what the progress plan kept for each new result).
 */
export function newId(): string {
  if (at + ID > pool.length) {
    pool = randomBytes(ID * IDS_PER_DRAW);
    for (let k = 0; k < pool.length; k++) pool[k] = k % ID === 0 ? 0x63 : DIGITS[pool[k] % 36];
    at = 0;
  }
  const id = pool.toString("latin1", at, at + ID);
  at += ID;
  return id;
}

export async function bulkInsert(
  tx: Tx,
  table: TableName,
  cols: Col[],
  rows: Record<string, unknown>[],
  opts: { stamps?: "created+updated" | "created" | "none"; conflict?: Conflict } = {},
): Promise<number> {
  const stamps = opts.stamps ?? "created+updated";
  const extraCols = stamps === "none" ? [] : stamps === "created" ? ["createdAt"] : ["createdAt", "updatedAt"];
  let n = 0;
  for (let i = 0; i < rows.length; i += CHUNK) n += await bulkInserted(tx, table, cols, rows.slice(i, i + CHUNK), { stamps: extraCols, conflict: opts.conflict });
  return n;
}

export async function bulkUpdate(
  tx: Tx,
  table: TableName,
  key: Col,
  cols: Col[],
  rows: Record<string, unknown>[],
  opts: { touch?: boolean; bumpVersion?: boolean } = {},
): Promise<number> {
  let n = 0;
  for (let i = 0; i < rows.length; i += CHUNK)
    n += await bulkUpdated(tx, table, key, cols, rows.slice(i, i + CHUNK), { touch: opts.touch ?? true, bumpVersion: !!opts.bumpVersion });
  return n;
}

export async function bulkDelete(tx: Tx, table: TableName, ids: string[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < ids.length; i += CHUNK) n += await bulkDeleted(tx, table, ids.slice(i, i + CHUNK));
  return n;
}

/**
 * Locks rows of `table` by id until the transaction ends (SELECT … FOR UPDATE, in id order so two
 * writers cannot deadlock) and returns each found row's `version`: an import compares them with the
 * versions it planned from, so a change saved meanwhile is never written over.
 */
export async function lockVersions(tx: Tx, table: TableName, ids: string[]): Promise<Map<string, number>> {
  const sorted = [...new Set(ids)].sort();
  const out = new Map<string, number>();
  for (let i = 0; i < sorted.length; i += CHUNK) {
    for (const r of await lockedVersions(tx, table, sorted.slice(i, i + CHUNK))) out.set(r.id, Number(r.version));
  }
  return out;
}

/** Increments `version` (and `updatedAt`) of rows whose dependent rows changed, the row itself not. */
export async function bumpVersions(tx: Tx, table: TableName, ids: string[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < ids.length; i += CHUNK) n += await bumpedVersions(tx, table, ids.slice(i, i + CHUNK));
  return n;
}
