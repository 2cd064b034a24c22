import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { freePort } from "@/lib/test/free-port";
import { serverUrl } from "@/lib/dbconfig";
import { migrationSql } from "@/lib/test/migration-sql";
import { tempDir } from "@/lib/test/temp-dir";

// Issue 19: the app behind a pooler. A real PgBouncer (Debian's 1.18, installed by .ci/run) in
// transaction mode in front of the test server, 2 server connections per database; the app's own
// code (lib/test/pooler-child.ts) runs through it in a child process, as a server worker would:
// - with DATABASE_POOLER=transaction it works: prepared queries run unnamed, the planner settings
//   come from the database (migration 20261203020000_planner_settings), transactions commit with
//   their deferred triggers, 40 reads at once share the 2 server connections;
// - without it, PgBouncer refuses the connection's startup `options`, and (options off) a named
//   statement run again on another server connection is not there: why the setting exists.
// Only with DATABASE_URL (CI's throwaway cluster), like every test of the server's machinery.

const PGBOUNCER = "/usr/sbin/pgbouncer";
const onServer = !!process.env.DATABASE_URL;

let bouncer: ChildProcess | undefined;
let dir = "";
let direct = "";
let pooled = "";
const dbName = `pooler_${process.pid}_${Date.now().toString(36)}`;

async function waitForBouncer(url: string): Promise<void> {
  const until = Date.now() + 15_000;
  for (;;) {
    const c = new pg.Client({ connectionString: url });
    try {
      await c.connect();
      await c.end();
      return;
    } catch (e) {
      await c.end().catch(() => undefined);
      if (Date.now() > until) {
        const log = path.join(dir, "pgbouncer.log");
        throw new Error(`PgBouncer did not answer in 15 s: ${(e as Error).message}\n${fs.existsSync(log) ? fs.readFileSync(log, "utf8") : "(no log)"}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** Runs the child with `env` over the test's own environment (not blocking the test's worker); its one JSON line. */
async function child(mode: "sequence" | "app", env: Record<string, string | undefined>): Promise<Record<string, unknown>> {
  const c = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/test/pooler-child.ts", mode], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: { ...process.env, VITEST: undefined, DATABASE_POOL: "8", JOBS: "off", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  c.stdout.on("data", (b: Buffer) => (out += b.toString()));
  c.stderr.on("data", (b: Buffer) => (err += b.toString()));
  const timer = setTimeout(() => c.kill("SIGKILL"), 170_000);
  const code = await new Promise<number | null>((r) => c.once("exit", r));
  clearTimeout(timer);
  const line = out.trim().split("\n").at(-1) ?? "";
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`the child printed no result (exit ${code}):\n${out}\n${err}`);
  }
}

/** PgBouncer's version: 1.21 and later can keep prepared statements (max_prepared_statements). */
const bouncerVersion = () =>
  execFileSync(PGBOUNCER, ["--version"], { encoding: "utf8" })
    .match(/PgBouncer (\d+)\.(\d+)/)!
    .slice(1)
    .map(Number);

describe.runIf(onServer)("behind PgBouncer in transaction mode", () => {
  beforeAll(async () => {
    expect(fs.existsSync(PGBOUNCER), `${PGBOUNCER} is missing: apt-get install pgbouncer (.ci/run does)`).toBe(true);
    const base = new URL(serverUrl()!);
    // A database the migrations made (not a copy of the template: a copy keeps no database settings).
    const admin = new pg.Client({ connectionString: base.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    base.pathname = `/${dbName}`;
    direct = base.toString();
    const c = new pg.Client({ connectionString: direct });
    await c.connect();
    await c.query(migrationSql());
    await c.end();

    dir = tempDir("pgbouncer-");
    fs.chmodSync(dir, 0o777);
    const port = await freePort();
    const user = decodeURIComponent(base.username) || "postgres";
    fs.writeFileSync(path.join(dir, "users.txt"), `"${user}" ""\n`);
    fs.writeFileSync(
      path.join(dir, "pgbouncer.ini"),
      [
        "[databases]",
        `* = host=${base.hostname} port=${base.port || 5432}`,
        "[pgbouncer]",
        "listen_addr = 127.0.0.1",
        `listen_port = ${port}`,
        "unix_socket_dir =",
        "auth_type = trust",
        `auth_file = ${path.join(dir, "users.txt")}`,
        "pool_mode = transaction",
        "default_pool_size = 2",
        "max_client_conn = 200",
        `logfile = ${path.join(dir, "pgbouncer.log")}`,
        `pidfile = ${path.join(dir, "pgbouncer.pid")}`,
      ].join("\n") + "\n",
    );
    for (const f of fs.readdirSync(dir)) fs.chmodSync(path.join(dir, f), 0o666);
    // PgBouncer will not run as root: as the server's own user then (CI runs as root).
    const asRoot = process.getuid?.() === 0;
    bouncer = spawn(PGBOUNCER, [...(asRoot ? ["-u", "postgres"] : []), path.join(dir, "pgbouncer.ini")], { stdio: "ignore" });
    const at = new URL(direct);
    at.port = String(port);
    at.hostname = "127.0.0.1";
    pooled = at.toString();
    await waitForBouncer(pooled);
  }, 360_000);

  afterAll(async () => {
    bouncer?.kill("SIGTERM");
    await new Promise((r) => (bouncer && bouncer.exitCode === null ? bouncer.once("exit", r) : r(null)));
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    if (!direct) return;
    const base = serverUrl()!;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  // First, on fresh server connections: a named statement a run leaves on one would outlive it there.
  it("without it, PgBouncer refuses the startup options, and a named statement is lost between connections", async () => {
    // What Debian's 1.18 does (the version CI installs); a later PgBouncer may accept both.
    const [major, minor] = bouncerVersion();
    expect(major === 1 && minor! < 21, `PgBouncer ${major}.${minor}: this check is of 1.18's behaviour`).toBe(true);
    const refused = await child("sequence", { DATABASE_URL: pooled, DATABASE_DIRECT_URL: direct, DATABASE_POOLER: undefined, PG_SESSION_OPTIONS: undefined });
    expect(refused.error).toMatch(/unsupported startup parameter: options/);
    const named = await child("sequence", { DATABASE_URL: pooled, DATABASE_DIRECT_URL: direct, DATABASE_POOLER: undefined, PG_SESSION_OPTIONS: "" });
    expect(named.error).toBeUndefined();
    expect(named.again).toMatch(/prepared statement "ct_[0-9a-f]+" does not exist/);
  }, 360_000);

  it("the app works through it with DATABASE_POOLER=transaction", async () => {
    const r = await child("app", { DATABASE_URL: pooled, DATABASE_DIRECT_URL: direct, DATABASE_POOLER: "transaction", PG_SESSION_OPTIONS: undefined });
    expect(r.error).toBeUndefined();
    expect(r.again).toBe("ok");
    // The migration's settings, as a pooled session sees them (no startup options were sent).
    expect(r.settings).toEqual({ rpc: "1.1", workers: "0", jit: "off" });
    expect(r).toMatchObject({ reads: 40, schoolNames: ["Pooled High"], trendYears: 5, students: 10 });
  }, 360_000);
});
