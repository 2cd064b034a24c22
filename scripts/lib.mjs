// Helpers for the run scripts (demo, e2e server, test): child processes, the auth secret, migrations.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DatabaseInUseError, lockEmbedded } from "../lib/pglite-lock.mjs";

export function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: "inherit", ...opts, env: { ...process.env, ...opts.env } });
    child.on("error", reject);
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
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
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
    const timer = setTimeout(() => kill("hung"), timeoutMs);
    const started = Date.now();
    const heartbeat = setInterval(() => {
      const secs = Math.round((Date.now() - started) / 1000);
      console.error(`prisma migrate deploy is still running after ${secs} s (stopped at ${Math.round(timeoutMs / 1000)} s: MIGRATE_TIMEOUT_SECONDS)…`);
    }, heartbeatMs);
    child.stdout.on("data", (chunk) => {
      if (!quiet) process.stdout.write(chunk);
      seen = (seen + chunk).slice(-500);
      if (!grace && SUCCESS.test(seen)) grace = setTimeout(() => kill("hung after success"), graceMs);
    });
    child.on("error", reject);
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
 * - a run that does not finish within `timeoutMs` (MIGRATE_TIMEOUT_SECONDS) is stopped with a
 *   message, and run once more; a second one is an error that says what to do;
 * - a run that leaves migrations unapplied is run once more, visibly, then an error.
 */
export async function migrateDeploy({ quiet = false, timeoutMs = migrateTimeoutMs(), graceMs = 60_000, heartbeatMs = 60_000, command = DEPLOY, pending = pendingMigrations } = {}) {
  const where = process.env.DATABASE_URL ? "the PostgreSQL server in DATABASE_URL" : `the embedded database in ${process.env.PGLITE_DIR ?? ".data/pglite"}`;
  for (let attempt = 1; ; attempt++) {
    const outcome = await deployOnce(command, { timeoutMs, graceMs, quiet, heartbeatMs });
    if (outcome === "hung") {
      const secs = Math.round(timeoutMs / 1000);
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
