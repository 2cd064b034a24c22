import "server-only";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { can, type Viewer } from "@/lib/access";
import { runImport, resultOf, type RunResult } from "@/lib/imports/run";
import { finishRun } from "@/lib/imports/record";
import { EXPIRED_MESSAGE, QUEUED_EXPIRES_MS, startHeartbeat } from "@/lib/imports/interrupted";
import { uploadFileName } from "@/lib/imports/upload";
import { emptyCounts, type ImportKind, type ImportReport, type Progress, type RowError } from "@/lib/imports/report";
import type { ImportRequest } from "@/lib/imports/schema";
import { claimedImportRun } from "@/lib/sql/queries/claimed-import-run";
import { importRunProgress } from "@/lib/sql/queries/import-run-progress";
import { storedUploadPiece } from "@/lib/sql/queries/stored-upload-piece";
import { uploadPiece } from "@/lib/sql/queries/upload-piece";

// Imports from the Imports page run on the job runner, not in the HTTP request (issue #19), so that
// any host can run an upload another host received and a web host can leave imports to a host of
// their own (JOBS=off, `npm run jobs`):
// - The host that receives the upload stores the file in PostgreSQL (ImportUpload, pieces of 4 MB)
//   with its run "queued", in one transaction, and removes its temporary copy.
// - Every process that runs jobs (instrumentation.ts, `npm run jobs`) runs an ImportQueue: it takes
//   the oldest queued run with one conditional UPDATE over FOR UPDATE SKIP LOCKED (two hosts never
//   take the same run), writes the pieces to a private temporary folder and deletes them, and
//   imports the file as the page's import always did (lib/imports/run.ts: the same run row,
//   heartbeat, one transaction). It looks every second, and at once when its own process queued
//   the upload.
// - The run's progress is written to its row (throttled to one write per PROGRESS_EVERY_MS) and the
//   report is the finished row itself, so the host answering the browser reads both from the
//   database (app/api/imports/handle.ts).
// - A host that dies while importing leaves the run "running" with a stale heartbeat: it is marked
//   "interrupted" as before (nothing was written). A queued run waits for a runner, and says so; one
//   no runner took within QUEUED_EXPIRES_MS (a day) is failed, not imported, and its file deleted
//   (lib/imports/interrupted.ts markInterruptedRuns, or the runner that claims it late).

/** Pieces of an upload: small enough for one statement's parameter, large enough to be few. */
export const UPLOAD_PIECE_BYTES = 4 * 1024 * 1024;
/** How often a running upload's progress is written to its row. */
export const PROGRESS_EVERY_MS = 400;

const UPLOAD_TX = { timeout: 10 * 60_000, maxWait: 60_000 };

/**
 * Stores an uploaded file (already received whole in `file`, its size checked) and queues its run.
 * One transaction: a run is never queued without its whole file. Returns the run's id.
 */
export async function queueImport(viewer: Viewer, input: ImportRequest, file: string, pieceBytes = UPLOAD_PIECE_BYTES): Promise<string> {
  return db().$transaction(async (tx) => {
    const run = await tx.importRun.create({
      data: {
        kind: input.kind,
        fileName: input.name,
        checksum: "",
        dryRun: input.dryRun,
        partial: input.partial,
        status: "queued",
        userId: viewer.id,
        options: { createEnrollments: input.createEnrollments },
      },
      select: { id: true },
    });
    const fh = await fs.promises.open(file, "r");
    try {
      const buf = Buffer.alloc(pieceBytes);
      for (let seq = 0; ; seq++) {
        const { bytesRead } = await fh.read(buf, 0, buf.length, null);
        if (bytesRead === 0) break;
        await storedUploadPiece(tx, run.id, seq, buf.subarray(0, bytesRead));
      }
    } finally {
      await fh.close();
    }
    return run.id;
  }, UPLOAD_TX);
}

type ClaimedRun = NonNullable<Awaited<ReturnType<typeof claimedImportRun>>>;

/**
 * Takes the oldest queued upload, if any, and runs it to its end. Returns its run id, or null when
 * nothing was queued. Never throws for the import's own failure: that is recorded on the run.
 */
