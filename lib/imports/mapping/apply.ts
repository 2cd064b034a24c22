import "server-only";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readCsv } from "@/lib/imports/csv";
import type { ErrorList, RowError } from "@/lib/imports/report";
import { PROGRESS_FIELDS, type FieldSource, type MappingDefinition, type ProgressField } from "@/lib/imports/mapping/schema";

// Reading a file through a column mapping: each row of the vendor's file becomes a row of the
// provider progress format (lib/imports/FORMATS.md §3), written to a temporary CSV on the same
// line as the source row (blank lines pad skipped rows and quoted line breaks), so the progress
// import's line numbers are the vendor file's. Streaming: one row in memory at a time.

/** A date as the mapping says it is written → YYYY-MM-DD; anything else is passed on as written (the import then says why it is not a date). */
export function mappedDate(raw: string, order: FieldSource["dateOrder"]): string {
  if (!order) return raw;
  const m = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})(?:[ T].*)?$/.exec(raw.trim());
  if (!m) return raw;
  const [a, b, c] = [m[1]!, m[2]!, m[3]!];
  const [y, mo, d] = order === "YMD" ? [a, b, c] : order === "MDY" ? [c, a, b] : [c, b, a];
  if (y.length !== 4 || +mo < 1 || +mo > 12 || +d < 1 || +d > 31) return raw;
  return `${y}-${mo.padStart(2, "0")}-${d.padStart(2, "0")}`;
}

export function mappedValue(row: Record<string, string>, src: FieldSource): string {
  let v = src.column ? (row[src.column] ?? "") : (src.value ?? "");
  if (src.map && v !== "") {
    const exact = Object.hasOwn(src.map, v) ? src.map[v] : undefined; // never a key inherited from Object ("constructor")
    if (exact !== undefined) v = exact;
    else {
      const lower = v.toLowerCase();
      const hit = Object.entries(src.map).find(([k]) => k.toLowerCase() === lower);
      if (hit) v = hit[1];
    }
  }
  if (src.percent) v = v.replace(/\s*%\s*$/, "").trim();
  if (src.dateOrder) v = mappedDate(v, src.dateOrder);
  return v;
}

/**
 * A value as a field of the converted file: on one line (line breaks become spaces), quoted only
 * when it holds a comma or a quote. The import reads each field trimmed, quoted or not, so the two
 * read alike; a file of quoted fields took the CSV parser longer to read again (bench: the
 * column-mapped preview 0.69–0.89× the own format's rows/s, issue 15's budget 0.8×).
 */
const field = (v: string) => {
  if (!/[\r\n",]/.test(v)) return v;
  const one = v.replace(/[\r\n]+/g, " ");
  return /[",]/.test(one) ? `"${one.replace(/"/g, '""')}"` : one;
};

export type Converted = { file: string; dir: string; rows: number; skipped: number };

/** Writes `input` read through `def` as a provider progress CSV in a new temporary folder (the caller removes it). */
export async function convertFile(input: string, fileName: string, def: MappingDefinition, warnings: ErrorList): Promise<Converted> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "ct-mapped-"));
  const file = path.join(dir, fileName.toLowerCase().endsWith(".csv") ? fileName : `${fileName}.csv`);
  const out = fs.createWriteStream(file, { mode: 0o600 });
  const fields = PROGRESS_FIELDS.filter((f) => def.fields[f]);
  const skip = def.skipRows.map((r) => ({ column: r.column, values: new Set(r.values.map((v) => v.toLowerCase())) }));
  let line = 1; // the next line of the output file
  let pending: string[] = [];
  let size = 0;
  let rows = 0;
  let skipped = 0;
  const push = (s: string) => {
    pending.push(s);
    size += s.length;
    if (size > 1 << 20) flush();
  };
  const flush = () => {
    if (pending.length) out.write(pending.join(""));
    pending = [];
    size = 0;
  };
  push(fields.join(",") + "\n");
  line = 2;
  try {
    const columns = [...new Set([...def.header, ...Object.values(def.fields).flatMap((s) => (s?.column ? [s.column] : [])), ...def.skipRows.map((r) => r.column)])];
    const required = [...new Set([...Object.values(def.fields).flatMap((s) => (s?.column ? [s.column] : [])), ...def.skipRows.map((r) => r.column)])];
    await readCsv(input, { file: fileName, required, columns, warnings }, ({ line: at, row }) => {
      rows++;
      if (skip.some((s) => s.values.has((row[s.column] ?? "").toLowerCase()))) {
        skipped++;
        return;
      }
      while (line < at) {
        push("\n");
        line++;
      }
      push(fields.map((f) => field(mappedValue(row, def.fields[f as ProgressField]!))).join(",") + "\n");
      line++;
    });
    flush();
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  } catch (e) {
    out.destroy();
    await fs.promises.rm(dir, { recursive: true, force: true });
    throw e;
  }
  return { file, dir, rows, skipped };
}

/** A progress-import error about the converted file, told in the vendor file's terms: its name and its column. */
export function inVendorTerms(e: RowError, fileName: string, convertedName: string, def: MappingDefinition): RowError {
  if (e.file !== convertedName) return e;
  const src = e.column && (PROGRESS_FIELDS as readonly string[]).includes(e.column) ? def.fields[e.column as ProgressField] : undefined;
  const column = src ? (src.column ?? `${e.column} (fixed value)`) : e.column;
  const order = src?.dateOrder ? { YMD: "YYYY-MM-DD", MDY: "M/D/YYYY", DMY: "D/M/YYYY" }[src.dateOrder] : null;
  const message = order && /^not a date/.test(e.message) ? `not a date written ${order}, as the mapping says this column is` : e.message;
  return { ...e, file: fileName, column, message };
}
