// The pool's idle connections on a real PostgreSQL server (lib/db.ts, lib/sql/budget.mjs
// POOL_IDLE_MS): a read after a quiet spell finds the connection it used before, rather than
// opening another (its start-up, named statements prepared again, the catalogs read again: at the
// city scale a district view's statements took 300–450 ms instead of ~100 after 10 s of quiet,
// node-postgres's default). Only with DATABASE_URL (PGlite has one connection and no pool).
// The pool's idle timer is faked: the test does not wait minutes.
import { afterEach, describe, expect, it, vi } from "vitest";
import { sql } from "kysely";
import { useTestDatabase } from "@/lib/test/db";
import { sqlDb } from "@/lib/sql/db";
import { POOL_IDLE_MS } from "./budget.mjs";

const url = process.env.DATABASE_URL;

describe.runIf(!!url)("the pool's idle connections", () => {
  useTestDatabase();
  afterEach(() => vi.useRealTimers());

  it("stay open past node-postgres's 10 s, and close after POOL_IDLE_MS", async () => {
    const backend = async () => (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(sqlDb())).rows[0].pid;
    await backend(); // (the pool's first connection opened before the timers are faked)
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const first = await backend();
    vi.advanceTimersByTime(11_000);
    expect(await backend()).toBe(first);
    vi.advanceTimersByTime(POOL_IDLE_MS - 1_000);
    expect(await backend()).toBe(first);
    vi.advanceTimersByTime(POOL_IDLE_MS + 1_000);
    expect(await backend()).not.toBe(first);
  });
});
