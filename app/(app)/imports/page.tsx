import type { Metadata } from "next";
import { Table, Td, Th } from "@/components/ui/table";
import Link from "next/link";
import { requirePage } from "@/lib/audit/refuse";
import { getViewer } from "@/lib/auth";
import { listImportRuns } from "@/lib/imports/queries";
import { markInterruptedRuns } from "@/lib/imports/interrupted";
import { ImportForm } from "@/components/imports/import-form";
import { formatMoment } from "@/lib/calendar";
import type { EntityCounts } from "@/lib/imports/report";
import { countLabel } from "@/lib/imports/table-labels";
import { landingFailures } from "@/lib/imports/staleness";
import { landingConfig } from "@/lib/imports/landing/settings";

export const metadata: Metadata = { title: "Imports" };

function summary(counts: unknown): string {
  if (!counts || typeof counts !== "object") return "";
  return (Object.entries(counts) as [string, EntityCounts | number][])
    .filter((e): e is [string, EntityCounts] => typeof e[1] === "object" && e[1] !== null)
    .filter(([, c]) => c.created || c.updated || c.deleted)
    .map(([k, c]) => `${countLabel(k)}: +${c.created} ~${c.updated} −${c.deleted}`)
    .join("; ");
}

const STATUS_LABEL: Record<string, string> = {
  queued: "queued — waiting for a job runner",
  running: "running",
  interrupted: "interrupted — the process stopped; nothing written",
  succeeded: "succeeded",
  failed: "failed — nothing written",
  "dry-run": "preview only",
  partial: "partial — valid rows written",
};
const STATUS_CLASS: Record<string, string> = { interrupted: "font-semibold text-amber-900", failed: "text-red-800" };

export default async function ImportsPage({ searchParams }: { searchParams: Promise<{ kind?: string | string[] }> }) {
  const viewer = await getViewer();
  await requirePage(viewer, "imports.manage", "/imports");
  // A run whose process died shows as "interrupted", not "running" forever (issue #15).
  await markInterruptedRuns();
  const [runs, { kind }, landing, failures] = await Promise.all([listImportRuns(viewer), searchParams, landingConfig(), landingFailures()]);
  return (
    <>
      <h1 className="text-2xl font-bold">Imports</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        Upload the SIS roster (OneRoster 1.1 or 1.2, .zip or folder export), the district student extract, the catalog of online courses (load it before any progress file), or a
        provider&apos;s progress file. Preview first: a file with any invalid row writes nothing unless you choose to write the valid rows. Formats: lib/imports/FORMATS.md in the
        CreditTrack repository.
      </p>
      <p className="mt-2 text-sm">
        A provider&apos;s own gradebook export?{" "}
        <Link className="text-blue-800 underline" href="/imports/mappings">
          Map its columns once
        </Link>
        : later files of that shape import as provider progress.
      </p>
      <ImportForm initialKind={typeof kind === "string" ? kind : undefined} />
      <section className="mt-8" aria-labelledby="landing">
        <h2 id="landing" className="text-lg font-semibold">
          Landing folder
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          {landing.folder ? (
            <>
              The server looks at <code>{landing.folder}</code> every{" "}
              {landing.intervalSeconds % 60 === 0 ? `${landing.intervalSeconds / 60} minutes` : `${landing.intervalSeconds} seconds`} and imports each new file it recognises;
              imported files move to <code>processed/</code>, refused ones to <code>failed/</code>, each with its report, and are deleted after {landing.retentionDays} days.
            </>
          ) : (
            <>Off: no landing folder is set.</>
          )}{" "}
          <Link href="/settings" className="text-blue-800 underline">
            Settings
          </Link>{" "}
          changes it.
        </p>
        {failures.length > 0 && (
          <div className="mt-2 overflow-x-auto rounded border border-slate-200 bg-white">
            <Table captionClassName="px-3 py-2 text-left font-semibold" caption="Last files the landing folder could not import">
              <thead>
                <tr>
                  <Th>When</Th>
                  <Th>File</Th>
                  <Th>Filed as</Th>
                  <Th>Why</Th>
                </tr>
              </thead>
              <tbody>
                {failures.map((f) => (
                  <tr key={f.id}>
                    <Td className="tabular-nums">
                      <time dateTime={f.createdAt.toISOString()}>{formatMoment(f.createdAt)}</time>
                    </Td>
                    <Td>{f.fileName}</Td>
                    <Td className="font-mono text-xs">{f.filedAs}</Td>
                    <Td>{f.reason}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
        )}
      </section>
      <section className="mt-8" aria-labelledby="exports">
        <h2 id="exports" className="text-lg font-semibold">
          Exports
        </h2>
        <ul className="mt-2 flex flex-wrap gap-4 text-sm">
          <li>
            <a className="text-blue-800 underline" href="/api/exports/students">
              Students with status and credits (CSV)
            </a>
          </li>
          <li>
            <a className="text-blue-800 underline" href="/api/exports/enrollments">
              Online enrollments with results (CSV)
            </a>
          </li>
        </ul>
      </section>
      <section className="mt-8" aria-labelledby="history">
        <h2 id="history" className="text-lg font-semibold">
          History
        </h2>
        <div className="mt-2 overflow-x-auto rounded border border-slate-200 bg-white">
          <Table caption="Import runs, newest first">
            <thead>
              <tr>
                <Th>Started</Th>
                <Th>By</Th>
                <Th>Kind</Th>
                <Th>File</Th>
                <Th>Outcome</Th>
                <Th>Changes</Th>
                <Th>Errors</Th>
              </tr>
            </thead>
            <tbody>
              {runs.length === 0 && (
                <tr>
                  <Td colSpan={7} className="py-3 text-slate-600">
                    No imports yet.
                  </Td>
                </tr>
              )}
              {runs.map((r) => (
                <tr key={r.id}>
                  <Td className="tabular-nums">
                    <time dateTime={r.startedAt.toISOString()}>{formatMoment(r.startedAt)}</time>
                  </Td>
                  <Td>{r.user?.name ?? (r.source === "landing" ? "landing folder" : "command line")}</Td>
                  <Td>{r.kind}</Td>
                  <Td>
                    <Link className="text-blue-800 underline" href={`/imports/${r.id}`}>
                      {r.fileName}
                    </Link>
                    <span className="block font-mono text-xs text-slate-500" title={`sha256 ${r.checksum}`}>
                      {r.checksum.slice(0, 12)}…
                    </span>
                  </Td>
                  <Td className={`${STATUS_CLASS[r.status] ?? ""}`}>
                    {STATUS_LABEL[r.status] ?? r.status}
                    {r.revertedAt && (
                      <span className="block font-semibold text-amber-900">
                        reverted <time dateTime={r.revertedAt.toISOString()}>{formatMoment(r.revertedAt)}</time>
                      </span>
                    )}
                  </Td>
                  <Td className="text-xs">{summary(r.counts) || "no changes"}</Td>
                  <Td>
                    {r.errorCount + r.warningCount > 0 ? (
                      <a className="text-blue-800 underline" href={`/api/imports/${r.id}/errors`}>
                        {r.errorCount} errors, {r.warningCount} warnings (CSV)
                      </a>
                    ) : (
                      "none"
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      </section>
    </>
  );
}
