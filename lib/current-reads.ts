import "server-only";
import { db, hasReplica, onReplica, replicaDb, type Db } from "@/lib/db";
import { serverWalPosition } from "@/lib/sql/queries/server-wal-position";
import { replicaReplayed } from "@/lib/sql/queries/replica-replayed";

// Reads that may go to the streaming replica (issue #19): exports and the drill-downs' student
// lists, besides the report aggregates (lib/reports/cache.ts). They go there only when the replica
// holds every transaction the server had committed when the read began — compared by WAL position
// (pg_current_wal_lsn on the server, pg_last_wal_replay_lsn on the replica) — so what they show is
// what the server would show: never older, a user's own write included (read your own writes), and
// no "as of" to print. A replica that lags, is not one, or does not answer sends the read to the
// server. DATABASE_READ_URL must name one replica (its replay only moves forward); behind a
// balancer over several, each connection could meet another one.

/**
 * How long a read waits for the replica to replay what the server had written when it began. (The
 * server's WAL position is the whole cluster's: a test that asserts a read on the replica, while
 * other test files write to their own databases on the same server, waits longer.)
 */
export const replicaWait = { ms: 100 };
const POLL_MS = 20;

/** After a replica that did not answer, how long these reads stay on the server. */
const RETRY_AFTER_MS = 30_000;
let replicaAgainAt = 0;

/** Where the reads that could go to the replica went (tests, the bench). */
export const readOn = { replica: 0, server: 0 };

let warnedAt = 0;
function warn(what: string, e: unknown): void {
  if (Date.now() - warnedAt < 60_000) return;
  warnedAt = Date.now();
  console.warn(`Reads: ${what} (DATABASE_READ_URL); reading on the server: ${e instanceof Error ? e.message : e}`);
}

export type Reader = {
  /** Runs one read on the replica while it serves this reader, else (and from its first failure on) on the server. */
  read<T>(fn: (client: Db) => Promise<T>): Promise<T>;
  /** The same for statements of the SQL boundary (lib/sql/queries), run on one replica connection (onReplica). */
  readSql<T>(fn: () => Promise<T>): Promise<T>;
  readonly on: "replica" | "server";
};

/**
 * A reader for one request's reads (an export's pages, a drill-down's lists): on the replica when it
 * has replayed the server's WAL up to where it was when this was called, else on the server. A
 * replica read that fails (a recovery conflict cancelling a long statement, a restart) is run again
 * on the server, and the reader stays there: the server holds everything the replica did.
 */
export async function currentReader(): Promise<Reader> {
  const replica = hasReplica() && Date.now() >= replicaAgainAt ? replicaDb() : null;
  let on: "replica" | "server" = "server";
  if (replica) {
    try {
      // A healthy replica replays within milliseconds: a write just made (this user's, or the
      // server's own bookkeeping) is waited for a moment before the read goes to the server.
      const lsn = await serverWalPosition();
      for (let waited = 0; ; waited += POLL_MS) {
        if (await replicaReplayed(lsn)) {
          on = "replica";
          break;
        }
        if (waited >= replicaWait.ms) break;
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    } catch (e) {
      // A replica that does not answer costs its connect timeout once, not on every read: the
      // reads go to the server for a while before it is asked again.
      replicaAgainAt = Date.now() + RETRY_AFTER_MS;
      warn("could not compare the replica with the server", e);
    }
  }
  readOn[on]++;
  return {
    get on() {
      return on;
    },
    async read<T>(fn: (client: Db) => Promise<T>): Promise<T> {
      if (on === "replica" && replica) {
        try {
          return await fn(replica);
        } catch (e) {
          warn("a read on the replica failed", e);
          replicaAgainAt = Date.now() + RETRY_AFTER_MS;
          on = "server";
        }
      }
      return fn(db());
    },
    async readSql<T>(fn: () => Promise<T>): Promise<T> {
      if (on === "replica") {
        try {
          return await onReplica(fn);
        } catch (e) {
          warn("a read on the replica failed", e);
          on = "server";
        }
      }
      return fn();
    },
  };
}
