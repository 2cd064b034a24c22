import "server-only";
import { db } from "@/lib/db";
import { ForbiddenError, type Viewer } from "@/lib/access";
import { openSource } from "@/lib/imports/source";
import { ImportFileError, emptyCounts, type ImportKind, type ImportOptions, type ImportReport } from "@/lib/imports/report";
import { finishRun, type ImportContext } from "@/lib/imports/record";
import { importOneRoster } from "@/lib/imports/oneroster";
import { importDistrictExtract } from "@/lib/imports/extract";
import { importProviderProgress } from "@/lib/imports/progress";
import { importCatalog } from "@/lib/imports/catalog";

// The one entry point of every import (CLI and page): open the input, record the run, import.

const importers: Record<ImportKind, (ctx: ImportContext) => Promise<ImportReport>> = {
  oneroster: importOneRoster,
  students: importDistrictExtract,
  progress: importProviderProgress,
  catalog: importCatalog,
};

export type RunResult = ImportReport & { runId: string };

/** viewer null = the command line (the operator runs it on the server). */
export async function runImport(viewer: Viewer | null, kind: ImportKind, input: string, opts: ImportOptions = {}, displayName?: string): Promise<RunResult> {
  if (viewer && viewer.role !== "DISTRICT_ADMIN") throw new ForbiddenError("Only district administrators can import data.");
  const source = await openSource(input, displayName);
  const run = await db().importRun.create({
    data: { kind, fileName: source.name, checksum: source.checksum, dryRun: !!opts.dryRun, partial: !!opts.partial, status: "running", userId: viewer?.id ?? null },
  });
  const ctx: ImportContext = { viewer, source, opts, runId: run.id };
  try {
    const report = await importers[kind](ctx);
    opts.onProgress?.({ phase: "done", done: 1, total: 1 });
    return { ...report, runId: run.id };
  } catch (e) {
    const errors = e instanceof ImportFileError ? e.errors : [{ file: source.name, line: 0, column: null, value: null, message: "The import stopped on an unexpected error; nothing was written." }];
    const report: ImportReport = { kind, status: "failed", dryRun: !!opts.dryRun, partial: !!opts.partial, rows: 0, counts: emptyCounts(), errors, warnings: [] };
    await finishRun(db(), run.id, report);
    if (!(e instanceof ImportFileError)) throw e;
    return { ...report, runId: run.id };
  } finally {
    await source.cleanup();
  }
}
