import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/lib/test/db";
import { checkHealth, shippedMigrations } from "@/lib/health";

// The load balancer's health check (app/api/health, lib/health.ts) on a migrated database: every
// migration this build ships is applied; a build newer than its database, or a process draining
// after SIGTERM (scripts/serve/worker.mjs), is not healthy.

useTestDatabase();
// The test databases are migrated from the SQL itself (lib/test/db.ts), not by Prisma: its record
// of what it applied (_prisma_migrations, as `prisma migrate deploy` makes it) is written here.
async function record(name: string, state: "finished" | "unfinished" | "rolled back") {
  await db().$executeRawUnsafe(
    `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, rolled_back_at, applied_steps_count) VALUES ($1, 'x', $2, now(), $3, $4, 1)`,
    randomUUID(),
    name,
    state === "finished" ? new Date() : null,
    state === "rolled back" ? new Date() : null,
  );
}
beforeAll(async () => {
  await db().$executeRawUnsafe(`CREATE TABLE _prisma_migrations (
    id VARCHAR(36) PRIMARY KEY, checksum VARCHAR(64) NOT NULL, finished_at TIMESTAMPTZ, migration_name VARCHAR(255) NOT NULL,
    logs TEXT, rolled_back_at TIMESTAMPTZ, started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_steps_count INTEGER NOT NULL DEFAULT 0)`);
});
const g = globalThis as { __creditTrackDraining?: boolean };
afterEach(() => {
  delete g.__creditTrackDraining;
});

describe("the health check", () => {
  it("is unavailable before any migration, then ok with every shipped migration applied", async () => {
    const shipped = shippedMigrations();
    expect(shipped).toContain("20261203020000_planner_settings");
    await db().$executeRawUnsafe(`ALTER TABLE _prisma_migrations RENAME TO _prisma_migrations_away`);
    expect(await checkHealth()).toMatchObject({ status: "unavailable", database: "reachable", migrations: { current: false, applied: 0, pending: shipped.length } });
    await db().$executeRawUnsafe(`ALTER TABLE _prisma_migrations_away RENAME TO _prisma_migrations`);
    // A rolled-back attempt is not counted; the later run that finished is.
    await record(shipped[0]!, "rolled back");
    for (const m of shipped) await record(m, "finished");
    const h = await checkHealth();
    expect(h).toEqual({ status: "ok", database: "reachable", migrations: { current: true, applied: shipped.length, expected: shipped.length, pending: 0, unfinished: 0 } });
  });

  it("names a migration the build ships and the database lacks", async () => {
    const shipped = shippedMigrations();
    const h = await checkHealth([...shipped, "20991231000000_from_the_future"]);
    expect(h.status).toBe("unavailable");
    // Counted, not named: the check answers anyone (the names go to the log).
    expect(h.migrations).toMatchObject({ current: false, pending: 1, expected: shipped.length + 1 });
    expect(JSON.stringify(h)).not.toContain("from_the_future");
  });

  it("is unavailable while a migration Prisma started has not finished", async () => {
    await record("20991231000001_half_done", "unfinished");
    const h = await checkHealth([...shippedMigrations(), "20991231000001_half_done"]);
    expect(h).toMatchObject({ status: "unavailable", migrations: { current: false, unfinished: 1, pending: 1 } });
    await db().$executeRawUnsafe(`DELETE FROM _prisma_migrations WHERE migration_name = '20991231000001_half_done'`);
  });

  it("says draining once the server has been asked to stop, whatever else it finds", async () => {
    g.__creditTrackDraining = true;
    expect((await checkHealth()).status).toBe("draining");
    expect((await checkHealth([...shippedMigrations(), "20991231000002_later"])).status).toBe("draining");
  });

  it("is unavailable, not a 500, when this build's migrations cannot be read", async () => {
    const saved = process.env.CT_APP_DIR;
    process.env.CT_APP_DIR = "/nonexistent/credittrack";
    try {
      expect(await checkHealth()).toEqual({ status: "unavailable", database: "reachable", migrations: null });
    } finally {
      if (saved === undefined) delete process.env.CT_APP_DIR;
      else process.env.CT_APP_DIR = saved;
    }
  });
});
