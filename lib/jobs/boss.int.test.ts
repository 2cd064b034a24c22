import { describe, expect, it } from "vitest";
import pg from "pg";
import { useTestDatabase } from "@/lib/test/db";
import { serverUrl } from "@/lib/dbconfig";
import { BossRunner } from "@/lib/jobs/boss";
import type { JobDefinition } from "@/lib/jobs/types";

// pg-boss on a PostgreSQL server (lib/jobs/boss.ts): several processes (here, runners with pools
// of their own) run a recurring job once per interval between them, and a restart within an
// interval does not run it again. Only with DATABASE_URL (CI's throwaway cluster).

useTestDatabase();
const onServer = !!process.env.DATABASE_URL;

describe.runIf(onServer)("pg-boss runner", () => {
  it("several processes starting at once on a new database all start (no deadlock)", async () => {
    // pg-boss's schema install and createQueue deadlocked when run at once: two of three runners
    // failed with "deadlock detected" in 5 of 6 rounds before BossRunner.start took a lock.
    const defs: JobDefinition[] = ["a", "b", "c", "d"].map((name) => ({ name, everySeconds: () => null, maxRunSeconds: 60, run: async () => {} }));
    for (let round = 0; round < 4; round++) {
      const c = new pg.Client({ connectionString: serverUrl()! });
      await c.connect();
      await c.query("DROP SCHEMA IF EXISTS pgboss CASCADE");
      await c.end();
      const runners = [0, 1, 2].map(() => new BossRunner(defs, serverUrl()!, 60_000));
      const started = await Promise.allSettled(runners.map((r) => r.start()));
      await Promise.all(runners.map((r) => r.stop(1000)));
      expect(started.map((x) => (x.status === "rejected" ? String(x.reason) : "started"))).toEqual(["started", "started", "started"]);
    }
  }, 120_000);

  it("three processes run a job once per slot between them", async () => {
    const starts: number[] = [];
    const def: JobDefinition = { name: "every-2s", everySeconds: () => 2, maxRunSeconds: 60, run: async () => void starts.push(Date.now()) };
    const runners = [0, 1, 2].map(() => new BossRunner([def], serverUrl()!, 200));
    await Promise.all(runners.map((r) => r.start()));
    await new Promise((res) => setTimeout(res, 7000));
    await Promise.all(runners.map((r) => r.stop(5000)));
    // 7 s of 2-s slots: 3 or 4 slots (three runners offering every 200 ms). The once-per-slot
    // invariant is pg-boss's: one job row per slot, and each job run once. (A job of one slot may
    // start in the next slot's first moments on a loaded machine: start times are not slots.)
    expect(starts.length).toBeGreaterThanOrEqual(3);
    expect(starts.length).toBeLessThanOrEqual(5);
    const c = new pg.Client({ connectionString: serverUrl()! });
    await c.connect();
    const { rows } = await c.query(`SELECT singleton_on, count(*)::int AS n FROM pgboss.job WHERE name = 'every-2s' GROUP BY 1 HAVING count(*) > 1`);
    const done = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'every-2s' AND state = 'completed'`);
    await c.end();
    expect(rows).toEqual([]);
    expect(done.rows[0]!.n).toBe(starts.length);
  }, 60_000);

  it("a restart within the slot does not run a daily job again", async () => {
    let runs = 0;
    const def: JobDefinition = { name: "daily-once", everySeconds: () => 86_400, maxRunSeconds: 60, run: async () => void runs++ };
    const first = new BossRunner([def], serverUrl()!, 200);
    await first.start();
    await new Promise((res) => setTimeout(res, 2500));
    await first.stop(5000);
    expect(runs).toBe(1);
    const second = new BossRunner([def], serverUrl()!, 200);
    await second.start();
    await new Promise((res) => setTimeout(res, 2500));
    await second.stop(5000);
    expect(runs).toBe(1);
  }, 60_000);
});
