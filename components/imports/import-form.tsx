"use client";
import { startTransition, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import type { Progress } from "@/lib/imports/report";
import type { RunResult as Report } from "@/lib/imports/run";
import { countLabel } from "@/lib/imports/table-labels";
import { DataTable, TableFrame } from "@/components/ui/table";

// Upload → preview (dry run) → run. The file goes to POST /api/imports as the raw body; the answer
// streams progress lines, then the report. "Run import" runs what was previewed: changing the file
// or an option asks for a new preview, and a preview that would fail (any error, all-or-nothing)
// leaves it off; "Import the valid rows only" is then the way to write what is valid.
const KINDS = [
  ["oneroster", "OneRoster roster (.zip or .csv)"],
  ["students", "District student extract: students, status events, transcript, October 1 roll, course sequence, state test results (.csv or .zip)"],
  ["progress", "Provider progress (.csv)"],
  ["gradebook", "OneRoster gradebook: lineItems and results (.zip)"],
  ["catalog", "Catalog: providers, online courses and assessments (.csv)"],
  ["activity", "Activity and time on task: sessions or minutes per day (.csv)"],
] as const;

/** `initialKind`: the kind a link asked for (/imports?kind=students, from the Readiness page), when it is one of these. */
export function ImportForm({ initialKind }: { initialKind?: string } = {}) {
  const router = useRouter();
  const fileRef = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<string>(KINDS.some(([k]) => k === initialKind) ? initialKind! : "oneroster");
  const [partial, setPartial] = useState(false);
  const [createEnrollments, setCreateEnrollments] = useState(false);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  async function send(dryRun: boolean, writeValidRows = partial) {
    const file = fileRef.current?.files?.[0];
    if (!file) return setMessage("Choose a file first.");
    setBusy(true);
    setMessage(null);
    setProgress(null);
    if (dryRun) setReport(null);
    if (writeValidRows !== partial) setPartial(writeValidRows);
    let refreshed = false;
    const q = new URLSearchParams({ kind, name: file.name, dryRun: dryRun ? "1" : "0", partial: writeValidRows ? "1" : "0", createEnrollments: createEnrollments ? "1" : "0" });
    try {
      const res = await fetch(`/api/imports?${q}`, { method: "POST", body: file, headers: { "content-type": "application/octet-stream" } });
      if (!res.ok || !res.body) {
        const j = (await res.json().catch(() => ({}))) as { error?: string; fieldErrors?: Record<string, string[]> };
        setMessage([j.error ?? "The upload failed.", ...Object.values(j.fieldErrors ?? {}).flat()].join(" "));
        return;
      }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buf = "";
      let finished: Report | null = null;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += value;
        let nl: number;
        while ((nl = buf.indexOf("\n")) >= 0) {
          const msg = JSON.parse(buf.slice(0, nl)) as { type: string; report?: Report; message?: string } & Progress;
          buf = buf.slice(nl + 1);
          if (msg.type === "progress") setProgress(msg);
          else if (msg.type === "done") finished = msg.report!;
          else if (msg.type === "error") setMessage(msg.message ?? "The import failed.");
        }
      }
      // The report and the refreshed list of runs below appear in one commit, once the refresh has
      // arrived: never the report over a page half re-rendered (its title briefly gone, which axe saw).
      const report = finished;
      refreshed = true;
      startTransition(() => {
        if (report) setReport(report);
        setBusy(false);
        router.refresh();
      });
    } finally {
      if (!refreshed) setBusy(false);
    }
  }

  const blocked = report !== null && report.dryRun && report.wouldFail;
  const pct = progress && progress.total > 0 ? Math.min(100, Math.round((100 * progress.done) / progress.total)) : 0;
  return (
    <section aria-labelledby="upload" className="mt-4 rounded border border-slate-200 bg-white p-4">
      <h2 id="upload" className="text-lg font-semibold">
        Upload
      </h2>
      <div className="mt-3 grid gap-3 md:grid-cols-2">
        <label className="text-sm">
          <span className="block font-medium">What is the file?</span>
          <select
            value={kind}
            onChange={(e) => {
              setKind(e.target.value);
              setReport(null);
            }}
            className="mt-1 w-full rounded border border-slate-400 px-2 py-1"
          >
            {KINDS.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-medium">File (.zip or .csv)</span>
          <input ref={fileRef} name="file" type="file" accept=".zip,.csv,text/csv,application/zip" className="mt-1 w-full" onChange={() => setReport(null)} />
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={partial}
            onChange={(e) => {
              setPartial(e.target.checked);
              setReport(null);
            }}
          />
          Write the valid rows even if some rows are rejected
        </label>
        {kind === "progress" && (
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={createEnrollments}
              onChange={(e) => {
                setCreateEnrollments(e.target.checked);
                setReport(null);
              }}
            />
            Create the enrollment when a student has none in that course
          </label>
        )}
      </div>
      <div className="mt-4 flex gap-3">
        <button type="button" disabled={busy} onClick={() => send(true)} className="rounded border border-blue-800 px-4 py-1.5 font-semibold text-blue-800 disabled:opacity-50">
          Preview (dry run)
        </button>
        <button
          type="button"
          disabled={busy || !report || !report.dryRun || report.wouldFail}
          aria-describedby={blocked ? "run-blocked" : undefined}
          onClick={() => send(false)}
          className="rounded bg-blue-800 px-4 py-1.5 font-semibold text-white disabled:opacity-50"
        >
          Run import
        </button>
        {blocked && report.status === "dry-run" && (
          <button
            type="button"
            disabled={busy}
            onClick={() => send(false, true)}
            className="rounded border border-blue-800 px-4 py-1.5 font-semibold text-blue-800 disabled:opacity-50"
          >
            Import the valid rows only
          </button>
        )}
      </div>
      {blocked && (
        <p id="run-blocked" className="mt-2 text-sm text-slate-700">
          {report.status === "dry-run"
            ? `Run import is off: this file has ${errorCount(report)}, and a file with any error writes nothing. Fix the file and preview it again, or import the valid rows only (what the table below shows; the rejected rows are left out).`
            : "Run import is off: this file cannot be imported as it is (see the errors below). Fix it and preview it again."}
        </p>
      )}
      {busy && (
        <div className="mt-3 text-sm" role="status">
          <progress max={100} value={pct} className="w-full" aria-label="Import progress" />
          <span>
            {!progress ? "Uploading…" : progress.phase === "queued" ? "Uploaded: waiting for the job runner to start it…" : `${progress.phase} ${progress.file ?? ""} ${pct}%`}
          </span>
        </div>
      )}
      {message && (
        <p role="alert" className="mt-3 text-sm text-red-800">
          {message}
        </p>
      )}
      {report && <ReportView report={report} />}
    </section>
  );
}

function ReportView({ report }: { report: Report }) {
  const caption = report.dryRun ? "What the import would change" : "What the import changed";
  const title = report.dryRun
    ? report.wouldFail
      ? `Would fail: ${errorCount(report)} — nothing has been written`
      : report.errorTotal > 0
        ? "Preview: would write the valid rows; nothing has been written yet"
        : "Preview: nothing has been written yet"
    : report.status === "failed"
      ? "Import refused: nothing was written"
      : report.status === "partial"
        ? "Valid rows written"
        : "Import complete";
  return (
    <div className="mt-4" aria-live="polite">
      <h3 className="font-semibold">{title}</h3>
      <p className="text-sm text-slate-600">
        {report.rows.toLocaleString("en-US")} rows read{report.errorTotal ? ` · ${errorCount(report)}` : ""}
      </p>
      {/* Its own scrolling box: six columns do not fit a 390-px phone, and the page must not scroll sideways. */}
      <TableFrame label={caption} className="mt-2 max-w-full">
        <DataTable
          caption={caption}
          rows={Object.entries(report.counts)}
          rowKey={([k]) => k}
          columns={[
            { header: "Records", cell: ([k]) => countLabel(k), rowHeader: true, className: "font-medium" },
            { header: report.dryRun ? "Would create" : "Created", cell: ([, c]) => c.created, numeric: true },
            { header: report.dryRun ? "Would update" : "Updated", cell: ([, c]) => c.updated, numeric: true },
            { header: report.dryRun ? "Would delete" : "Deleted", cell: ([, c]) => c.deleted, numeric: true },
            { header: "Unchanged", cell: ([, c]) => c.unchanged, numeric: true },
            { header: "Skipped", cell: ([, c]) => c.skipped, numeric: true },
          ]}
        />
      </TableFrame>
      {report.errors.length > 0 && (
        <>
          <h4 className="mt-3 font-semibold text-red-800">Rejected rows</h4>
          <ul className="mt-1 max-h-64 overflow-y-auto text-sm">
            {report.errors.slice(0, 200).map((e, i) => (
              <li key={i}>
                <span className="font-mono">{e.line > 0 ? `${e.file}:${e.line}` : e.file}</span>
                {e.column ? ` [${e.column}]` : ""}
                {e.value !== null && e.value !== undefined ? ` "${e.value}"` : ""} — {e.message}
              </li>
            ))}
          </ul>
          <a className="text-sm text-blue-800 underline" href={`/api/imports/${report.runId}/errors`}>
            Download the error report (CSV)
          </a>
        </>
      )}
      {report.warnings.length > 0 && (
        <>
          <h4 className="mt-3 font-semibold text-amber-900">Warnings (they do not stop the import)</h4>
          <ul className="mt-1 max-h-64 overflow-y-auto text-sm">
            {report.warnings.slice(0, 200).map((w, i) => (
              <li key={i}>
                <span className="font-mono">{w.line > 0 ? `${w.file}:${w.line}` : w.file}</span> — {w.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** "1 error", "1,204 errors": every error found, not only the first 1,000 the report lists. */
function errorCount(report: Report): string {
  return `${report.errorTotal.toLocaleString("en-US")} error${report.errorTotal === 1 ? "" : "s"}`;
}
