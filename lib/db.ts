import "server-only";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { pgliteDir, serverUrl } from "@/lib/dbconfig";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";

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
    const adapter = new PrismaPg({ connectionString: url, max: Number(process.env.DATABASE_POOL ?? 10) });
    return { client: new PrismaClient({ adapter, omit, transactionOptions }), pglite: null };
  }
  const dir = pgliteDir();
  const pglite = new PGlite(dir.startsWith("memory://") ? undefined : dir);
  return { client: new PrismaClient({ adapter: new PrismaPGlite(pglite), omit, transactionOptions }), pglite };
}

export type Db = PrismaClient<never, { user: { passwordHash: true } }>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

type Holder = { client: Db; pglite: PGlite | null };
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

/** Close the database (scripts must, or an embedded database keeps the process alive). */
export async function closeDb(): Promise<void> {
  const h = g.__creditTrackDb;
  if (!h) return;
  g.__creditTrackDb = undefined;
  await h.client.$disconnect();
  await h.pglite?.close();
}
