import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { migrationSql } from "@/lib/test/db";
import { hashSetupToken } from "@/lib/setup/issue-token.mjs";
import { setupTokenLines, startupSetupToken } from "./setup-token.mjs";
import { tempDir } from "@/lib/test/temp-dir";

// The server's start-up check (scripts/serve.mjs) on a real embedded folder, as the primary process
// runs it before any worker opens the folder. (On a PostgreSQL server the same SQL runs through pg.)
const dir = tempDir("ct-setup-token-");
const saved = { PGLITE_DIR: process.env.PGLITE_DIR, DATABASE_URL: process.env.DATABASE_URL };

async function withFolder<T>(fn: (db: PGlite) => Promise<T>): Promise<T> {
  const db = new PGlite(dir);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  await withFolder((db) => db.exec(migrationSql()));
  process.env.PGLITE_DIR = dir;
  delete process.env.DATABASE_URL;
});
afterAll(() => {
  Object.assign(process.env, saved);
  if (saved.DATABASE_URL === undefined) delete process.env.DATABASE_URL;
  if (saved.PGLITE_DIR === undefined) delete process.env.PGLITE_DIR;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(`${dir}.lock`, { force: true });
});

describe("the start-up setup token", () => {
  it("while no district administrator exists: a new token at each start, stored as its hash, audited", async () => {
    const first = await startupSetupToken();
    const second = await startupSetupToken();
    expect(first?.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(second?.token).not.toBe(first?.token);
    const rows = await withFolder(async (db) => (await db.query<{ tokenHash: string }>(`SELECT "tokenHash" FROM "SetupToken"`)).rows);
    expect(rows).toEqual([{ tokenHash: hashSetupToken(second!.token) }]);
    const events = await withFolder(async (db) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'setup.token'`)).rows[0].n);
    expect(events).toBe(2);
    // The lock is released: the worker can open the folder next.
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
    expect(setupTokenLines(second!.token, "http://127.0.0.1:3100")).toEqual([
      `Setup token: ${second!.token}`,
      `Open http://127.0.0.1:3100/setup?token=${second!.token} to set up the district.`,
    ]);
  });

  it("once a district administrator exists: nothing printed, nothing written", async () => {
    await withFolder((db) => db.exec(`INSERT INTO "User" (id, name, email, role, "updatedAt") VALUES ('u1', 'Dana', 'dana@x.example', 'DISTRICT_ADMIN', now())`));
    expect(await startupSetupToken()).toBeNull();
  });
});
