// A command on an embedded database that another process holds open says so in one line and exits
// 1 (issue 12) — before, it opened the folder too, and with the other process writing it died
// printing PGlite's minified source and a WebAssembly trace (lib/pglite-lock.mjs). Real processes:
// a holder opens a PGlite folder through lib/db.ts as the app does; the commands run beside it.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockFileOf } from "@/lib/pglite-lock.mjs";
import { tempDir } from "@/lib/test/temp-dir";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const dir = tempDir("ct-lock-");
const env = { ...process.env, PGLITE_DIR: dir, DATABASE_URL: "", VITEST: "", NEXT_RUNTIME: "" };
const LOCK = lockFileOf(dir);
const inUse = (pid: number) =>
  `The embedded database in ${dir} is in use by another process (process ${pid}, lock file ${LOCK}): is the app running? Stop it, or set DATABASE_URL. ` +
  `If no CreditTrack process ${pid} is running (after a kill -9 its id can pass to another program), delete ${LOCK} to free it.`;

// Opens the folder through lib/db.ts, applies the migrations, says "ready" and stays open.
const HOLDER = `
import("@/lib/db").then(async ({ db, embedded }) => {
  const fs = await import("node:fs");
  const m = "prisma/migrations";
  const sql = fs.readdirSync(m).filter((d) => fs.statSync(m + "/" + d).isDirectory()).sort().map((d) => fs.readFileSync(m + "/" + d + "/migration.sql", "utf8")).join("\\n");
  await db().$queryRawUnsafe("SELECT 1");
  await embedded().exec(sql);
  console.log("ready");
  setInterval(() => {}, 60_000);
});`;

let holder: ChildProcess | undefined;

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { cwd: ROOT, env, encoding: "utf8", timeout: 90_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const report = (...args: string[]) => run(TSX, ["--conditions=react-server", "scripts/report.ts", ...args]);

beforeAll(async () => {
  // Its own process group: tsx runs the script in a child node process, and both must go.
  holder = spawn(TSX, ["--conditions=react-server", "-e", HOLDER], { cwd: ROOT, env, stdio: ["ignore", "pipe", "inherit"], detached: true });
  await new Promise<void>((resolve, reject) => {
    let out = "";
    holder!.stdout!.on("data", (b: Buffer) => {
      out += b.toString();
      if (out.includes("ready")) resolve();
    });
    holder!.on("exit", (code) => reject(new Error(`holder exited ${code}`)));
  });
}, 120_000);

const killHolder = () => {
  try {
    process.kill(-holder!.pid!, "SIGKILL");
  } catch {
    // already gone
  }
};
/** The process group of a process (Linux /proc: the 5th field of stat, after the command name). */
const groupOf = (pid: number) => Number(fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")[2]);

afterAll(() => {
  if (holder) killHolder();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(lockFileOf(dir), { force: true });
});

describe("a command beside a process that holds the embedded database", () => {
  it("the holder's lock names its process", () => {
    expect(groupOf(Number(fs.readFileSync(lockFileOf(dir), "utf8").trim()))).toBe(holder!.pid);
  });

  it.each([
    ["npm run report", TSX, ["--conditions=react-server", "scripts/report.ts", "graduation", "--cohort", "2024"]],
    ["npm run import", TSX, ["--conditions=react-server", "scripts/import.ts", "students", path.join(ROOT, "lib/imports/fixtures/extract")]],
    ["npm run seed", TSX, ["--conditions=react-server", "prisma/seed/index.ts"]],
    ["npm run backup", process.execPath, ["scripts/backup.mjs", "backup", path.join(os.tmpdir(), `ct-lock-backup-${process.pid}`)]],
  ])(
    "%s says so in one line, naming the holder and its lock file, and exits 1",
    (_name, cmd, args) => {
      const holderPid = Number(fs.readFileSync(LOCK, "utf8").trim());
      const r = run(cmd, args as string[]);
      expect({ status: r.status, stderr: r.stderr, stdout: r.stdout }).toEqual({ status: 1, stderr: `${inUse(holderPid)}\n`, stdout: "" });
    },
    120_000,
  );

  it("runs once the holder is gone, even killed without removing its lock", async () => {
    const pid = Number(fs.readFileSync(lockFileOf(dir), "utf8").trim());
    killHolder();
    for (let i = 0; i < 100 && fs.existsSync(`/proc/${pid}`); i++) await new Promise((r) => setTimeout(r, 50));
    expect(fs.existsSync(`/proc/${pid}`)).toBe(false);
    expect(fs.existsSync(lockFileOf(dir))).toBe(true);
    const r = report("graduation", "--cohort", "2030");
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: "" });
    expect(r.stdout).toMatch(/^No students in the class of 2030: /);
    expect(fs.existsSync(lockFileOf(dir))).toBe(false);
  }, 120_000);

  it("a lock left with an id another program now has: the message's way out, deleting the file, frees it", () => {
    // Process 1 (init) is alive and no CreditTrack process: as after a kill -9 and a reused id.
    fs.writeFileSync(LOCK, "1\n");
    const refused = report("graduation", "--cohort", "2030");
    expect({ status: refused.status, stderr: refused.stderr }).toEqual({ status: 1, stderr: `${inUse(1)}\n` });
    fs.rmSync(LOCK);
    const r = report("graduation", "--cohort", "2030");
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: "" });
  }, 120_000);
});
