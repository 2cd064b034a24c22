import { afterEach, describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { runImport } from "@/lib/imports/run";
import { INTERRUPTED_MESSAGE, STALE_AFTER_MS, markInterruptedRuns, startHeartbeat } from "@/lib/imports/interrupted";
import { fixture } from "@/lib/imports/test-helpers";

// Issue #15: a run whose process died stays "running" forever unless its heartbeat says so.
useTestDatabase();
const CATALOG = fixture("catalog/catalog.csv");
const ago = (ms: number, now = new Date()) => new Date(now.getTime() - ms);
const row = (data: { status?: string; startedAt?: Date; heartbeatAt?: Date | null; finishedAt?: Date | null }) =>
  db().importRun.create({ data: { kind: "catalog", fileName: "catalog.csv", checksum: "x", status: "running", ...data } });

afterEach(async () => {
  vi.restoreAllMocks();
  await db().importRun.deleteMany();
});

describe("interrupted import runs", () => {
  it("marks a running run with a stale heartbeat interrupted, and leaves live and finished runs alone", async () => {
    const now = new Date();
    const dead = await row({ startedAt: ago(10 * 60_000, now), heartbeatAt: ago(STALE_AFTER_MS + 1000, now) });
    const beforeHeartbeats = await row({ startedAt: ago(STALE_AFTER_MS + 1000, now), heartbeatAt: null });
    const live = await row({ startedAt: ago(60 * 60_000, now), heartbeatAt: ago(STALE_AFTER_MS - 5000, now) });
    const justStarted = await row({ startedAt: ago(1000, now), heartbeatAt: null });
    const done = await row({ status: "succeeded", startedAt: ago(60 * 60_000, now), heartbeatAt: ago(59 * 60_000, now), finishedAt: ago(59 * 60_000, now) });

    expect((await markInterruptedRuns(now)).sort()).toEqual([dead.id, beforeHeartbeats.id].sort());

    for (const id of [dead.id, beforeHeartbeats.id]) {
      const r = await db().importRun.findUniqueOrThrow({ where: { id } });
      expect(r).toMatchObject({ status: "interrupted", finishedAt: now });
      expect(r.errors).toEqual({ errors: [{ file: "catalog.csv", line: 0, column: null, value: null, message: INTERRUPTED_MESSAGE }], warnings: [], errorTotal: 1 });
      expect(INTERRUPTED_MESSAGE).toMatch(/nothing was written/);
    }
    expect(await db().importRun.findUniqueOrThrow({ where: { id: live.id } })).toMatchObject({ status: "running", finishedAt: null, errors: null });
    expect(await db().importRun.findUniqueOrThrow({ where: { id: justStarted.id } })).toMatchObject({ status: "running", finishedAt: null });
    expect(await db().importRun.findUniqueOrThrow({ where: { id: done.id } })).toMatchObject({ status: "succeeded" });
    // Idempotent: a second sweep (another process, the page) finds nothing more.
    expect(await markInterruptedRuns(now)).toEqual([]);
  });

  it("the start of any import marks the stale runs first, and records its own heartbeat", async () => {
    const dead = await row({ startedAt: ago(STALE_AFTER_MS * 3), heartbeatAt: ago(STALE_AFTER_MS * 2) });
    const before = Date.now();
    const r = await runImport(null, "catalog", CATALOG, { dryRun: true });
    expect(await db().importRun.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({ status: "interrupted" });
    const run = await db().importRun.findUniqueOrThrow({ where: { id: r.runId } });
    expect(run.status).toBe("dry-run");
    expect(run.heartbeatAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it("a heartbeat refreshes its run until stopped, and a failed write does not throw", async () => {
    const run = await row({ startedAt: ago(STALE_AFTER_MS * 3), heartbeatAt: ago(STALE_AFTER_MS * 2) });
    const stop = startHeartbeat(run.id, 20);
    await vi.waitFor(async () => expect((await db().importRun.findUniqueOrThrow({ where: { id: run.id } })).heartbeatAt!.getTime()).toBeGreaterThan(Date.now() - 5000));
    expect(await markInterruptedRuns()).toEqual([]);
    stop();

    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const failing = vi.fn(() => Promise.reject(new Error("connection reset")));
    const stop2 = startHeartbeat(run.id, 10, failing);
    await vi.waitFor(() => expect(failing.mock.calls.length).toBeGreaterThanOrEqual(3));
    stop2();
    expect(errors).toHaveBeenCalledTimes(1); // logged once, not every tick
  });

  it("the server's start marks them (instrumentation.ts), and never during a build", async () => {
    const dead = await row({ startedAt: ago(STALE_AFTER_MS * 3), heartbeatAt: ago(STALE_AFTER_MS * 2) });
    const { register } = await import("@/instrumentation");
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    // Not the job runner: started here, pg-boss outlived the test and its next query met the test
    // database being dropped ("terminating connection due to administrator command", an unhandled
    // rejection that failed a CI run). The runner itself is tested in lib/jobs/boss.int.test.ts.
    vi.stubEnv("JOBS", "off");
    vi.stubEnv("NEXT_PHASE", "phase-production-build");
    await register();
    expect(await db().importRun.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({ status: "running" });
    vi.stubEnv("NEXT_PHASE", "phase-production-server");
    await register();
    vi.unstubAllEnvs();
    expect(await db().importRun.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({ status: "interrupted" });
    expect(log).toHaveBeenCalledWith(expect.stringContaining(`1 run whose process stopped marked "interrupted" (${dead.id})`));
  });
});
