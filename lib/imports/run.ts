import "server-only";
import path from "node:path";
import { db } from "@/lib/db";
import { assertCan, type Viewer } from "@/lib/access";
import { openSource, sha256File, type Source } from "@/lib/imports/source";
import { ImportFileError, emptyCounts, type ImportKind, type ImportOptions, type ImportReport } from "@/lib/imports/report";
import { errorTotal, finishRun, type ImportContext } from "@/lib/imports/record";
import { markInterruptedRuns, startHeartbeat } from "@/lib/imports/interrupted";
import { importOneRoster } from "@/lib/imports/oneroster";
import { importDistrictExtract } from "@/lib/imports/extract";
import { importProviderProgress } from "@/lib/imports/progress";
import { withMapping } from "@/lib/imports/mapping/run";
import { importGradebook } from "@/lib/imports/gradebook";
import { importCatalog } from "@/lib/imports/catalog";
import { importActivity } from "@/lib/imports/activity";

// The one entry point of every import (CLI and page): open the input, record the run, import.

const importers: Record<ImportKind, (ctx: ImportContext) => Promise<ImportReport>> = {
  oneroster: importOneRoster,
  students: importDistrictExtract,
  progress: withMapping(importProviderProgress),
  gradebook: importGradebook,
  catalog: importCatalog,
  activity: importActivity,
};

/**
 * `errorTotal`: every error found (the report keeps the first 1,000). `wouldFail`: a preview whose
 * errors mean the import itself would write nothing (any error without partial, or a file that
 * cannot be read at all).
 */
export type RunResult = ImportReport & { runId: string; errorTotal: number; wouldFail: boolean };

/**
 * viewer null = the command line (the operator runs it on the server). `claimedRunId`: the run of a
 * queued upload that this process's queue took (lib/imports/queue.ts), recorded on that row instead
 * of a new one.
 */
export async function runImport(viewer: Viewer | null, kind: ImportKind, input: string, opts: ImportOptions = {}, displayName?: string, claimedRunId?: string): Promise<RunResult> {
  if (viewer) assertCan(viewer, "imports.manage");
  // Runs whose process died are settled before a new one starts (their rows say "interrupted").
  await markInterruptedRuns().catch((e: unknown) => console.error("could not mark interrupted import runs:", e));
  let source: Source;
  try {
    source = await openSource(input, displayName);
  } catch (e) {
    if (!(e instanceof ImportFileError)) throw e;
    return recordUnreadable(viewer, kind, input, opts, displayName ?? path.basename(input), e, claimedRunId);
  }
  let run: { id: string };
  try {
    run = await startRun(viewer, kind, opts, source.name, source.checksum, claimedRunId);
  } catch (e) {
    await source.cleanup(); // an unzipped set can be 2 GB: never left behind
    throw e;
  }
  const stopHeartbeat = startHeartbeat(run.id);
  const ctx: ImportContext = { viewer, source, opts, runId: run.id };
  try {
    const report = await importers[kind](ctx);
    opts.onProgress?.({ phase: "done", done: 1, total: 1 });
    return resultOf(report, run.id);
  } catch (e) {
    const report = failedReport(
      kind,
      opts,
      e instanceof ImportFileError
        ? e.errors
        : [{ file: source.name, line: 0, column: null, value: null, message: "The import stopped on an unexpected error; nothing was written." }],
    );
    await finishRun(db(), run.id, report);
    if (!(e instanceof ImportFileError)) throw e;
    return resultOf(report, run.id);
  } finally {
    stopHeartbeat();
    await source.cleanup();
  }
}

function failedReport(kind: ImportKind, opts: ImportOptions, errors: ImportReport["errors"]): ImportReport {
  return { kind, status: "failed", dryRun: !!opts.dryRun, partial: !!opts.partial, rows: 0, counts: emptyCounts(), errors, errorTotal: errors.length, warnings: [] };
}

/** A report as the page shows it, with its run's id. */
export function resultOf(report: ImportReport, runId: string): RunResult {
  const total = errorTotal(report);
  const wouldFail = report.dryRun && total > 0 && (!report.partial || report.status === "failed");
  return { ...report, runId, errorTotal: total, wouldFail };
}

/**
 * The input could not even be opened (e.g. a damaged zip): recorded as a failed run like any other
 * refused file. Checksum: the sha256 of the file as given, "" for a folder or an unreadable file.
 */
async function recordUnreadable(
  viewer: Viewer | null,
  kind: ImportKind,
  input: string,
  opts: ImportOptions,
  fileName: string,
  e: ImportFileError,
  claimedRunId?: string,
): Promise<RunResult> {
  const checksum = await sha256File(input).catch(() => "");
  const run = await startRun(viewer, kind, opts, fileName, checksum, claimedRunId);
  const report = failedReport(kind, opts, e.errors);
  await finishRun(db(), run.id, report);
  return resultOf(report, run.id);
}

/** The run's row, "running": a new one, or the claimed queued one with its file's name and checksum. */
async function startRun(viewer: Viewer | null, kind: ImportKind, opts: ImportOptions, fileName: string, checksum: string, claimedRunId?: string): Promise<{ id: string }> {
  if (claimedRunId) {
    // Only while it is still this process's: a run marked interrupted meanwhile stays so.
    const { count } = await db().importRun.updateMany({ where: { id: claimedRunId, status: "running" }, data: { fileName, checksum, heartbeatAt: new Date() } });
    if (count === 0) throw new Error(`import run ${claimedRunId} is no longer running (marked interrupted?)`);
    return { id: claimedRunId };
  }
  return db().importRun.create({
    data: {
      kind,
      fileName,
      checksum,
      dryRun: !!opts.dryRun,
      partial: !!opts.partial,
      status: "running",
      heartbeatAt: new Date(),
      userId: viewer?.id ?? null,
      source: opts.source ?? null,
    },
    select: { id: true },
  });
}