export async function runNextQueuedImport(): Promise<string | null> {
  const run = await claimedImportRun();
  if (!run) return null;
  // From the claim on: copying the file and opening it (a 2 GB unzip) happen before runImport's own
  // heartbeat starts, and a run without one for STALE_AFTER_MS is taken for dead.
  const stopHeartbeat = startHeartbeat(run.id);
  let dir: string | null = null;
  let result: RunResult | null = null;
  try {
    dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "ct-queued-"));
    result = await runClaimed(run, dir);
  } catch (e) {
    // runImport records an unexpected error on the run before it rethrows; anything before it (the
    // pieces could not be read) is recorded here, so no run stays "running" for a live process.
    console.error(`import run ${run.id} failed:`, e);
    await failRun(run, "The import stopped on an unexpected error; nothing was written.").catch((f: unknown) => console.error(f));
  } finally {
    stopHeartbeat();
    if (dir) await fs.promises.rm(dir, { recursive: true, force: true });
    await db()
      .importUpload.deleteMany({ where: { runId: run.id } })
      .catch((e: unknown) => console.error(`import run ${run.id}: could not delete its stored upload:`, e));
    // Last: the report the browser is shown, which is what says "finished" to the host answering it
    // (an importer may still write to its run after finishRun: the column mapping's warnings).
    await writeResult(run.id, result).catch((e: unknown) => console.error(`import run ${run.id}: could not record its report:`, e));
  }
  return run.id;
}

async function writeResult(runId: string, result: RunResult | null): Promise<void> {
  let report = result;
  if (!report) {
    const row = await db().importRun.findUniqueOrThrow({ where: { id: runId }, select: RUN_ROW });
    if (row.status === "running" || row.status === "queued") return; // settled by markInterruptedRuns
    report = reportOfRun(row);
  }
  await db().importRun.update({ where: { id: runId }, data: { result: JSON.stringify(report) } });
}

async function runClaimed(run: ClaimedRun, dir: string): Promise<RunResult | null> {
  // Queued too long (no runner took it before this one): not imported (QUEUED_EXPIRES_MS).
  if (Date.now() - new Date(run.startedAt).getTime() > QUEUED_EXPIRES_MS) {
    await failRun(run, EXPIRED_MESSAGE);
    return null;
  }
  const user = run.userId
    ? await db().user.findUnique({ where: { id: run.userId }, select: { id: true, name: true, email: true, role: true, schoolId: true, active: true } })
    : null;
  const viewer: Viewer | null = user?.active ? { id: user.id, name: user.name, email: user.email, role: user.role, schoolId: user.schoolId } : null;
  // Checked again when it runs: an administrator deactivated or demoted since the upload imports nothing.
  if (!viewer || !can(viewer, "imports.manage")) {
    await failRun(run, "The person who uploaded the file can no longer run imports; nothing was written.");
    return null;
  }
  const file = path.join(dir, uploadFileName(run.fileName));
  const out = await fs.promises.open(file, "wx", 0o600);
  try {
    const pieces = await db().importUpload.findMany({ where: { runId: run.id }, select: { seq: true }, orderBy: { seq: "asc" } });
    for (const { seq } of pieces) {
      const piece = await uploadPiece(run.id, seq);
      if (!piece) throw new Error(`piece ${seq} of the upload is gone`);
      await out.write(piece);
    }
  } finally {
    await out.close();
  }
  // The file is this host's now: no other host will run it (a host that dies leaves the run to be
  // marked "interrupted", and the district uploads again), so its stored copy goes at once.
  await db().importUpload.deleteMany({ where: { runId: run.id } });
  const options = (run.options ?? {}) as { createEnrollments?: boolean };
  const progress = progressWriter(run.id);
  try {
    return await runImport(
      viewer,
      run.kind as ImportKind,
      file,
      { dryRun: run.dryRun, partial: run.partial, createEnrollments: !!options.createEnrollments, onProgress: progress.report },
      run.fileName,
      run.id,
    );
  } finally {
    progress.stop();
  }
}

/** Throttled progress writes: at most one in flight, the latest one wins, "done" never dropped. */
function progressWriter(runId: string) {
  let last = 0;
  let inFlight = false;
  let stopped = false;
  let warned = false;
  const write = (p: Progress) => {
    inFlight = true;
    importRunProgress(runId, p)
      .catch((e: unknown) => {
        if (!warned) console.error(`import run ${runId}: could not record its progress (the import goes on):`, e instanceof Error ? e.message : e);
        warned = true;
      })
      .finally(() => {
        inFlight = false;
      });
  };
  return {
    report: (p: Progress) => {
      const now = Date.now();
      if (stopped || inFlight || now - last < PROGRESS_EVERY_MS) return;
      last = now;
      write(p);
    },
    stop: () => {
      stopped = true;
    },
  };
}

async function failRun(run: ClaimedRun, message: string): Promise<void> {
  const errors: RowError[] = [{ file: run.fileName, line: 0, column: null, value: null, message }];
  const report: ImportReport = {
    kind: run.kind as ImportKind,
    status: "failed",
    dryRun: run.dryRun,
    partial: run.partial,
    rows: 0,
    counts: emptyCounts(),
    errors,
    errorTotal: 1,
    warnings: [],
  };
  // Only a run still "running": one runImport already settled keeps its own outcome.
  const still = await db().importRun.count({ where: { id: run.id, status: "running" } });
  if (still) await finishRun(db(), run.id, report);
}

