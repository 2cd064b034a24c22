import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { LocalRunner } from "@/lib/jobs/local";
import type { JobDefinition } from "@/lib/jobs/types";

// The embedded database's runner (lib/jobs/local.ts): recurring runs, the schedule kept in
// JobSchedule across a restart, one run at a time, and a failure that does not stop the schedule.

useTestDatabase();

const job = (name: string, every: () => number | null, run: () => Promise<void>): JobDefinition => ({ name, everySeconds: every, maxRunSeconds: 60, run });

describe("in-process job runner", () => {
  it("runs a job at once, then once per interval", async () => {
    let runs = 0;
    const r = new LocalRunner([
      job(
        "count",
        () => 60,
        async () => void runs++,
      ),
    ]);
    const t0 = new Date("2026-12-01T10:00:00Z");
    await r.poll(t0);
    await r.idle();
    await r.poll(new Date(t0.getTime() + 30_000));
    await r.idle();
    expect(runs).toBe(1);
    await r.poll(new Date(t0.getTime() + 60_000));
    await r.idle();
    expect(runs).toBe(2);
    expect(await db().jobSchedule.findUniqueOrThrow({ where: { name: "count" } })).toMatchObject({
      everySeconds: 60,
      nextRunAt: new Date(t0.getTime() + 120_000),
      lastError: null,
    });
  });

  it("survives a restart: a new runner re-reads the schedule instead of running again at once", async () => {
    let runs = 0;
    const def = job(
      "daily",
      () => 86_400,
      async () => void runs++,
    );
    const t0 = new Date("2026-12-01T03:00:00Z");
    const first = new LocalRunner([def]);
    await first.poll(t0);
    await first.idle();
    await first.stop();
    const second = new LocalRunner([def]);
    await second.poll(new Date(t0.getTime() + 3_600_000));
    await second.idle();
    expect(runs).toBe(1);
    await second.poll(new Date(t0.getTime() + 86_400_000));
    await second.idle();
    expect(runs).toBe(2);
  });

  it("follows a changed interval from the last start, skips a job that is off, and records a failure", async () => {
    let every: number | null = 600;
    let runs = 0;
    const def = job(
      "tick",
      () => every,
      async () => {
        runs++;
        if (runs === 2) throw new Error("folder gone");
      },
    );
    const r = new LocalRunner([def]);
    const t0 = new Date("2026-12-01T08:00:00Z");
    await r.poll(t0);
    await r.idle();
    every = 5; // e.g. IMPORT_LANDING_INTERVAL_SECONDS, or the setting changed
    await r.poll(new Date(t0.getTime() + 5_000));
    await r.idle();
    expect(runs).toBe(2);
    expect((await db().jobSchedule.findUniqueOrThrow({ where: { name: "tick" } })).lastError).toBe("folder gone");
    every = null;
    await r.poll(new Date(t0.getTime() + 60_000));
    await r.idle();
    expect(runs).toBe(2);
  });

  it("never starts a second run of a job while one is running", async () => {
    let release!: () => void;
    let runs = 0;
    const r = new LocalRunner([
      job(
        "slow",
        () => 1,
        () => {
          runs++;
          return new Promise<void>((res) => (release = res));
        },
      ),
    ]);
    const t0 = new Date("2026-12-01T09:00:00Z");
    await r.poll(t0);
    await r.poll(new Date(t0.getTime() + 5_000));
    expect(runs).toBe(1);
    release();
    await r.idle();
  });

  it("runs on its own timer once started", async () => {
    let runs = 0;
    const r = new LocalRunner(
      [
        job(
          "timer",
          () => 1,
          async () => void runs++,
        ),
      ],
      50,
    );
    await r.start();
    await new Promise((res) => setTimeout(res, 1300));
    await r.stop();
    expect(runs).toBeGreaterThanOrEqual(2);
  });
});
