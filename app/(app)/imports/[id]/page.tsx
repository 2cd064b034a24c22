import type { Metadata } from "next";
import { RowTh, Table, Td, Th } from "@/components/ui/table";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getViewer } from "@/lib/auth";
import { NotFoundError } from "@/lib/access";
import { requirePage } from "@/lib/audit/refuse";
import { getImportRun } from "@/lib/imports/queries";
import { runChanges } from "@/lib/imports/revert";
import { TABLE_LABELS } from "@/lib/imports/table-labels";
import { landingConfig } from "@/lib/imports/landing/settings";
import { formatMoment } from "@/lib/calendar";
import type { EntityCounts } from "@/lib/imports/report";
import { RevertPanel } from "@/components/imports/revert-panel";

export const metadata: Metadata = { title: "Import run" };

/** One import run: what its report counted, what it changed row by row, and reverting it. */
export default async function ImportRunPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await getViewer();
  await requirePage(viewer, "imports.manage", "/imports/[id]");
  const { id } = await params;
  let run: Awaited<ReturnType<typeof getImportRun>>;
  try {
    run = await getImportRun(viewer, id);
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  const [changes, { retentionDays }] = await Promise.all([runChanges(run.id), landingConfig()]);
  const counts = Object.entries((run.counts ?? {}) as Record<string, EntityCounts | number>).filter((e): e is [string, EntityCounts] => typeof e[1] === "object" && e[1] !== null);
  const deletedByRun = changes.reduce((n, c) => n + c.deleted, 0);
  const wrote = !run.dryRun && (run.status === "succeeded" || run.status === "partial");
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/imports" className="text-blue-800 underline">
          Imports
        </Link>{" "}
        / run
      </nav>
      <h1 className="text-2xl font-bold break-words">{run.fileName}</h1>
      <dl className="mt-2 grid max-w-3xl grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-semibold">Kind</dt>
        <dd>{run.kind}</dd>
        <dt className="font-semibold">Started</dt>
        <dd>
          <time dateTime={run.startedAt.toISOString()}>{formatMoment(run.startedAt)}</time> by{" "}
          {run.user?.name ?? (run.source === "landing" ? "the landing folder" : "the command line")}
        </dd>
        <dt className="font-semibold">Outcome</dt>
        <dd>
          {run.dryRun ? "preview only (nothing written)" : run.status}
          {run.errorCount + run.warningCount > 0 && (
            <>
              {" "}
              ·{" "}
              <a className="text-blue-800 underline" href={`/api/imports/${run.id}/errors`}>
                {run.errorCount} errors, {run.warningCount} warnings (CSV)
              </a>
            </>
          )}
        </dd>
        <dt className="font-semibold">File checksum</dt>
        <dd className="font-mono text-xs break-all">sha256 {run.checksum}</dd>
        {run.revertedAt && (
          <>
            <dt className="font-semibold">Reverted</dt>
            <dd className="font-semibold text-amber-900">
              <time dateTime={run.revertedAt.toISOString()}>{formatMoment(run.revertedAt)}</time> by {run.revertedBy ?? "the command line"}
            </dd>
          </>
        )}
      </dl>

      {/* The tables scroll sideways on a phone: keyboard-reachable regions (axe: scrollable-region-focusable). */}
      {counts.length > 0 && (
        <section className="mt-6" aria-labelledby="report">
          <h2 id="report" className="text-lg font-semibold">
            What the file held
          </h2>
          <div role="region" aria-label="What the file held" tabIndex={0} className="mt-2 overflow-x-auto rounded border border-slate-200 bg-white">
            <Table caption="The run's report, per kind of record">
              <thead>
                <tr>
                  {["Records", "Created", "Updated", "Deleted", "Unchanged", "Skipped"].map((h) => (
                    <Th key={h}>{h}</Th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {counts.map(([k, c]) => (
                  <tr key={k} className="tabular-nums">
                    <RowTh>{k}</RowTh>
                    <Td>{c.created}</Td>
                    <Td>{c.updated}</Td>
                    <Td>{c.deleted}</Td>
                    <Td>{c.unchanged}</Td>
                    <Td>{c.skipped}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
        </section>
      )}

      <section className="mt-6" aria-labelledby="changed">
        <h2 id="changed" className="text-lg font-semibold">
          Rows it changed in the database
        </h2>
        {changes.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">
            {wrote
              ? `None are kept: the run changed nothing, ran before changes were recorded, or is older than ${retentionDays} days (Settings).`
              : "None: the run wrote nothing."}
          </p>
        ) : (
          <div role="region" aria-label="Rows it changed in the database" tabIndex={0} className="mt-2 overflow-x-auto rounded border border-slate-200 bg-white">
            <Table caption="Rows the run inserted, updated and deleted, per table">
              <thead>
                <tr>
                  {["Records", "Inserted", "Updated", "Deleted"].map((h) => (
                    <Th key={h}>{h}</Th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {changes.map((c) => (
                  <tr key={c.table} className="tabular-nums">
                    <RowTh>{TABLE_LABELS[c.table] ?? c.table}</RowTh>
                    <Td>{c.inserted}</Td>
                    <Td>{c.updated}</Td>
                    <Td>{c.deleted}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
        )}
      </section>

      {run.revertedAt && (
        <p role="status" className="mt-6 max-w-3xl rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950">
          This run was reverted: what it created was deleted and what it updated was put back.
          {deletedByRun > 0 && ` The ${deletedByRun} ${deletedByRun === 1 ? "row" : "rows"} it deleted stay deleted: import the earlier file again to bring them back.`} The reason
          is in the{" "}
          <Link className="text-blue-800 underline" href="/audit">
            audit log
          </Link>
          . The file may be imported again.
        </p>
      )}
      {wrote && !run.revertedAt && changes.length > 0 && (
        <section className="mt-6 max-w-3xl" aria-labelledby="revert">
          <h2 id="revert" className="text-lg font-semibold">
            Revert this run
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Deletes what the run created and puts back what it updated, in one step, when nothing written since depends on it (a later import, a counselor&apos;s result or note).
            Rows it deleted are not put back: import the earlier file again for those. Its changes are kept {retentionDays} days.
          </p>
          <RevertPanel runId={run.id} />
        </section>
      )}
    </>
  );
}
