// migrateDeploy's bounds (scripts/lib.mjs), with stand-in commands for `prisma migrate deploy`:
// small Node programs that hang, hang after printing Prisma's success line, fail, or succeed.
// The database check is a stand-in too (`pending`): what is tested is the timing and the retry.
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { migrateDeploy } from "./lib.mjs";
import { tempDir } from "@/lib/test/temp-dir";

const node = (code: string): [string, string[]] => [process.execPath, ["-e", code]];
const HANG = "setInterval(() => {}, 1000)";
const SUCCESS_THEN_HANG = `console.log("All migrations have been successfully applied."); ${HANG}`;
// Hangs the first time (leaves a marker file), exits 0 the second.
const hangOnce = (marker: string) =>
  node(`const fs = require("fs"); if (fs.existsSync(${JSON.stringify(marker)})) process.exit(0); fs.writeFileSync(${JSON.stringify(marker)}, ""); ${HANG}`);

/** No migration left started: the run was stopped before or between migrations. */
const none = async () => [] as string[];

let errors: string[];
let saved: string | undefined;
beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((m: unknown) => void errors.push(String(m)));
  vi.spyOn(console, "warn").mockImplementation((m: unknown) => void errors.push(String(m)));
  saved = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL; // the embedded database's path: `pending` is asked after each run
});
afterEach(() => {
  vi.restoreAllMocks();
  if (saved !== undefined) process.env.DATABASE_URL = saved;
});

describe("migrateDeploy", () => {
  it("stops a run that hangs, says so, runs it once more, then fails saying what to do", async () => {
    const pending = vi.fn(async () => []);
    await expect(migrateDeploy({ quiet: true, timeoutMs: 1500, command: node(HANG), pending, unfinished: none })).rejects.toThrow(
      /did not finish in 2 s, twice, on the embedded database .*MIGRATE_TIMEOUT_SECONDS=4.*npm run db:migrate/,
    );
    expect(errors).toEqual([expect.stringMatching(/did not finish in 2 s .*stopped it, running it once more/)]);
    expect(pending).not.toHaveBeenCalled();
  });

  it("a run that hangs once is retried, and the retry that finishes is enough", async () => {
    const marker = path.join(tempDir("ct-migrate-"), "started");
    const pending = vi.fn(async () => []);
    await migrateDeploy({ quiet: true, timeoutMs: 15_000, command: hangOnce(marker), pending, unfinished: none });
    expect(fs.existsSync(marker)).toBe(true);
    expect(errors).toEqual([expect.stringMatching(/did not finish in 15 s .*running it once more/)]);
    expect(pending).toHaveBeenCalledTimes(1);
  });

  it("stops a run that printed its success line and does not exit, and checks the database instead", async () => {
    const pending = vi.fn(async () => []);
    await migrateDeploy({ quiet: true, timeoutMs: 60_000, graceMs: 500, command: node(SUCCESS_THEN_HANG), pending });
    expect(errors).toEqual([expect.stringMatching(/said it was done but did not exit in 1 s; stopped it, checking the database/)]);
    expect(pending).toHaveBeenCalledTimes(1);
  });

  it("runs again when migrations are left unapplied, and fails naming them when they still are", async () => {
    const pending = vi.fn(async () => ["20260101000000_init"]);
    await expect(migrateDeploy({ quiet: true, command: node("process.exit(0)"), pending })).rejects.toThrow(/did not apply to the embedded database .*\(20260101000000_init\)/);
    expect(errors).toEqual([expect.stringMatching(/left 1 migration\(s\) unapplied .*running it again/)]);
    expect(pending).toHaveBeenCalledTimes(2);
  });

  it("says every heartbeat that it is still running, so a slow run is never silent", async () => {
    const pending = vi.fn(async () => []);
    await migrateDeploy({ quiet: true, heartbeatMs: 300, command: node("setTimeout(() => {}, 2000)"), pending });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors).toEqual(errors.map(() => expect.stringMatching(/^prisma migrate deploy is still running after \d+ s \(stopped at \d+ s: MIGRATE_TIMEOUT_SECONDS\)/)));
  });

  it("a failing run is an error at once: Prisma has printed why, and a retry would not help", async () => {
    const pending = vi.fn(async () => []);
    await expect(migrateDeploy({ quiet: true, command: node("process.exit(3)"), pending })).rejects.toThrow(/failed \(exit 3\)/);
    expect(errors).toEqual([]);
  });

  it("a run stopped in the middle of a migration in an existing folder is not retried: the error names the migration and the way out", async () => {
    const dir = tempDir("ct-migrate-");
    process.env.PGLITE_DIR = dir;
    try {
      const pending = vi.fn(async () => []);
      const unfinished = vi.fn(async () => ["20261202010000_counselor_pinned"]);
      await expect(migrateDeploy({ quiet: true, timeoutMs: 800, command: node(HANG), pending, unfinished })).rejects.toThrow(
        /stopped during 20261202010000_counselor_pinned, which did not apply\. Mark it rolled back \(npx prisma migrate resolve --rolled-back 20261202010000_counselor_pinned\)/,
      );
      expect(unfinished).toHaveBeenCalledTimes(1);
      expect(fs.existsSync(dir)).toBe(true); // someone's database: never removed
    } finally {
      delete process.env.PGLITE_DIR;
    }
  });

  it("a folder this command created is removed after a run stopped mid-migration, and the run made once more", async () => {
    const base = tempDir("ct-migrate-");
    const dir = path.join(base, "new-folder");
    const marker = path.join(base, "started");
    process.env.PGLITE_DIR = dir;
    try {
      // The stand-in creates the folder (as Prisma does) and hangs the first time.
      const code = `const fs = require("fs"); fs.mkdirSync(${JSON.stringify(dir)}, { recursive: true }); if (fs.existsSync(${JSON.stringify(marker)})) process.exit(0); fs.writeFileSync(${JSON.stringify(marker)}, ""); ${HANG}`;
      // Prisma's record of the stopped run lives in the folder: gone with it.
      const unfinished = vi.fn(async () => (fs.existsSync(dir) ? ["20260101000000_init"] : []));
      const pending = vi.fn(async () => []);
      await migrateDeploy({ quiet: true, timeoutMs: 8_000, command: node(code), pending, unfinished });
      expect(errors).toEqual([expect.stringMatching(/stopped during 20260101000000_init\); the folder was new: removed it, running it once more/)]);
      expect(pending).toHaveBeenCalledTimes(1);
    } finally {
      delete process.env.PGLITE_DIR;
    }
  });

  it("never stops a migration on a PostgreSQL server: it says it is still running and lets it finish", async () => {
    process.env.DATABASE_URL = "postgresql://stand-in.invalid/db";
    const pending = vi.fn(async () => []);
    await migrateDeploy({ quiet: true, timeoutMs: 300, heartbeatMs: 400, command: node("setTimeout(() => {}, 1500)"), pending, unfinished: none });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors).toEqual(errors.map(() => expect.stringMatching(/still running after \d+ s \(a migration on a server is left to finish\)/)));
    expect(pending).not.toHaveBeenCalled(); // exited 0 on a server: Prisma's record is the check
  });
});
