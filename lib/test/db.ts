// A fresh, migrated database for one integration-test file:
// - DATABASE_URL set (CI): a new PostgreSQL database on that server (a copy of the run's migrated
//   template, lib/test/global-setup.ts), dropped afterwards;
// - otherwise: an in-memory PGlite.
// Usage: `const t = useTestDatabase();` at the top of a *.int.test.ts file, then db() as usual.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { beforeAll, afterAll, inject } from "vitest";
import { closeDb, db, embedded } from "@/lib/db";
import { serverUrl } from "@/lib/dbconfig";
import { migrationSql } from "@/lib/test/migration-sql";

export { migrationSql };

export async function createTestDatabase(): Promise<{ drop: () => Promise<void> }> {
  await closeDb();
  const base = serverUrl();
  if (!base) {
    process.env.PGLITE_DIR = "memory://";
    db();
    await embedded()!.exec(migrationSql());
    return { drop: () => closeDb() };
  }
  const name = `ct_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  // A copy of the run's migrated template when lib/test/global-setup.ts made one, else migrate here.
  const template = inject("testTemplateDb");
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  if (!template) {
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    await client.query(migrationSql());
    await client.end();
  }
  process.env.DATABASE_URL = url.toString();
  return {
    drop: async () => {
      await closeDb();
      process.env.DATABASE_URL = base;
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export function useTestDatabase(): void {
  let handle: { drop: () => Promise<void> } | undefined;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle?.drop();
  });
}