/** What the browser is told of a queued upload: waiting, running (with its progress), or its report. */
export type QueuedState = { state: "queued" } | { state: "running"; progress: Progress | null } | { state: "done"; report: RunResult } | { state: "gone" };

/** How long a finished run may go without its report before the row's record stands in for it. */
const RESULT_GRACE_MS = 30_000;

const RUN_ROW = { id: true, kind: true, status: true, dryRun: true, partial: true, counts: true, errors: true } as const;

/**
 * The state of a queued upload's run, read from its row (any host). Finished once the host that
 * ran it wrote its report (`result`), or once it was marked interrupted (its host died).
 */
export async function queuedState(runId: string): Promise<QueuedState> {
  const run = await db().importRun.findUnique({ where: { id: runId }, select: { ...RUN_ROW, progress: true, result: true, finishedAt: true } });
  if (!run) return { state: "gone" };
  if (run.result) return { state: "done", report: JSON.parse(run.result) as RunResult };
  if (run.status === "interrupted") return { state: "done", report: reportOfRun(run) };
  // Finished, and its host died before writing the report: the row's own record is the report.
  if (run.finishedAt && Date.now() - run.finishedAt.getTime() > RESULT_GRACE_MS) return { state: "done", report: reportOfRun(run) };
  if (run.status === "queued") return { state: "queued" };
  return { state: "running", progress: (run.progress as Progress | null) ?? null };
}

type RunRow = { id: string; kind: string; status: string; dryRun: boolean; partial: boolean; counts: Prisma.JsonValue; errors: Prisma.JsonValue };

/** A finished run's report as the page shows it, rebuilt from its row (lib/imports/record.ts finishRun). */
export function reportOfRun(run: RunRow): RunResult {
  const stored = (run.counts ?? {}) as Record<string, unknown>;
  const counts = Object.fromEntries(Object.entries(stored).filter(([, v]) => typeof v === "object" && v !== null)) as ImportReport["counts"];
  const e = (run.errors ?? {}) as { errors?: RowError[]; warnings?: RowError[]; errorTotal?: number };
  const errors = e.errors ?? [];
  const report: ImportReport = {
    kind: run.kind as ImportKind,
    // An interrupted run wrote nothing: for the page it failed, with the interruption as its error.
    status: run.status === "succeeded" || run.status === "partial" || run.status === "dry-run" ? run.status : "failed",
    dryRun: run.dryRun,
    partial: run.partial,
    rows: typeof stored.rows === "number" ? stored.rows : 0,
    counts,
    errors,
    warnings: e.warnings ?? [],
    errorTotal: e.errorTotal ?? errors.length,
  };
  return resultOf(report, run.id);
}

/** One process's queue of uploads (started with the job runner: lib/jobs/index.ts; stopped by a server's drain). */
export class ImportQueue {
  private stopped = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;

  constructor(private pollMs = 1000) {}

  start(): void {
    this.stopped = false;
    this.loop ??= this.run().finally(() => {
      this.loop = null;
    });
  }

  /** Looks at once (this process just queued an upload). */
  kick(): void {
    this.wake?.();
  }

  /** Stops taking uploads; waits up to graceMs for the one running. */
  async stop(graceMs = 30_000): Promise<void> {
    this.stopped = true;
    this.kick();
    if (this.loop) await Promise.race([this.loop, new Promise((r) => setTimeout(r, graceMs).unref())]);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let ran = false;
      try {
        ran = (await runNextQueuedImport()) !== null;
      } catch (e) {
        console.error("Imports: could not take a queued upload:", e instanceof Error ? e.message : e);
      }
      if (ran || this.stopped) continue;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, this.pollMs);
        t.unref();
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = null;
    }
  }
}

const g = globalThis as unknown as { __creditTrackImportQueue?: ImportQueue };

/** Starts this process's queue once (the job runner's start). */
export function startImportQueue(pollMs?: number): ImportQueue {
  g.__creditTrackImportQueue ??= new ImportQueue(pollMs);
  g.__creditTrackImportQueue.start();
  return g.__creditTrackImportQueue;
}

export async function stopImportQueue(graceMs?: number): Promise<void> {
  const q = g.__creditTrackImportQueue;
  g.__creditTrackImportQueue = undefined;
  await q?.stop(graceMs);
}

/** Whether this process takes queued uploads; and a nudge to look now. */
export function kickImportQueue(): boolean {
  g.__creditTrackImportQueue?.kick();
  return !!g.__creditTrackImportQueue;
}
