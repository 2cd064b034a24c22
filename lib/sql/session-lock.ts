import "server-only";
import pg from "pg";
import { sql, type RawBuilder } from "kysely";
import { embedded } from "@/lib/db";
import { sqlDb } from "@/lib/sql/db";
import { directUrl } from "@/lib/dbconfig";

// A session advisory lock held across many statements and transactions (a landing-folder tick,
// lib/imports/landing/tick.ts: minutes, several imports each in its own transaction) needs ONE
// connection for its whole life. The boundary cannot give one: sqlDb() runs each statement on any
// connection of the shared pool (lib/db.ts), and holding a pooled connection that long would take
// it from the requests. So the lock takes a dedicated client, opened for it and closed after,
// outside the pool: at most one more connection per process while it is held or waited for, which
// the budget's headroom covers (lib/sql/budget.mjs). A transaction's lock (pg_advisory_xact_lock, e.g.
// lib/sql/queries/mapping-name-lock.ts) needs none of this: it runs in the transaction.

/**
 * Runs `fn` holding the PostgreSQL session advisory lock named `key`, or returns `busy` without
 * running it when another session holds the lock. The embedded database is one process's alone:
 * `fn` just runs.
 */
export async function withSessionLock<T>(key: string, busy: T, fn: () => Promise<T>): Promise<T> {
  return holding(key, { wait: false, busy }, fn);
}

/**
 * Runs `fn` holding the lock named `key`, waiting while another session holds it: one process at a
 * time (several hosts' job runners starting at once on a new database: lib/jobs/boss.ts). The wait
 * is bounded (`waitSeconds`, PostgreSQL's lock_timeout: then it throws): a holder whose host died
 * keeps its session, and its lock, until TCP gives up on it, hours later. `url`: the database
 * (default: the app's, past any pooler).
 */
export async function underSessionLock<T>(key: string, fn: () => Promise<T>, opts: { url?: string; waitSeconds?: number } = {}): Promise<T> {
  return holding(key, { wait: true, url: opts.url, seconds: opts.waitSeconds ?? 30 }, fn);
}

async function holding<T>(key: string, how: { wait: false; busy: T } | { wait: true; url?: string; seconds: number }, fn: () => Promise<T>): Promise<T> {
  // A session lock needs a session: past any pooler in transaction mode (dbconfig.ts directUrl).
  const url = (how.wait ? how.url : undefined) ?? directUrl();
  if (!url || embedded()) return fn();
  const client = new pg.Client({ connectionString: url });
  // A connection lost while the lock is awaited or held (a restart, a failover) is reported by the
  // query that fails; without a listener the client's own "error" event would end the process.
  client.on("error", () => {});
  await client.connect();
  const rows = async <R extends pg.QueryResultRow>(q: RawBuilder<R>): Promise<R[]> => {
    const c = q.compile(sqlDb());
    return (await client.query<R>(c.sql, [...c.parameters])).rows;
  };
  try {
    if (how.wait) {
      await rows(sql<{ set: string }>`SELECT set_config('lock_timeout', ${`${how.seconds}s`}, false) AS set`);
      await rows(sql<{ got: string }>`SELECT pg_advisory_lock(hashtext(${key}))::text AS got`);
    } else {
      const [lock] = await rows(sql<{ got: boolean }>`SELECT pg_try_advisory_lock(hashtext(${key})) AS got`);
      if (!lock?.got) return how.busy;
    }
    try {
      return await fn();
    } finally {
      // Best effort: ending the session below releases the lock anyway, and a failed unlock (the
      // connection lost) must not replace what `fn` did or threw.
      await rows(sql<{ released: boolean }>`SELECT pg_advisory_unlock(hashtext(${key})) AS released`).catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}
