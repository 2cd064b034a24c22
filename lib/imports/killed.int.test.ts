import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, db, embedded } from "@/lib/db";
import { serverUrl } from "@/lib/dbconfig";
import { migrationSql, useTestDatabase } from "@/lib/test/db";
import { writeSyntheticRoster } from "@/lib/imports/synthetic";
import { INTERRUPTED_MESSAGE, STALE_AFTER_MS, markInterruptedRuns } from "@/lib/imports/interrupted";
import { tempDir } from "@/lib/test/temp-dir";

// Killed mid-way → nothing partial: the CLI is SIGKILLed while it writes a large roster in its one
// transaction; the database must hold none of it, and once the run's heartbeat is stale the run
// says "interrupted" (issue #15). On PostgreSQL (DATABASE_URL) the child shares this
// file's fresh database; on the embedded database it shares a PGlite folder opened by one process at a time.
const onServer = Boolean(serverUrl());
if (onServer) useTestDatabase();
const ROOT = path.resolve(import.meta.dirname, "../..");
const work = tempDir("ct-killed-");
const childEnv: Record<string, string> = {};
const STUDENTS = 30_000;
const KILL_AT = 5_000; // students written (one chunk of lib/imports/oneroster/write.ts) before the kill

beforeAll(async () => {
  if (!onServer) {
    await closeDb();
    process.env.PGLITE_DIR = path.join(work, "pglite");
    await embedded()!.exec(migrationSql());
    await closeDb();
    childEnv.PGLITE_DIR = process.env.PGLITE_DIR;
    childEnv.DATABASE_URL = "";
  }
  writeSyntheticRoster(path.join(work, "roster"), STUDENTS);
});
afterAll(async () => {
  if (!onServer) await closeDb();
  fs.rmSync(work, { recursive: true, force: true });
});

describe("an import killed mid-way", () => {
  it("leaves nothing partial behind (SIGKILL during the write phase)", async () => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/import.ts", "oneroster", path.join(work, "roster")], {
      cwd: ROOT,
      env: { ...process.env, ...childEnv },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    let killedAt: { done: number; total: number } | null = null;
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on("exit", (code, signal) => resolve(signal ?? code)));
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
      if (child.killed) return;
      // Killed on a count, not a timer: once the CLI reports KILL_AT students written inside its
      // one transaction (scripts/import.ts prints "written: <done> of <total>" each tenth), on a
      // slow machine or a fast one. The next 5,000-row chunk is still to come, so it is mid-write.
      const written = [...stderr.matchAll(/^written: (\d+) of (\d+)$/gm)].map((m) => ({ done: Number(m[1]), total: Number(m[2]) }));
      const enough = written.find((w) => w.done >= KILL_AT);
      if (enough) {
        killedAt = enough;
        child.kill("SIGKILL");
      }
    });
    const outcome = await exited;
    expect(stderr).toMatch(/phase: write/);
    expect(outcome).toBe("SIGKILL");
    expect(killedAt, stderr).not.toBeNull();
    expect(killedAt!.done).toBeLessThan(killedAt!.total);

    if (!onServer) db(); // reopen the folder the child was killed on
    expect(await db().student.count()).toBe(0);
    expect(await db().school.count()).toBe(0);
    expect(await db().user.count()).toBe(0);
    // The attempt itself is on record, never finished.
    const runs = await db().importRun.findMany();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: "running", finishedAt: null });
    const heartbeat = runs[0]!.heartbeatAt!;
    expect(heartbeat).toBeInstanceOf(Date);

    // Its heartbeat is recent: it could still be a live run, so it is left alone…
    expect(await markInterruptedRuns()).toEqual([]);
    // …until no heartbeat came for longer than the threshold.
    const later = new Date(heartbeat.getTime() + STALE_AFTER_MS + 1000);
    expect(await markInterruptedRuns(later)).toEqual([runs[0]!.id]);
    const run = await db().importRun.findUniqueOrThrow({ where: { id: runs[0]!.id } });
    expect(run).toMatchObject({ status: "interrupted", finishedAt: later });
    expect(run.errors).toMatchObject({ errors: [{ line: 0, message: INTERRUPTED_MESSAGE }] });
    expect(await db().student.count()).toBe(0);
  }, 180_000);
});
