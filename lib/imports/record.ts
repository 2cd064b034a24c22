import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db, type Db, type Tx } from "@/lib/db";
import type { Viewer } from "@/lib/access";
import { recordAudit } from "@/lib/audit";
import { importRunCapture } from "@/lib/sql/queries/import-run-capture";
import type { Source } from "@/lib/imports/source";
import type { ErrorList, ImportKind, ImportOptions, ImportReport } from "@/lib/imports/report";

// Recording an import run (ImportRun: who, when, file, checksum, counts, errors) and committing
// its writes: the data, the run's final state and the audit event in ONE transaction, so a run
// killed mid-way leaves nothing but its "running" ImportRun row (marked "interrupted" once its
// heartbeat is stale: lib/imports/interrupted.ts).

export type ImportContext = { viewer: Viewer | null; source: Source; opts: ImportOptions; runId: string };

const TX = { timeout: 30 * 60_000, maxWait: 60_000 };

export function outcome(errors: ErrorList, opts: ImportOptions): ImportReport["status"] {
  if (opts.dryRun) return "dry-run";
  if (errors.total === 0) return "succeeded";
  return opts.partial ? "partial" : "failed";
}

export function buildReport(kind: ImportKind, opts: ImportOptions, rows: number, counts: ImportReport["counts"], errors: ErrorList, warnings: ErrorList): ImportReport {
  return {
    kind,
    status: outcome(errors, opts),
    dryRun: !!opts.dryRun,
    partial: !!opts.partial,
    rows,
    counts,
    errors: errors.items,
    warnings: warnings.items,
    errorTotal: errors.total,
  };
}

/** Every error of a report, including those past the MAX_REPORTED it keeps. */
export function errorTotal(report: ImportReport): number {
  return Math.max(report.errorTotal, report.errors.length);
}

export async function finishRun(client: Db | Tx, runId: string, report: ImportReport, fingerprint?: string): Promise<void> {
  await client.importRun.update({
    where: { id: runId },
    data: {
      status: report.status,
      finishedAt: new Date(),
      counts: { ...report.counts, rows: report.rows, ...(fingerprint ? { fingerprint } : {}) } as unknown as Prisma.InputJsonValue,
      errors: { errors: report.errors, warnings: report.warnings, errorTotal: errorTotal(report) } as unknown as Prisma.InputJsonValue,
    },
  });
}

/** Write a report's changes (unless it is a dry run or failed) and record the run. */
export async function commitImport(ctx: ImportContext, report: ImportReport, write: (tx: Tx) => Promise<void>, fingerprint?: (tx: Tx) => Promise<string>): Promise<ImportReport> {
  if (report.status === "dry-run" || report.status === "failed") {
    await finishRun(db(), ctx.runId, report);
    return report;
  }
  await db().$transaction(async (tx) => {
    // The capture triggers (migration 20261201180000_import_changes) copy every row this
    // transaction writes into ImportChange under the run's id: what the run changed, and how to
    // revert it (lib/imports/revert.ts). `true`: for this transaction only.
    await importRunCapture(tx, ctx.runId);
    await write(tx);
    await finishRun(tx, ctx.runId, report, report.status === "succeeded" ? await fingerprint?.(tx) : undefined);
    await recordAudit(
      ctx.viewer,
      { action: `import.${report.kind}`, entity: "ImportRun", entityId: ctx.runId, details: { counts: report.counts, file: ctx.source.name } as unknown as Prisma.InputJsonValue },
      tx,
    );
  }, TX);
  return report;
}
