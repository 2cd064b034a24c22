import "server-only";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { pgSessionOptions, pgliteDir, serverUrl } from "@/lib/dbconfig";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { Prisma } from "@/lib/generated/prisma/client";

// The one Prisma client of this process, opened on first use (never at import time):
// PostgreSQL server through @prisma/adapter-pg when DATABASE_URL is set, embedded PGlite otherwise.
// Password hashes are omitted from every query unless a caller asks for them explicitly.

function createClient(): { client: Db; pglite: PGlite | null } {
  const url = serverUrl();
  const omit = { user: { passwordHash: true } } as const;
  // Under load a write may queue for a pooled connection: wait up to 10 s for one (Prisma's
  // default of 2 s turns a busy minute into errors), and let a transaction run up to 15 s.
  const transactionOptions = { maxWait: 10_000, timeout: 15_000 };
  if (url) {
    const options = pgSessionOptions();
    const adapter = new PrismaPg({ connectionString: url, max: Number(process.env.DATABASE_POOL ?? 10), ...(options ? { options } : {}) });
    return { client: new PrismaClient({ adapter, omit, transactionOptions }), pglite: null };
  }
  const dir = pgliteDir();
  const pglite = new PGlite(dir.startsWith("memory://") ? undefined : dir);
  return { client: new PrismaClient({ adapter: new PrismaPGlite(pglite), omit, transactionOptions }), pglite };
}

export type Db = PrismaClient<never, { user: { passwordHash: true } }>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

type Holder = { client: Db; pglite: PGlite | null; reportPool?: pg.Pool };
const g = globalThis as unknown as { __creditTrackDb?: Holder };

export function db(): Db {
  g.__creditTrackDb ??= createClient();
  return g.__creditTrackDb.client;
}

/** The embedded database handle, when the embedded database is in use (tests, scripts). */
export function embedded(): PGlite | null {
  db();
  return g.__creditTrackDb!.pglite;
}

// A `date` column as UTC midnight, the way Prisma returns @db.Date (pg's default is local midnight).
const DATE_OID = 1082;
const utcDates = ((oid: number, format?: "text" | "binary") =>
  oid === DATE_OID && format !== "binary" ? (s: string) => new Date(`${s}T00:00:00Z`) : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser;

/**
 * Rows of one read-only SQL statement, sent straight to the driver: the reports' aggregate queries
 * (lib/reports/sql.ts). Numbers come as the driver gives them (int as number; numeric and bigint
 * as strings: callers cast in SQL or use Number()); dates as UTC midnight. Prisma's raw-query path
 * added a third to a school summary (its query-compiler round per statement and its row
 * conversion); here the cost is the bare driver's. A small pool of its own on a PostgreSQL server
 * (same URL and session settings), the one connection when embedded.
 * Dates in parameters go as "YYYY-MM-DD…Z" strings so no driver applies a local time zone.
 */
export async function sqlRows<T>(query: Prisma.Sql): Promise<T[]> {
  db();
  const h = g.__creditTrackDb!;
  const values = query.values.map((v) => (v instanceof Date ? v.toISOString() : v));
  if (h.pglite) return (await h.pglite.query<T>(query.text, values)).rows;
  if (!h.reportPool) {
    h.reportPool = new pg.Pool({
      connectionString: serverUrl()!,
      max: Number(process.env.DATABASE_REPORT_POOL ?? 5),
      options: pgSessionOptions() || undefined,
      types: { getTypeParser: utcDates },
    });
    // An idle connection the server ends (restart, terminated backend) emits an error; the pool
    // drops that connection and opens another when needed. Without a listener it would crash the process.
    h.reportPool.on("error", (e) => console.warn(`Report connection closed by the server: ${e.message}`));
  }
  return (await h.reportPool.query(query.text, values)).rows as T[];
}

/** Close the database (scripts must, or an embedded database keeps the process alive). */
export async function closeDb(): Promise<void> {
  const h = g.__creditTrackDb;
  if (!h) return;
  g.__creditTrackDb = undefined;
  await h.reportPool?.end();
  await h.client.$disconnect();
  await h.pglite?.close();
}
