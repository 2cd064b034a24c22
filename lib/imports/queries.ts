import "server-only";
import { db } from "@/lib/db";
import { assertCan, assertLookupId, NotFoundError, type Viewer } from "@/lib/access";
import type { RowError } from "@/lib/imports/report";
import type { Prisma } from "@/lib/generated/prisma/client";

// Import history: district administrators only (POLICY "imports.manage"; anyone else is refused).

function assertDistrictAdmin(viewer: Viewer): void {
  assertCan(viewer, "imports.manage");
}

/** What a run's listing and its page show (its errors are read to be counted, not shown). */
const RUN = {
  id: true,
  kind: true,
  fileName: true,
  checksum: true,
  dryRun: true,
  partial: true,
  status: true,
  startedAt: true,
  finishedAt: true,
  counts: true,
  errors: true,
  source: true,
  revertedAt: true,
  user: { select: { name: true } },
} satisfies Prisma.ImportRunSelect;

type StoredErrors = { errors?: RowError[]; warnings?: RowError[]; errorTotal?: number } | null;

/** The run without its stored errors, with their counts (errorTotal: every error, not only those listed). */
function withCounts<T extends { errors: unknown }>({ errors, ...run }: T) {
  const e = errors as StoredErrors;
  return { ...run, errorCount: e?.errorTotal ?? e?.errors?.length ?? 0, warningCount: e?.warnings?.length ?? 0 };
}

export async function listImportRuns(viewer: Viewer, take = 50) {
  assertDistrictAdmin(viewer);
  const runs = await db().importRun.findMany({ orderBy: { startedAt: "desc" }, take, select: RUN });
  return runs.map(withCounts);
}

export async function getImportRunErrors(viewer: Viewer, id: string): Promise<{ fileName: string; errors: RowError[]; warnings: RowError[] }> {
  assertDistrictAdmin(viewer);
  assertLookupId(id, "Import");
  const run = await db().importRun.findUnique({ where: { id }, select: { fileName: true, errors: true } });
  if (!run) throw new NotFoundError("Import");
  const e = run.errors as StoredErrors;
  return { fileName: run.fileName, errors: e?.errors ?? [], warnings: e?.warnings ?? [] };
}

/** One run, for its page: the run, who started and who reverted it, and its error counts. */
export async function getImportRun(viewer: Viewer, id: string) {
  assertDistrictAdmin(viewer);
  assertLookupId(id, "Import");
  const run = await db().importRun.findUnique({ where: { id }, select: { ...RUN, revertedById: true } });
  if (!run) throw new NotFoundError("Import");
  const revertedBy = run.revertedById ? await db().user.findUnique({ where: { id: run.revertedById }, select: { name: true } }) : null;
  return { ...withCounts(run), revertedBy: revertedBy?.name ?? null };
}
