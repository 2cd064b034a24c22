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
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} failed (${signal ?? `exit ${code}`})`)),
    );
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

/** Whether the embedded database in `dir` has Prisma's migration table (i.e. the schema). */
async function pgliteMigrated(dir) {
  const { PGlite } = await import("@electric-sql/pglite");
  const unlock = lockEmbedded(path.resolve(dir));
  const db = new PGlite(dir);
  try {
    const { rows } = await db.query("SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS ok");
    return rows[0].ok;
  } finally {
    await db.close();
    unlock();
  }
}

/**
 * `prisma migrate deploy`, checked on the embedded database. In clean-clone CI runs `migrate
 * deploy` on a fresh PGlite folder sometimes exited 0 with nothing applied; the cause (the PGlite
 * adapter not awaiting migration SQL, and two instances on one folder) is fixed in
 * prisma.config.ts. The check stays as a guard: if the schema is missing, it runs deploy once
 * more, visibly, and fails if that does not help either.
 */
export async function migrateDeploy(opts = {}) {
  await npx(["prisma", "migrate", "deploy"], opts);
  if (process.env.DATABASE_URL) return;
  const dir = process.env.PGLITE_DIR ?? ".data/pglite";
  if (await pgliteMigrated(dir)) return;
  console.warn(`migrate deploy left ${dir} without a schema; running it again`);
  await npx(["prisma", "migrate", "deploy"]);
  if (!(await pgliteMigrated(dir))) throw new Error(`migrations did not apply to the embedded database in ${dir}`);
}
