"use client";
import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { parse } from "csv-parse/browser/esm/sync";
import { importMappingJsonAction, previewMappingAction, saveMappingAction } from "@/lib/imports/mapping/actions";
import type { ImportReport } from "@/lib/imports/report";

// A new column mapping from a sample of the provider's file: read its first rows here (no upload),
// map each CreditTrack field to a column or a fixed value, preview what the import would do with
// the sample (a dry run on the server), save under a name.

type FieldInfo = { field: string; label: string; required: boolean };
type Course = { provider: string; code: string; title: string };
type Sample = { name: string; text: string; header: string[]; rows: string[][] };
type FieldState = { source: string; value: string; dateOrder: "" | "YMD" | "MDY" | "DMY"; percent: boolean; map: Record<string, string> };

const SAMPLE_BYTES = 256 * 1024;
const SAMPLE_LINES = 200;

/** The file's first lines as text: UTF-8, else Windows-1252 (older Excel), cut at a whole line. */
async function readSample(file: File): Promise<Sample> {
  const bytes = new Uint8Array(await file.slice(0, SAMPLE_BYTES).arrayBuffer());
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder(file.size > SAMPLE_BYTES ? "utf-8" : "windows-1252").decode(bytes);
  }
  text = text.replace(/^\uFEFF/, "");
  const lines = text.split(/\r?\n/);
  if (file.size > SAMPLE_BYTES) lines.pop(); // a line cut by the slice
  text = lines.slice(0, SAMPLE_LINES).join("\n") + "\n";
  const records = parse(text, { relax_quotes: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  const [header = [], ...rows] = records;
  return { name: file.name, text, header: header.map((h) => h.trim()), rows };
}

/** A first guess of each field's column, by its name; the administrator checks every one. */
const GUESS: Record<string, RegExp> = {
  provider: /^provider/i,
  student_id: /student.?(id|number)|sis.?id|^student_id$/i,
  course_code: /^course( code| title| name)?$|course_code/i,
  enrollment_id: /enrol+ment.?id/i,
  assessment: /^(activity|assessment|assignment)( name| title)?$/i,
  score: /^(score|points earned|earned)$/i,
  max_score: /points possible|max.?score|possible/i,
  date: /date.?(completed|taken|submitted)|^date$/i,
  attempt: /attempt/i,
  course_status: /course.?status|^status$/i,
  final_grade: /final.?grade/i,
};

function guessFields(fields: FieldInfo[], sample: Sample): Record<string, FieldState> {
  const out: Record<string, FieldState> = {};
  for (const { field } of fields) {
    const col = sample.header.find((h) => GUESS[field]?.test(h));
    const i = col ? sample.header.indexOf(col) : -1;
    const values = i >= 0 ? sample.rows.map((r) => r[i] ?? "").filter(Boolean) : [];
    const dateOrder = field === "date" && values.some((v) => /^\d{1,2}\/\d{1,2}\/\d{4}/.test(v)) ? "MDY" : field === "date" && values.length ? "YMD" : "";
    const percent = values.length > 0 && values.every((v) => /%\s*$/.test(v));
    out[field] = { source: col ? `column:${col}` : "", value: "", dateOrder, percent, map: {} };
  }
  return out;
}

export function MappingEditor({ fields, courses }: { fields: FieldInfo[]; courses: Course[] }) {
  const router = useRouter();
  const id = useId();
  const [sample, setSample] = useState<Sample | null>(null);
  const [state, setState] = useState<Record<string, FieldState>>({});
  const [skipColumn, setSkipColumn] = useState("");
  const [skipValues, setSkipValues] = useState<string[]>([]);
  const [name, setName] = useState("");
  const [report, setReport] = useState<ImportReport | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const distinct = (column: string) => {
    if (!sample) return [];
    const i = sample.header.indexOf(column);
    return i < 0 ? [] : [...new Set(sample.rows.map((r) => (r[i] ?? "").trim()).filter(Boolean))].slice(0, 40);
  };
  const columnOf = (f: string) => (state[f]?.source.startsWith("column:") ? state[f]!.source.slice(7) : "");
  const set = (f: string, patch: Partial<FieldState>) => {
    setState((s) => ({ ...s, [f]: { ...s[f]!, ...patch } }));
    setReport(null);
  };

  function definition(forPreview = false) {
    const out: Record<string, unknown> = {};
    for (const { field } of fields) {
      const st = state[field];
      if (!st || !st.source) continue;
      const map = Object.fromEntries(Object.entries(st.map).filter(([, v]) => v));
      out[field] = {
        ...(st.source === "value" ? { value: st.value } : { column: st.source.slice(7) }),
        ...(Object.keys(map).length ? { map } : {}),
        ...(st.dateOrder && field === "date" ? { dateOrder: st.dateOrder } : {}),
        ...(st.percent ? { percent: true } : {}),
      };
    }
    return {
      format: "credittrack-column-mapping",
      name: name.trim() || (forPreview ? "this mapping" : ""),
      kind: "progress",
      header: sample?.header ?? [],
      fields: out,
      skipRows: skipColumn && skipValues.length ? [{ column: skipColumn, values: skipValues }] : [],
    };
  }

  async function choose(file: File | undefined) {
    setReport(null);
    setMessage(null);
    if (!file) return setSample(null);
    try {
      const s = await readSample(file);
      if (!s.header.length) throw new Error("no header line");
      setSample(s);
      setState(guessFields(fields, s));
      setSkipColumn("");
      setSkipValues([]);
    } catch (e) {
      setSample(null);
      setMessage({ ok: false, text: `This file cannot be read as CSV (${(e as Error).message}).` });
    }
  }

  async function preview() {
    if (!sample) return setMessage({ ok: false, text: "Choose a sample file first." });
    setBusy(true);
    setMessage(null);
    const fd = new FormData();
    fd.set("definition", JSON.stringify(definition(true)));
    fd.set("sample", sample.text);
    fd.set("sampleName", sample.name);
    const r = await previewMappingAction(null, fd);
    setBusy(false);
    if (r.ok) setReport(r.data);
    else setMessage({ ok: false, text: r.message });
  }

  async function save() {
    setBusy(true);
    setMessage(null);
    const fd = new FormData();
    fd.set("definition", JSON.stringify(definition()));
    const r = await saveMappingAction(null, fd);
    setBusy(false);
    setMessage(r.ok ? { ok: true, text: "message" in r && typeof r.message === "string" ? r.message : "Saved." } : { ok: false, text: r.message });
    if (r.ok) router.refresh();
  }

  return (
    <section className="mt-8 max-w-4xl" aria-labelledby={`${id}-new`}>
      <h2 id={`${id}-new`} className="text-lg font-semibold">
        New mapping from a sample file
      </h2>
      <label className="mt-2 block text-sm font-medium" htmlFor={`${id}-file`}>
        Sample file (.csv): its first {SAMPLE_LINES} lines are read here
      </label>
      <input id={`${id}-file`} type="file" accept=".csv,text/csv" className="mt-1 block text-sm" onChange={(e) => choose(e.target.files?.[0])} />
      {sample && (
        <>
          <p className="mt-2 text-sm text-slate-600">
            {sample.header.length} columns, {sample.rows.length} rows read from {sample.name}.
          </p>
          <fieldset className="mt-4 min-w-0 rounded border border-slate-200 bg-white p-3">
            <legend className="px-1 font-semibold">Where each field comes from</legend>
            <div className="grid grid-cols-[minmax(0,1fr)] gap-3">
              {fields.map(({ field, label, required }) => {
                const st = state[field] ?? { source: "", value: "", dateOrder: "", percent: false, map: {} };
                const col = columnOf(field);
                return (
                  <div key={field} className="grid min-w-0 grid-cols-[minmax(0,1fr)] gap-1 border-b border-slate-100 pb-2 sm:grid-cols-[16rem_minmax(0,1fr)]">
                    <label className="text-sm font-medium" htmlFor={`${id}-${field}`}>
                      {label}
                      {required ? " (required)" : ""}
                    </label>
                    <div className="flex min-w-0 flex-wrap items-center gap-2 text-sm">
                      <select
                        id={`${id}-${field}`}
                        className="max-w-full rounded border border-slate-300 px-2 py-1"
                        value={st.source}
                        onChange={(e) => set(field, { source: e.target.value, map: {} })}
                      >
                        <option value="">— not in this file —</option>
                        {sample.header.map((h) => (
                          <option key={h} value={`column:${h}`}>
                            column “{h}”
                          </option>
                        ))}
                        <option value="value">a fixed value…</option>
                      </select>
                      {st.source === "value" && (
                        <input
                          aria-label={`${label}: fixed value`}
                          className="max-w-full rounded border border-slate-300 px-2 py-1"
                          value={st.value}
                          onChange={(e) => set(field, { value: e.target.value })}
                        />
                      )}
                      {field === "date" && col && (
                        <select
                          aria-label="How the dates are written"
                          className="max-w-full rounded border border-slate-300 px-2 py-1"
                          value={st.dateOrder}
                          onChange={(e) => set(field, { dateOrder: e.target.value as FieldState["dateOrder"] })}
                        >
                          <option value="">as CreditTrack writes them (YYYY-MM-DD)</option>
                          <option value="MDY">month/day/year (10/13/2026 3:14 PM)</option>
                          <option value="DMY">day/month/year (13/10/2026)</option>
                          <option value="YMD">year-month-day, any separator</option>
                        </select>
                      )}
                      {["score", "max_score", "final_grade"].includes(field) && col && (
                        <label className="flex items-center gap-1">
                          <input type="checkbox" checked={st.percent} onChange={(e) => set(field, { percent: e.target.checked })} /> cells end with %
                        </label>
                      )}
                      {col && (
                        <span className="min-w-0 break-words text-slate-500">
                          e.g.{" "}
                          {distinct(col)
                            .slice(0, 3)
                            .map((v) => `“${v}”`)
                            .join(", ") || "(empty in the sample)"}
                        </span>
                      )}
                    </div>
                    {field === "course_code" && col && (
                      <div className="min-w-0 sm:col-start-2">
                        <p className="text-xs text-slate-600">
                          Each value of “{col}” in the sample, and the catalog course it is (leave “as written” when the file already has the course code):
                        </p>
                        <ul className="mt-1 grid grid-cols-[minmax(0,1fr)] gap-1">
                          {distinct(col).map((v) => (
                            <li key={v} className="flex flex-wrap items-center gap-2 text-sm">
                              <span className="min-w-0 break-words">“{v}”</span>
                              <select
                                aria-label={`Catalog course for “${v}”`}
                                className="w-full min-w-0 rounded border border-slate-300 px-2 py-1 sm:w-auto sm:max-w-full"
                                value={st.map[v] ?? ""}
                                onChange={(e) => set(field, { map: { ...st.map, [v]: e.target.value } })}
                              >
                                <option value="">as written</option>
                                {courses.map((c) => (
                                  <option key={`${c.provider}:${c.code}`} value={c.code}>
                                    {c.title} — {c.provider} {c.code}
                                  </option>
                                ))}
                              </select>
                            </li>
                          ))}
                        </ul>
                      </div>
                    )}
                  </div>
                );
              })}
            </div>
          </fieldset>
          <fieldset className="mt-4 min-w-0 rounded border border-slate-200 bg-white p-3">
            <legend className="px-1 font-semibold">Rows to leave out (optional)</legend>
            <label className="text-sm" htmlFor={`${id}-skip`}>
              Leave out rows whose
            </label>{" "}
            <select
              id={`${id}-skip`}
              className="max-w-full rounded border border-slate-300 px-2 py-1 text-sm"
              value={skipColumn}
              onChange={(e) => {
                setSkipColumn(e.target.value);
                setSkipValues([]);
                setReport(null);
              }}
            >
              <option value="">— no rule —</option>
              {sample.header.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
            {skipColumn && (
              <ul className="mt-2 flex flex-wrap gap-3 text-sm">
                {distinct(skipColumn).map((v) => (
                  <li key={v}>
                    <label className="flex items-center gap-1">
                      <input
                        type="checkbox"
                        checked={skipValues.includes(v)}
                        onChange={(e) => {
                          setSkipValues((s) => (e.target.checked ? [...s, v] : s.filter((x) => x !== v)));
                          setReport(null);
                        }}
                      />{" "}
                      is “{v}”
                    </label>
                  </li>
                ))}
              </ul>
            )}
          </fieldset>
          <div className="mt-4 flex flex-wrap items-end gap-3">
            <button type="button" disabled={busy} onClick={preview} className="rounded bg-slate-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
              Preview with the sample
            </button>
            <label className="text-sm font-medium" htmlFor={`${id}-name`}>
              Mapping name
            </label>
            <input
              id={`${id}-name`}
              className="max-w-full rounded border border-slate-300 px-2 py-1 text-sm"
              placeholder="e.g. Apex gradebook"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
            <button
              type="button"
              disabled={busy || !report || !name.trim()}
              aria-describedby={`${id}-save-why`}
              onClick={save}
              className="rounded bg-blue-800 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
            >
              Save mapping
            </button>
            <span id={`${id}-save-why`} className="text-xs text-slate-600">
              {!report
                ? "Preview first."
                : !name.trim()
                  ? "Name the mapping."
                  : report.errorTotal > 0
                    ? "The sample has errors: check they are about the data (a student or enrollment not in CreditTrack yet), not the mapping, before saving."
                    : ""}
            </span>
          </div>
        </>
      )}
      {message && (
        <p role={message.ok ? "status" : "alert"} className={`mt-3 text-sm ${message.ok ? "text-green-800" : "text-red-800"}`}>
          {message.text}
        </p>
      )}
      {report && <PreviewView report={report} />}
    </section>
  );
}

function PreviewView({ report }: { report: ImportReport }) {
  const c = report.counts;
  return (
    <div className="mt-4" aria-live="polite">
      <h3 className="font-semibold">
        {report.errorTotal > 0 ? `The sample would fail: ${report.errorTotal} error${report.errorTotal === 1 ? "" : "s"}` : "Preview of the sample: no errors (nothing written)"}
      </h3>
      <p className="text-sm text-slate-600">
        {report.rows} rows read · results: {c.results?.created ?? 0} new, {c.results?.updated ?? 0} changed, {c.results?.unchanged ?? 0} unchanged · completions:{" "}
        {c.completions?.created ?? 0}
      </p>
      {report.errors.length > 0 && (
        <ul className="mt-2 max-h-64 overflow-y-auto text-sm text-red-900">
          {report.errors.slice(0, 100).map((e, i) => (
            <li key={i}>
              <span className="font-mono">{e.line > 0 ? `line ${e.line}` : e.file}</span>
              {e.column ? ` [${e.column}]` : ""}
              {e.value !== null ? ` “${e.value}”` : ""} — {e.message}
            </li>
          ))}
        </ul>
      )}
      {report.warnings.length > 0 && (
        <ul className="mt-2 text-sm text-amber-900">
          {report.warnings.slice(0, 50).map((w, i) => (
            <li key={i}>{w.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function MappingJsonImport() {
  const router = useRouter();
  const id = useId();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  async function send(file: File | undefined) {
    if (!file) return;
    const fd = new FormData();
    fd.set("json", await file.text());
    const r = await importMappingJsonAction(null, fd);
    setMessage(r.ok ? { ok: true, text: "message" in r && typeof r.message === "string" ? r.message : "Imported." } : { ok: false, text: r.message });
    if (r.ok) router.refresh();
  }
  return (
    <div className="mt-3 text-sm">
      <label className="font-medium" htmlFor={`${id}-json`}>
        Import a mapping (.json, as downloaded here or from another CreditTrack)
      </label>
      <input id={`${id}-json`} type="file" accept=".json,application/json" className="mt-1 block" onChange={(e) => send(e.target.files?.[0])} />
      {message && (
        <p role={message.ok ? "status" : "alert"} className={`mt-2 ${message.ok ? "text-green-800" : "text-red-800"}`}>
          {message.text}
        </p>
      )}
    </div>
  );
}
