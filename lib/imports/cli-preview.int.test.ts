import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, embedded } from "@/lib/db";
import { serverUrl } from "@/lib/dbconfig";
import { migrationSql, useTestDatabase } from "@/lib/test/db";
import { fixture } from "@/lib/imports/test-helpers";
import { tempDir } from "@/lib/test/temp-dir";

// `npm run import -- … --dry-run` on a file with errors: says the import would fail and exits 1,
// so a script stops before the real run (--partial: would write the valid rows, exit 0;
// --preview-exit-zero: exit 0 anyway). The CLI runs as a child process on this file's database
// (as killed.int.test.ts: a fresh PostgreSQL database, or a PGlite folder opened by one process at a time).
const onServer = Boolean(serverUrl());
if (onServer) useTestDatabase();
const ROOT = path.resolve(import.meta.dirname, "../..");
const work = tempDir("ct-cli-preview-");
const childEnv: Record<string, string> = {};
const BAD = path.join(work, "catalog.csv");

beforeAll(async () => {
  if (!onServer) {
    await closeDb();
    process.env.PGLITE_DIR = path.join(work, "pglite");
    await embedded()!.exec(migrationSql());
    await closeDb();
    childEnv.PGLITE_DIR = process.env.PGLITE_DIR;
    childEnv.DATABASE_URL = "";
  }
  const text = fs.readFileSync(fixture("catalog/catalog.csv"), "utf8");
  const bad = (code: string) => `APEX,Apex Learning,${code},Broken ${code},Mathematics,lots,credit recovery,12,70,,,yes,1,Quiz,formative,100,100\n`;
  fs.writeFileSync(BAD, text.replace(/\n?$/, "\n") + bad("BAD1") + bad("BAD2"));
});
afterAll(async () => {
  if (!onServer) await closeDb();
  fs.rmSync(work, { recursive: true, force: true });
});

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/import.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...childEnv },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("a preview with errors on the command line", () => {
  it("says it would fail with the total error count, and exits 1", () => {
    const r = cli("catalog", BAD, "--dry-run");
    expect(r.stdout).toContain("Preview: would fail: 2 errors — nothing was written");
    expect(r.status).toBe(1);
  });

  it("with --partial says it would write the valid rows, and exits 0", () => {
    const r = cli("catalog", BAD, "--dry-run", "--partial");
    expect(r.stdout).toContain("Preview: would write the valid rows; 2 rows have errors");
    expect(r.status).toBe(0);
  });

  it("--preview-exit-zero exits 0 anyway; --json says wouldFail", () => {
    const r = cli("catalog", BAD, "--dry-run", "--preview-exit-zero", "--json");
    expect(JSON.parse(r.stdout)).toMatchObject({ status: "dry-run", wouldFail: true, errorTotal: 2 });
    expect(r.status).toBe(0);
  });

  it("a clean preview exits 0 and says nothing would fail", () => {
    const r = cli("catalog", fixture("catalog/catalog.csv"), "--dry-run", "--json");
    expect(JSON.parse(r.stdout)).toMatchObject({ status: "dry-run", wouldFail: false, errorTotal: 0 });
    expect(r.status).toBe(0);
  });

  it("refuses more than one path and an unknown option, naming them, and reads nothing", () => {
    // A district's extract given file by file: only the first was read, and the run said it succeeded.
    const two = cli("catalog", fixture("catalog/catalog.csv"), BAD);
    expect(two.status).toBe(2);
    expect(two.stderr).toContain(`import reads one path (a file, or a folder or zip of the files read together); also given: ${BAD}. Nothing was read.`);
    // A misspelt option was ignored too (here: the enrollments it allows were not created).
    const misspelt = cli("catalog", fixture("catalog/catalog.csv"), "--create-enrolments");
    expect(misspelt.status).toBe(2);
    expect(misspelt.stderr).toContain("unknown option: --create-enrolments. Nothing was read.");
    // Nothing written: a preview of the same file would still create every course.
    const r = cli("catalog", fixture("catalog/catalog.csv"), "--dry-run", "--json");
    expect(JSON.parse(r.stdout).counts.courses).toMatchObject({ created: 3, unchanged: 0 });
  });

  it("the usage names the flags", () => {
    const r = cli("catalog");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--preview-exit-zero/);
  });
});
