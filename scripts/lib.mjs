// Helpers for the run scripts (demo, e2e server, test): child processes, the auth secret, migrations.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DatabaseInUseError, lockEmbedded } from "../lib/pglite-lock.mjs";

export function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: "inherit", ...opts, env: { ...process.env, ...opts.env } });
    child.on("error", (e) => {
      clearTimeout(timer);
      clearTimeout(grace);
      clearInterval(heartbeat);
      reject(e);
    });
    child.on("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} failed (${signal ?? `exit ${code}`})`))));
  });
}

/** NEXTAUTH_SECRET from the environment, or one made once and kept in .data/ (git-ignored). */
export function ensureSecret() {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.resolve(".data/auth-secret");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  return (process.env.NEXTAUTH_SECRET = fs.readFileSync(file, "utf8").trim());
}

export const npx = (args, opts) => run("npx", args, opts);

/**
 * A command about to use the embedded database (no DATABASE_URL): when another process holds the
 * folder (lib/pglite-lock.mjs), says so in one line and exits 1, before any step can half-run.
 */
export function exitIfEmbeddedInUse(dir = process.env.PGLITE_DIR ?? ".data/pglite") {
  if (process.env.DATABASE_URL) return;
  try {
    lockEmbedded(path.resolve(dir))();
  } catch (e) {
    if (!(e instanceof DatabaseInUseError)) throw e;
    console.error(e.message);
    process.exit(1);
  }
}

