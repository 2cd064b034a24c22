import "server-only";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { pgSessionOptions, pgliteDir, poolerMode, readReplicaUrl, serverUrl } from "@/lib/dbconfig";
import { AsyncLocalStorage } from "node:async_hooks";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { DatabaseInUseError, lockEmbedded } from "@/lib/pglite-lock.mjs";
import { KEEPALIVE_MS, POOL_IDLE_MS, poolSize } from "@/lib/sql/budget.mjs";

// The one Prisma client of this process, opened on first use (never at import time):
// PostgreSQL server through @prisma/adapter-pg when DATABASE_URL is set, embedded PGlite otherwise.
// Password hashes and two-factor secrets are omitted from every query unless a caller asks for
// them explicitly.

const omit = { user: { passwordHash: true, totpSecret: true } } as const;
// Under load a write may queue for a pooled connection: wait up to 10 s for one (Prisma's
// default of 2 s turns a busy minute into errors), and let a transaction run up to 15 s.
const transactionOptions = { maxWait: 10_000, timeout: 15_000 };

function createClient(): Holder {
  const url = serverUrl();
  if (url) {
    // One pool per process, shared by Prisma's adapter and the SQL boundary (lib/sql/db.ts): one
    // connection budget (lib/sql/budget.mjs). Prisma's adapter sets its own type parsers on each
    // of its queries; the pool's (UTC dates) are the boundary's.
    const pool = new pg.Pool({
      connectionString: url,
      max: poolSize(),
      idleTimeoutMillis: POOL_IDLE_MS,
      allowExitOnIdle: true, // (a command ends when its work does, not when its idle connections time out)
      keepAlive: true,
      keepAliveInitialDelayMillis: KEEPALIVE_MS,
      options: pgSessionOptions() || undefined,
      types: { getTypeParser: utcParsers },
    });
    // An idle connection the server ends (restart, terminated backend) emits an error; the pool
    // drops that connection and opens another when needed. Without a listener it would crash the process.
    pool.on("error", (e) => console.warn(`Database connection closed by the server: ${e.message}`));
    // The replica's pool (DATABASE_READ_URL): only the SQL boundary's reads inside onReplica() use
    // it; its connections count against the replica's max_connections, not the server's.
    const readUrl = readReplicaUrl();
    // Bounded waits: a replica that stops answering sends the work back to the server (cache.ts)
    // rather than holding a report request for minutes of TCP timeouts.
    const readPool = readUrl
      ? new pg.Pool({
          connectionString: readUrl,
          max: poolSize(),
          idleTimeoutMillis: POOL_IDLE_MS,
          allowExitOnIdle: true,
          options: pgSessionOptions() || undefined,
          types: { getTypeParser: utcParsers },
          connectionTimeoutMillis: 5_000,
          query_timeout: 60_000,
          keepAlive: true,
          keepAliveInitialDelayMillis: KEEPALIVE_MS,
        })
      : undefined;
    readPool?.on("error", (e) => console.warn(`Replica connection closed by the server: ${e.message}`));
    // Behind a pooler in transaction mode a named statement prepared on one server connection is
    // not there on the next (dbconfig.ts poolerMode): every statement goes unnamed.
    return { client: new PrismaClient({ adapter: new PrismaPg(pool), omit, transactionOptions }), pglite: null, pool, readPool, named: !poolerMode() };
  }
  const dir = pgliteDir();
  // One process per folder (lib/pglite-lock.mjs). The server waits a little for a worker that is
  // still exiting; a command fails at once.
  const unlock = dir.startsWith("memory://") ? undefined : lockEmbedded(dir, { waitMs: commandLine() ? 0 : 10_000 });
  const pglite = new PGlite(dir.startsWith("memory://") ? undefined : dir);
  return { client: new PrismaClient({ adapter: new PrismaPGlite(pglite), omit, transactionOptions }), pglite, unlock };
}

/** A command (npm run report/import/seed/setup…), not the Next server or a test run. */
const commandLine = () => !process.env.NEXT_RUNTIME && !process.env.VITEST;

export type Db = PrismaClient<never, { user: { passwordHash: true; totpSecret: true } }>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

type Holder = {
  client: Db;
  pglite: PGlite | null;
  pool?: pg.Pool;
  readPool?: pg.Pool;
  /** Prisma on the replica's pool (replicaDb), made on first use. */
  readClient?: Db;
  named?: boolean;
  unlock?: () => void;
  scoped?: Map<string, unknown>;
};
const g = globalThis as unknown as { __creditTrackDb?: Holder };

export function db(): Db {
  if (!g.__creditTrackDb) {
    try {
      g.__creditTrackDb = createClient();
    } catch (e) {
      // Every command opens the database here: one line and exit 1 when another process holds the
      // embedded folder, rather than each command's own error printing (a stack, or worse: PGlite
      // aborting mid-query with its source and a WebAssembly trace).
      if (e instanceof DatabaseInUseError && commandLine()) {
        console.error(e.message);
        process.exit(1);
      }
      throw e;
    }
  }
  return g.__creditTrackDb.client;
}

/**
 * State this process keeps about its database (the reports' cache, lib/reports/cache.ts): made once
 * per database handle, so a new database (a test's) starts with none.
 */
