import "server-only";
import fs from "node:fs";
import { parse } from "csv-parse";
import { ImportFileError } from "@/lib/imports/report";

// Streaming CSV rows as real SIS exports write them: a BOM, CRLF or LF line ends, quoted fields
// with commas and newlines, empty lines, extra unknown columns (ignored). Header names are
// trimmed; a missing required column stops the file (nothing can be read from it).

export type CsvRow = { line: number; row: Record<string, string>; fieldCount: number };

export async function* readCsv(
  path: string,
  opts: { file: string; required: readonly string[]; onBytes?: (bytes: number) => void },
): AsyncGenerator<CsvRow> {
  const input = fs.createReadStream(path);
  let bytes = 0;
  if (opts.onBytes) input.on("data", (c) => opts.onBytes!((bytes += c.length)));
  let header: string[] = [];
  const parser = input.pipe(
    parse({
      bom: true,
      columns: (h: string[]) => (header = h.map((c) => c.trim())),
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }),
  );
  let prevEnd = 1;
  try {
    for await (const rec of parser as AsyncIterable<{ record: Record<string, string | undefined>; info: { lines: number; columns: unknown[] | boolean; invalid_field_length: number } }>) {
      if (prevEnd === 1) {
        const missing = opts.required.filter((c) => !header.includes(c));
        if (missing.length) throw missingColumns(opts.file, missing);
      }
      const row: Record<string, string> = {};
      let fieldCount = 0;
      for (const k of header) {
        const v = rec.record[k];
        if (v !== undefined) fieldCount++;
        row[k] = (v ?? "").trim();
      }
      yield { line: prevEnd + 1, row, fieldCount: Math.max(fieldCount, Object.keys(rec.record).length) };
      prevEnd = rec.info.lines;
    }
    if (prevEnd === 1 && header.length) {
      const missing = opts.required.filter((c) => !header.includes(c));
      if (missing.length) throw missingColumns(opts.file, missing);
    }
  } catch (e) {
    if (e instanceof ImportFileError) throw e;
    const err = e as { code?: string; lines?: number; message?: string };
    if (err.code?.startsWith("CSV_")) {
      throw new ImportFileError([{ file: opts.file, line: prevEnd + 1, column: null, value: null, message: `Unreadable CSV: ${err.message}` }]);
    }
    throw e;
  } finally {
    input.destroy();
  }
}

function missingColumns(file: string, missing: string[]): ImportFileError {
  return new ImportFileError(
    missing.map((c) => ({ file, line: 1, column: c, value: null, message: `Required column "${c}" is missing from the header` })),
  );
}

/** Count data lines quickly (for a progress total), without parsing. */
export async function countLines(path: string): Promise<number> {
  let n = 0;
  for await (const chunk of fs.createReadStream(path)) {
    for (let i = 0; i < (chunk as Buffer).length; i++) if ((chunk as Buffer)[i] === 10) n++;
  }
  return n;
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