// Migration bookkeeping (this and unfinishedMigrations): Prisma's own _prisma_migrations table, not in the
// app's schema nor the typed boundary's types, read before the app may open the database: on the
// boundary's allow-list (lib/sql/db.ts), as plain JS for the run scripts and `npm run setup`.
/** Migration folders (prisma/migrations) not yet applied to the configured database. */
export async function pendingMigrations() {
  const dir = path.resolve("prisma/migrations");
  const all = fs
    .readdirSync(dir)
    .filter((d) => fs.statSync(path.join(dir, d)).isDirectory())
    .sort();
  const sql = `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  const applied = new Set();
  if (process.env.DATABASE_URL) {
    const { default: pg } = await import("pg");
    // Past any pooler, like the migrations themselves (lib/dbconfig.ts directUrl).
    const client = new pg.Client({ connectionString: process.env.DATABASE_DIRECT_URL || process.env.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query("SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS ok");
      if (rows[0].ok) for (const r of (await client.query(sql)).rows) applied.add(r.migration_name);
    } finally {
      await client.end();
    }
  } else {
    const folder = process.env.PGLITE_DIR ?? ".data/pglite";
    const { PGlite } = await import("@electric-sql/pglite");
    const unlock = lockEmbedded(path.resolve(folder));
    const db = new PGlite(folder);
    try {
      const { rows } = await db.query("SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS ok");
      if (rows[0].ok) for (const r of (await db.query(sql)).rows) applied.add(r.migration_name);
    } finally {
      await db.close();
      unlock();
    }
  }
  return all.filter((m) => !applied.has(m));
}

/**
 * Migrations Prisma recorded as started and neither finished nor rolled back, in the embedded
 * database (the only one migrateDeploy ever stops).
 */
export async function unfinishedMigrations() {
  const folder = process.env.PGLITE_DIR ?? ".data/pglite";
  if (!fs.existsSync(folder)) return [];
  const { PGlite } = await import("@electric-sql/pglite");
  const unlock = lockEmbedded(path.resolve(folder));
  const db = new PGlite(folder);
  try {
    const { rows } = await db.query("SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS ok");
    if (!rows[0].ok) return [];
    const left = await db.query("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NULL AND rolled_back_at IS NULL ORDER BY started_at");
    return left.rows.map((r) => r.migration_name);
  } finally {
    await db.close();
    unlock();
  }
}

/**
 * Seconds one `prisma migrate deploy` may take (MIGRATE_TIMEOUT_SECONDS; 600 by default). Measured
 * on the 2-core machine: a fresh embedded folder takes ~15 s of CPU; at load average 20 one deploy
 * took 185 s, and three at once at load 30 took 490 s each, so less would stop slow, working runs.
 */
export function migrateTimeoutMs() {
  const s = Number(process.env.MIGRATE_TIMEOUT_SECONDS);
  return (Number.isFinite(s) && s > 0 ? s : 600) * 1000;
}

const DEPLOY = [process.execPath, [path.resolve("node_modules/prisma/build/index.js"), "migrate", "deploy"]];
const SUCCESS = /All migrations have been successfully applied|No pending migrations to apply/;

/**
 * One run of the migrate command: "exited" (code 0), "hung" (no exit within timeoutMs: killed),
 * "hung after success" (printed its success line, then no exit within graceMs: killed); rejects
 * when the command fails (Prisma has printed why). Its own process (no npx in between), so the
 * kill reaches it.
 */
function deployOnce([cmd, args], { timeoutMs, graceMs, quiet, heartbeatMs }) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "inherit"] });
    let outcome = null;
    let seen = "";
    let grace;
    const kill = (why) => {
      outcome = why;
      child.kill("SIGKILL");
    };
    // No timeout on a server (timeoutMs null): see migrateDeploy.
    const timer = timeoutMs === null ? undefined : setTimeout(() => kill("hung"), timeoutMs);
    const started = Date.now();
    const bound = timeoutMs === null ? "a migration on a server is left to finish" : `stopped at ${Math.round(timeoutMs / 1000)} s: MIGRATE_TIMEOUT_SECONDS`;
    const heartbeat = setInterval(() => {
      const secs = Math.round((Date.now() - started) / 1000);
      console.error(`prisma migrate deploy is still running after ${secs} s (${bound})…`);
    }, heartbeatMs);
    child.stdout.on("data", (chunk) => {
      if (!quiet) process.stdout.write(chunk);
      seen = (seen + chunk).slice(-500);
      if (!grace && SUCCESS.test(seen)) grace = setTimeout(() => kill("hung after success"), graceMs);
    });
    child.on("error", (e) => {
      clearTimeout(timer);
      clearTimeout(grace);
      clearInterval(heartbeat);
      reject(e);
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      clearTimeout(grace);
      clearInterval(heartbeat);
      if (code === 0) resolve("exited");
      else if (signal === "SIGKILL" && outcome) resolve(outcome);
      else reject(new Error(`prisma migrate deploy failed (${signal ?? `exit ${code}`}); its message is above.`));
    });
  });
}

/**
 * `prisma migrate deploy` for every command a user runs (demo, setup, db:migrate, the e2e server),
 * so the first command on a new machine can never hang silently. Seen here: one fresh-folder
 * deploy in eight hung after "All migrations have been successfully applied" on a busy machine,
 * and, before prisma.config.ts awaited the PGlite adapter's migration SQL, deploys that exited 0
 * with nothing applied. So:
 * - a run that prints its success line and then does not exit within `graceMs` is stopped, and
 *   the database is asked whether every migration is applied (the success line came 16 s before
 *   the exit at load average 30: 60 s is generous);
 * - while it runs, a line every minute says so (it prints nothing between "N migrations found"
 *   and its success line, which on a busy machine can be minutes);
 * - on the embedded database, a run that does not finish within `timeoutMs`
 *   (MIGRATE_TIMEOUT_SECONDS) is stopped with a message and run once more — unless it was stopped
 *   in the middle of a migration: then a folder this command created is removed first, and anyone
 *   else's is an error naming the migration and the `migrate resolve` that clears it; a second
 *   timeout is an error that says what to do. A server's migration is never stopped (see below);
 *   the minute lines say it is still running;
 * - a run that leaves migrations unapplied is run once more, visibly, then an error.
 */
export async function migrateDeploy({
  quiet = false,
  timeoutMs = migrateTimeoutMs(),
  graceMs = 60_000,
  heartbeatMs = 60_000,
  command = DEPLOY,
  pending = pendingMigrations,
  unfinished = unfinishedMigrations,
} = {}) {
  const onServer = !!process.env.DATABASE_URL;
  const folder = process.env.PGLITE_DIR ?? ".data/pglite";
  const where = onServer ? "the PostgreSQL server in DATABASE_URL" : `the embedded database in ${folder}`;
  // A folder this command creates may be started afresh after a stopped run; anyone else's may not.
  const fresh = !onServer && !fs.existsSync(folder);
  for (let attempt = 1; ; attempt++) {
    // On a server a migration is never stopped: killing the command does not stop the server's
    // statement, which commits the migration while Prisma's record of it stays unfinished (P3009
    // on every later deploy). The heartbeat says it is still running instead.
    const outcome = await deployOnce(command, { timeoutMs: onServer ? null : timeoutMs, graceMs, quiet, heartbeatMs });
    if (outcome === "hung") {
      const secs = Math.round(timeoutMs / 1000);
      // Prisma records a migration as started before it runs its SQL: a run stopped mid-migration
      // leaves that record unfinished, and every later deploy refuses (P3009). The SQL itself ran
      // in one transaction that never committed, so the migration is not applied.
      const started = await unfinished();
      if (started.length > 0 && fresh) {
        fs.rmSync(path.resolve(folder), { recursive: true, force: true });
        console.error(
          `prisma migrate deploy did not finish in ${secs} s on ${where} (stopped during ${started.join(", ")}); the folder was new: removed it, running it once more.`,
        );
        continue;
      }
      if (started.length > 0) {
        throw new Error(
          `prisma migrate deploy did not finish in ${secs} s on ${where}; it was stopped during ${started.join(", ")}, which did not apply. ` +
            `Mark it rolled back (npx prisma migrate resolve --rolled-back ${started[0]}) and run \`npm run db:migrate\` again, allowing it longer (e.g. MIGRATE_TIMEOUT_SECONDS=${secs * 2}).`,
        );
      }
      if (attempt === 1) {
        console.error(`prisma migrate deploy did not finish in ${secs} s on ${where}; stopped it, running it once more.`);
        continue;
      }
      throw new Error(
        `prisma migrate deploy did not finish in ${secs} s, twice, on ${where}. ` +
          (process.env.DATABASE_URL ? 'Check that the server answers (psql "$DATABASE_URL"). ' : "Check that no other program is using that folder. ") +
          `On a slow or busy machine allow it longer, e.g. MIGRATE_TIMEOUT_SECONDS=${secs * 2}, and run the command again (\`npm run db:migrate\` shows Prisma's own output).`,
      );
    }
    if (outcome === "hung after success") {
      console.error(`prisma migrate deploy said it was done but did not exit in ${Math.round(graceMs / 1000)} s; stopped it, checking the database.`);
    } else if (process.env.DATABASE_URL) {
      return; // exited 0 on a server: Prisma's record of what it applied is the check
    }
    const left = await pending();
    if (left.length === 0) return;
    if (attempt === 2) throw new Error(`The database migrations did not apply to ${where} (${left.join(", ")}). Run \`npm run db:migrate\` to see why.`);
    console.warn(`prisma migrate deploy left ${left.length} migration(s) unapplied on ${where}; running it again.`);
  }
}
