import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { importRunHeartbeat } from "@/lib/sql/queries/import-run-heartbeat";
import { emptyCounts, type RowError } from "@/lib/imports/report";

// Interrupted runs (issue #15). A run's process refreshes ImportRun.heartbeatAt every
// HEARTBEAT_MS while it imports; a process that dies (killed, crashed, server restarted) leaves its
// row "running" with a heartbeat that stops. Such a run is marked "interrupted" by whichever comes
// first: the server's start (instrumentation.ts), the Imports page, or the start of any import
// (lib/imports/run.ts); a job runner, when there is one, calls markInterruptedRuns too.
// Nothing of an interrupted run was written: its data, its final state and its audit event commit
// in one transaction (lib/imports/record.ts commitImport), which a dead process never committed.

/** How often a running import refreshes its heartbeat. */
export const HEARTBEAT_MS = 15_000;

/**
 * A "running" run whose heartbeat (or start, before its first heartbeat) is older than this is
 * interrupted: 8 missed heartbeats. Generous on purpose: a heartbeat can wait behind a busy
 * database or a long synchronous step of the importer (planning 60,000 students takes seconds),
 * and a live run marked by mistake would show "interrupted" until it finishes (its finish then
 * records its real outcome over it).
 */
export const STALE_AFTER_MS = 2 * 60_000;

export const INTERRUPTED_MESSAGE =
  "The import process stopped before finishing (killed, crashed or restarted); nothing was written: an import writes everything in one transaction at its end. Import the file again.";

/**
 * An upload queued this long without a job runner taking it is not imported (lib/imports/queue.ts):
 * a roster or a vendor's report a day old can be older than what was entered or imported since, and
 * a job runner started next week must not write it over them. Its stored file is deleted.
 */
export const QUEUED_EXPIRES_MS = 24 * 60 * 60_000;

export const EXPIRED_MESSAGE =
  "No job runner started this upload within 24 hours of it being queued, so it was not imported and its stored file was deleted; nothing was written. Check that a job runner runs (the server with JOBS not off, or `npm run jobs`), then upload the file again.";

/**
 * One heartbeat: one statement on the pool (lib/sql/queries/import-run-heartbeat.ts), not Prisma's updateMany.
 * On a 250,000-row column-mapped preview (the bench) Prisma's heartbeat write failed with "Unknown
 * transaction status" (its transaction manager), left its connection idle in a transaction it had
 * begun, and the import never finished. Seen twice, not reproduced at will.
 */
export function writeHeartbeat(runId: string): Promise<unknown> {
  return importRunHeartbeat(runId);
}

/**
 * Refreshes a run's heartbeat every `everyMs` until the returned function is called. The timer is
 * unref'd (it never keeps a command alive), a write still in flight is not doubled, and a failed
 * write is logged once and retried at the next tick: it must never stop the import.
 */
export function startHeartbeat(runId: string, everyMs = HEARTBEAT_MS, write: (runId: string) => Promise<unknown> = writeHeartbeat): () => void {
  let inFlight = false;
  let warned = false;
  const timer = setInterval(() => {
    if (inFlight) return;
    inFlight = true;
    write(runId)
      .catch((e: unknown) => {
        if (!warned) console.error(`import run ${runId}: could not record its heartbeat (the import goes on):`, e instanceof Error ? e.message : e);
        warned = true;
      })
      .finally(() => {
        inFlight = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Marks every "running" run whose heartbeat (or startedAt, when it has none: runs from before
 * heartbeats) is older than STALE_AFTER_MS at `now` as "interrupted", with finishedAt and an error
 * saying nothing was written. Returns the ids it marked. Safe to call from several processes at
 * once: each row changes only while it is still "running" and stale.
 */
export async function markInterruptedRuns(now: Date = new Date()): Promise<string[]> {
  const cutoff = new Date(now.getTime() - STALE_AFTER_MS);
  const stale: Prisma.ImportRunWhereInput = {
    status: "running",
    OR: [{ heartbeatAt: { lt: cutoff } }, { heartbeatAt: null, startedAt: { lt: cutoff } }],
  };
  const runs = await db().importRun.findMany({ where: stale, select: { id: true, fileName: true } });
  const marked: string[] = [];
  for (const run of runs) {
    const error: RowError = { file: run.fileName, line: 0, column: null, value: null, message: INTERRUPTED_MESSAGE };
    const { count } = await db().importRun.updateMany({
      where: { id: run.id, ...stale },
      data: { status: "interrupted", finishedAt: now, errors: { errors: [error], warnings: [], errorTotal: 1 } as unknown as Prisma.InputJsonValue },
    });
    if (count > 0) marked.push(run.id);
  }
  // Uploads queued too long without a job runner (QUEUED_EXPIRES_MS): failed, with the report the
  // page shows (`result`, as lib/imports/queue.ts writes it for a run that ran).
  const expiredBefore = new Date(now.getTime() - QUEUED_EXPIRES_MS);
  const queued = await db().importRun.findMany({
    where: { status: "queued", startedAt: { lt: expiredBefore } },
    select: { id: true, kind: true, fileName: true, dryRun: true, partial: true },
  });
  for (const run of queued) {
    const error: RowError = { file: run.fileName, line: 0, column: null, value: null, message: EXPIRED_MESSAGE };
    // A failed dry run "would fail" (lib/imports/run.ts resultOf).
    const result = {
      kind: run.kind,
      status: "failed",
      dryRun: run.dryRun,
      partial: run.partial,
      rows: 0,
      counts: emptyCounts(),
      errors: [error],
      warnings: [],
      errorTotal: 1,
      runId: run.id,
      wouldFail: run.dryRun,
    };
    const { count } = await db().importRun.updateMany({
      where: { id: run.id, status: "queued" },
      data: { status: "failed", finishedAt: now, errors: { errors: [error], warnings: [], errorTotal: 1 } as unknown as Prisma.InputJsonValue, result: JSON.stringify(result) },
    });
    if (count > 0) marked.push(run.id);
  }
  // A queued upload's stored file goes with its run (lib/imports/queue.ts; the host that ran it died).
  if (marked.length > 0) await db().importUpload.deleteMany({ where: { runId: { in: marked } } });
  return marked;
}
