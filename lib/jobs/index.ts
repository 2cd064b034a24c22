import "server-only";
import { directUrl } from "@/lib/dbconfig";
import { markInterruptedRuns } from "@/lib/imports/interrupted";
import { landingConfig } from "@/lib/imports/landing/settings";
import { landingRetention, landingTick } from "@/lib/imports/landing/tick";
import { purgeImportChanges } from "@/lib/imports/revert";
import type { JobDefinition, JobRunner } from "@/lib/jobs/types";
import { snapshotRisk } from "@/lib/today/snapshot";
import { districtDay } from "@/lib/calendar";
import { startImportQueue, stopImportQueue } from "@/lib/imports/queue";

// The app's recurring jobs and the runner for this database (README "Scheduled jobs"): pg-boss on
// a PostgreSQL server (lib/jobs/boss.ts), the in-process runner on the embedded one
// (lib/jobs/local.ts); and the queue of uploaded imports (lib/imports/queue.ts). Started by the server (instrumentation.ts; JOBS=off to leave it to
// `npm run jobs`) or by `npm run jobs`.

export const JOBS: JobDefinition[] = [
  {
    // The daily risk snapshot (issue 16; lib/today/snapshot.ts): looked at hourly, run once per
    // district day (a day already snapshotted is skipped), so it runs within the hour after midnight
    // and again soon after a server that was down comes back.
    name: "risk-snapshot",
    everySeconds: async () => 3600,
    maxRunSeconds: 1800,
    run: async () => {
      const r = await snapshotRisk(districtDay(), { ifNotDone: true });
      if (!r.skipped) console.log(`Risk snapshot ${r.day}: ${r.students} students, ${r.changed} changed, ${r.seconds.toFixed(1)} s`);
    },
  },
  {
    name: "landing-folder",
    everySeconds: async () => {
      const c = await landingConfig();
      return c.folder ? c.intervalSeconds : null;
    },
    maxRunSeconds: 4 * 3600,
    run: async () => {
      await landingTick();
    },
  },
  {
    name: "landing-retention",
    everySeconds: async () => ((await landingConfig()).folder ? 86_400 : null),
    maxRunSeconds: 3600,
    run: async () => {
      await landingRetention();
    },
  },
  {
    // What each import run changed (ImportChange, read to revert a run) holds student data: kept
    // as long as the landing folder keeps its files (Settings, default 30 days), folder or not.
    name: "import-change-retention",
    everySeconds: async () => 86_400,
    maxRunSeconds: 3600,
    run: async () => {
      const purged = await purgeImportChanges((await landingConfig()).retentionDays);
      if (purged > 0) console.log(`Imports: deleted ${purged} recorded changes of runs older than the retention days`);
    },
  },
];

const g = globalThis as unknown as { __creditTrackJobs?: JobRunner };

/** Starts this process's runner once (a dev server's reloads keep the first). */
export async function startJobs(defs: JobDefinition[] = JOBS): Promise<JobRunner> {
  if (g.__creditTrackJobs) return g.__creditTrackJobs;
  await markInterruptedRuns().catch((e: unknown) => console.error("Jobs: could not mark interrupted import runs:", e instanceof Error ? e.message : e));
  const url = directUrl(); // pg-boss keeps sessions of its own: past any pooler (dbconfig.ts)
  const runner: JobRunner = url ? new (await import("@/lib/jobs/boss")).BossRunner(defs, url) : new (await import("@/lib/jobs/local")).LocalRunner(defs);
  g.__creditTrackJobs = runner;
  // Uploads from the Imports page, queued in PostgreSQL by whichever host received them
  // (lib/imports/queue.ts): every process with a runner takes them, one at a time. First, so a
  // scheduler that cannot start (pg-boss) does not leave uploads waiting too.
  startImportQueue();
  await runner.start();
  return runner;
}

/** Stops taking work; waits up to graceMs for the running job and import. */
export async function stopJobs(graceMs?: number): Promise<void> {
  const r = g.__creditTrackJobs;
  g.__creditTrackJobs = undefined;
  await Promise.all([stopImportQueue(graceMs), r?.stop(graceMs)]);
}