export function perDatabase<T>(key: string, make: () => T): T {
  db();
  const h = g.__creditTrackDb!;
  h.scoped ??= new Map();
  if (!h.scoped.has(key)) h.scoped.set(key, make());
  return h.scoped.get(key) as T;
}

/** The embedded database handle, when the embedded database is in use (tests, scripts). */
export function embedded(): PGlite | null {
  db();
  return g.__creditTrackDb!.pglite;
}

// Prisma stores DateTime as UTC in `timestamp(3)` and @db.Date as a plain `date`; the bare drivers
// would read both in the process's local time zone. Read them as UTC, the way Prisma does.
const DATE_OID = 1082;
const TIMESTAMP_OID = 1114;
const utcDate = (s: string) => new Date(`${s}T00:00:00Z`);
const utcTimestamp = (s: string) => new Date(`${s.replace(" ", "T")}Z`);
const utcParsers = ((oid: number, format?: "text" | "binary") =>
  format === "binary"
    ? pg.types.getTypeParser(oid, "binary")
    : oid === DATE_OID
      ? utcDate
      : oid === TIMESTAMP_OID
        ? utcTimestamp
        : pg.types.getTypeParser(oid, "text")) as typeof pg.types.getTypeParser;
const PGLITE_PARSERS = { [DATE_OID]: utcDate, [TIMESTAMP_OID]: utcTimestamp };

/**
 * Runs one compiled statement on this process's database: the shared pool on a PostgreSQL server,
 * the one connection when embedded. The SQL boundary's driver (lib/sql/db.ts) — no other caller.
 * Numbers come as the driver gives them (int as number; numeric and int8 as strings), dates and
 * timestamps as UTC. Dates in parameters go as ISO strings so no driver applies a local time zone.
 * `name`: a named (prepared) statement, parsed and planned once per connection and then reused
 * (lib/sql/db.ts preparedQuery names them); ignored behind a pooler in transaction mode (dbconfig.ts).
 */
export async function runCompiled<R>(text: string, params: readonly unknown[], name?: string): Promise<{ rows: R[]; affected: number | null }> {
  db();
  const h = g.__creditTrackDb!;
  const values = params.map((v) => (v instanceof Date ? v.toISOString() : v));
  if (h.pglite) {
    const r = await h.pglite.query<R>(text, values, { parsers: PGLITE_PARSERS });
    return { rows: r.rows, affected: r.affectedRows ?? null };
  }
  const r = await (onReplicaStore.getStore() ?? h.pool!).query({ name: h.named ? name : undefined, text, values });
  return { rows: r.rows as R[], affected: r.rowCount ?? null };
}

const onReplicaStore = new AsyncLocalStorage<pg.PoolClient>();

/** Whether a streaming replica is configured (DATABASE_READ_URL) on this process's server database. */
export function hasReplica(): boolean {
  db();
  return !!g.__creditTrackDb!.readPool;
}

/**
 * Runs `fn` with the SQL boundary's statements (runCompiled) on ONE connection to the replica
 * (DATABASE_READ_URL), so a check of what the replica holds and the read after it see the same
 * server; Prisma stays on the server. Without a replica, `fn` runs on the server. Only for reads
 * that the replica is known to be current for (lib/reports/cache.ts).
 */
export async function onReplica<T>(fn: () => Promise<T>): Promise<T> {
  db();
  const readPool = g.__creditTrackDb!.readPool;
  if (!readPool) return fn();
  const client = await readPool.connect();
  let failed: unknown;
  // A connection the replica ends while it is checked out (a restart) also fails its statement,
  // which `fn` sees; the client's own error event must not crash the process.
  const onError = (e: Error) => (failed ??= e);
  client.on("error", onError);
  try {
    return await onReplicaStore.run(client, fn);
  } catch (e) {
    failed ??= e;
    throw e;
  } finally {
    client.off("error", onError);
    // A connection that failed (a cancelled statement, a restarted replica) is not reused.
    client.release(failed instanceof Error ? failed : undefined);
  }
}

/**
 * A Prisma client on the streaming replica (DATABASE_READ_URL), sharing its pool with onReplica;
 * null without a replica. Only for reads the replica is known to hold every write for: take it
 * through lib/current-reads.ts (currentReader), never directly.
 */
export function replicaDb(): Db | null {
  db();
  const h = g.__creditTrackDb!;
  if (!h.readPool) return null;
  h.readClient ??= new PrismaClient({ adapter: new PrismaPg(h.readPool), omit, transactionOptions }) as Db;
  return h.readClient;
}

/**
 * Prisma maps a unique violation to P2002, but a driver adapter may pass the database error
 * through as a DriverAdapterError (PGlite does for a partial index), carrying SQLSTATE 23505.
 */
export function isUniqueViolation(e: unknown): boolean {
  if (!e || typeof e !== "object") return false;
  if ("code" in e && e.code === "P2002") return true;
  const cause = "cause" in e ? (e.cause as { code?: unknown } | undefined) : undefined;
  return cause?.code === "23505";
}

/** Close the database (scripts must, or an embedded database keeps the process alive). */
export async function closeDb(): Promise<void> {
  const h = g.__creditTrackDb;
  if (!h) return;
  g.__creditTrackDb = undefined;
  await h.client.$disconnect();
  await h.readClient?.$disconnect();
  await h.pool?.end();
  await h.readPool?.end();
  await h.pglite?.close();
  h.unlock?.();
}
