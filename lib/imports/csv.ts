import "server-only";
import fs from "node:fs";
import { parse } from "csv-parse";
import { ImportFileError } from "@/lib/imports/report";

// Streaming CSV rows as real SIS exports write them: a BOM, CRLF or LF line ends, quoted fields
// with commas and newlines, empty lines, extra unknown columns (ignored). Header names are
// trimmed; a missing required column stops the file (nothing can be read from it).

export type CsvRow = { line: number; row: Record<string, string> };

/**
 * Calls onRow for each data row, in order (synchronously, so a row is never held longer than its
 * callback). Records are parsed as arrays (csv-parse's fastest mode); the line where each record
 * starts is counted here: one line per record plus the line breaks inside its quoted fields.
 */
export function readCsv(
  path: string,
  opts: { file: string; required: readonly string[]; onBytes?: (bytes: number) => void },
  onRow: (r: CsvRow) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const input = fs.createReadStream(path, { highWaterMark: 1 << 20 });
    const parser = parse({ bom: true, relax_column_count: true });
    let bytes = 0;
    let header: string[] | null = null;
    let line = 1;
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      input.destroy();
      parser.destroy();
      reject(e);
    };
    input.on("data", (c) => opts.onBytes?.((bytes += c.length)));
    input.on("error", fail);
    parser.on("readable", () => {
      try {
        let rec: string[] | null;
        while (!failed && (rec = parser.read() as string[] | null) !== null) {
          const start = line;
          line += 1;
          for (const f of rec) if (f.includes("\n")) line += f.split("\n").length - 1;
          if (!header) {
            header = rec.map((h) => h.trim());
            const missing = opts.required.filter((c) => !header!.includes(c));
            if (missing.length) throw missingColumns(opts.file, missing);
            continue;
          }
          if (rec.length === 1 && rec[0]!.trim() === "") continue; // an empty line
          const row: Record<string, string> = {};
          for (let i = 0; i < header.length; i++) row[header[i]!] = (rec[i] ?? "").trim();
          onRow({ line: start, row });
        }
      } catch (e) {
        fail(e);
      }
    });
    parser.on("error", (err: Error & { code?: string }) =>
      fail(err.code?.startsWith("CSV_") ? new ImportFileError([{ file: opts.file, line, column: null, value: null, message: `Unreadable CSV: ${err.message}` }]) : err),
    );
    parser.on("end", () => {
      if (failed) return;
      if (!header && opts.required.length) return fail(new ImportFileError([{ file: opts.file, line: 1, column: null, value: null, message: "The file is empty (no header line)" }]));
      resolve();
    });
    input.pipe(parser);
  });
}

function missingColumns(file: string, missing: string[]): ImportFileError {
  return new ImportFileError(
    missing.map((c) => ({ file, line: 1, column: c, value: null, message: `Required column "${c}" is missing from the header` })),
  );
}

/** The header names of a CSV file (first line), to tell which format a file is. */
export async function readHeader(path: string): Promise<string[]> {
  const fh = await fs.promises.open(path, "r");
  try {
    const buf = Buffer.alloc(16384);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const first = buf.toString("utf8", 0, bytesRead).replace(/^\uFEFF/, "").split(/\r?\n/)[0] ?? "";
    return first.split(",").map((h) => h.trim().replace(/^"|"$/g, ""));
  } finally {
    await fh.close();
  }
}
