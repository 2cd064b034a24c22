// The server's start-up check for a fresh install (issue #12 "First run"): while no district
// administrator exists, a new one-time setup token is issued (lib/setup/issue-token.mjs) and
// scripts/serve.mjs prints it once the server listens, as
//   Setup token: <token>
//   Open <origin>/setup?token=<token> to set up the district.
// Runs in the primary process before any worker starts, so on the embedded database only one
// process has the folder open at a time (opened, used, closed here; then the worker opens it).
import path from "node:path";
import { DatabaseInUseError, lockEmbedded } from "../../lib/pglite-lock.mjs";
import { issueSetupToken } from "../../lib/setup/issue-token.mjs";

const PLACEHOLDER_URL = "postgresql://embedded.invalid/pglite"; // lib/dbconfig.ts

// Typed-boundary allow-list (lib/sql/db.ts): the primary process's own short-lived connection (plain
// JS: no Prisma, no Kysely); only BEGIN/COMMIT here, the statements are lib/setup/issue-token.mjs's.
/** Runs `fn(query)` in one transaction on the configured database, then closes it. */
async function withDatabase(fn) {
  const url = process.env.DATABASE_URL;
  if (url && url !== PLACEHOLDER_URL) {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query("BEGIN");
      const out = await fn(async (text, params) => (await client.query(text, params)).rows);
      await client.query("COMMIT");
      return out;
    } catch (e) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw e;
    } finally {
      await client.end();
    }
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const dir = process.env.PGLITE_DIR ?? ".data/pglite";
  // The folder's lock (lib/pglite-lock.mjs), released before the worker takes it.
  const unlock = dir.startsWith("memory://") ? () => undefined : lockEmbedded(dir);
  try {
    const db = new PGlite(dir.startsWith("memory://") ? undefined : path.resolve(dir));
    try {
      return await db.transaction((tx) => fn(async (text, params) => (await tx.query(text, params)).rows));
    } finally {
      await db.close();
    }
  } finally {
    unlock();
  }
}

/**
 * A new setup token when no district administrator exists, else null. A database that cannot be
 * read (no schema yet, unreachable) is reported in one line and the server starts anyway (it will
 * say what is wrong on its own); one that does not answer within `timeoutMs` stops the start —
 * never a silent hang, and never a worker opening an embedded folder this process still holds.
 */
export async function startupSetupToken({ timeoutMs = 30_000 } = {}) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the database did not answer within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    return await Promise.race([withDatabase((query) => issueSetupToken(query, { via: "server start" })), timeout]);
  } catch (e) {
    // Another process holds the embedded folder: the worker could not open it either.
    if (e instanceof DatabaseInUseError || /did not answer/.test(e.message)) throw e;
    const why = /relation .* does not exist/.test(e.message) ? "the database has no schema yet (run `npm run setup` or `npm run db:migrate`)" : e.message;
    console.warn(`Could not check whether the district is set up: ${why}`);
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** The two lines the start-up log shows (tests read them). */
export function setupTokenLines(token, origin) {
  return [`Setup token: ${token}`, `Open ${origin}/setup?token=${token} to set up the district.`];
}
