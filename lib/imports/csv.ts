import "server-only";
import fs from "node:fs";
import { isAscii, isUtf8 } from "node:buffer";
import { CsvError, parse } from "csv-parse";
import { parse as parseSync } from "csv-parse/sync";
import { ImportFileError, type ErrorList, type RowError } from "@/lib/imports/report";

// Streaming CSV rows as real SIS exports and spreadsheets write them: a BOM, CRLF or LF line ends,
// quoted fields with commas and newlines, empty lines, extra unknown columns (ignored), a quote
// inside an unquoted field (`Robert "Bob" Smith`, `O'Neil 5'11"`: csv-parse's relax_quotes),
// header names in another case (`Grades`), and the encodings Excel writes (lib/imports/FORMATS.md,
// "Files"): UTF-8 (with or without a BOM), UTF-16 with a BOM ("Unicode text"), and Windows-1252
// (older Excel's "CSV"), which is recognised because it is not valid UTF-8. Every problem the
// parser still finds becomes a file error with the line it is on.

export type CsvRow = { line: number; row: Record<string, string> };

/** A record (one row, all its fields) longer than this is refused: no roster or vendor row is near it. */
export const MAX_RECORD_BYTES = 1024 * 1024;

export type CsvOptions = {
  file: string;
  /** Columns the header must have (matched without regard to case). */
  required: readonly string[];
  /** Every column the importer reads: a header in another case is renamed to this spelling. */
  columns?: readonly string[];
  onBytes?: (bytes: number) => void;
  /** Where a note about the file itself goes (e.g. "read as Windows-1252"). */
  warnings?: ErrorList;
};

/**
 * Calls onRow for each data row, in order (synchronously, so a row is never held longer than its
 * callback). Records are parsed as arrays (csv-parse's fastest mode); the line where each record
 * starts is counted here: one line per record plus the line breaks inside its quoted fields.
 */
export function readCsv(path: string, opts: CsvOptions, onRow: (r: CsvRow) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const input = fs.createReadStream(path, { highWaterMark: 1 << 20 });
    const parser = parse({ bom: true, relax_column_count: true, relax_quotes: true, max_record_size: MAX_RECORD_BYTES });
    const decoder = new Decoder();
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
    const fileError = (l: number, message: string, column: string | null = null, value: string | null = null) =>
      new ImportFileError([{ file: opts.file, line: l, column, value, message }]);
    const encodingError = (p: EncodingProblem) => {
      if (failed) return;
      failed = true; // stop now; the answer comes once the byte is located
      input.destroy();
      parser.destroy();
      Promise.all([locate(path, p.offset), header ?? readHeader(path).then((h) => canonicalHeader(h, opts).names)]).then(([at, names]) => {
        const column = at.field !== null ? (names[at.field] ?? null) : null;
        reject(fileError(at.line, `${p.why} (line ${at.line}, character ${at.character}). Save the file as "CSV UTF-8" and import it again.`, column, at.text));
      }, reject);
    };
    const feed = (out: Buffer | string | null) => {
      if (out === null || out.length === 0) return;
      if (!parser.write(out)) {
        input.pause();
        parser.once("drain", () => input.resume());
      }
    };
    input.on("data", (c) => {
      if (failed) return;
      const chunk = c as Buffer;
      opts.onBytes?.((bytes += chunk.length));
      try {
        feed(decoder.push(chunk));
      } catch (e) {
        if (e instanceof EncodingProblem) return encodingError(e);
        fail(e);
      }
    });
    input.on("end", () => {
      if (failed) return;
      try {
        feed(decoder.end());
      } catch (e) {
        if (e instanceof EncodingProblem) return encodingError(e);
        return fail(e);
      }
      if (decoder.note) opts.warnings?.add({ file: opts.file, line: 0, column: null, value: decoder.note.encoding, message: decoder.note.message });
      parser.end();
    });
    input.on("error", fail);
    parser.on("readable", () => {
      try {
        let rec: string[] | null;
        while (!failed && (rec = parser.read() as string[] | null) !== null) {
          const start = line;
          line += 1;
          for (const f of rec) if (f.includes("\n")) line += f.split("\n").length - 1;
          if (!header) {
            const h = canonicalHeader(rec, opts);
            if (h.errors.length) throw new ImportFileError(h.errors);
            header = h.names;
            continue;
          }
          if (rec.every((f) => f.trim() === "")) continue; // an empty line, or only commas (Excel's blank formatted rows)
          const row: Record<string, string> = {};
          for (let i = 0; i < header.length; i++) row[header[i]!] = (rec[i] ?? "").trim();
          onRow({ line: start, row });
        }
      } catch (e) {
        fail(e);
      }
    });
    parser.on("error", (err: Error) => fail(err instanceof CsvError ? parserError(opts.file, err, line) : err));
    parser.on("end", () => {
      if (failed) return;
      if (!header && opts.required.length) return fail(fileError(1, "The file is empty (no header line)"));
      resolve();
    });
  });
}

/** A csv-parse error as the line it is on and why, in words (its own "at line N" is left out). */
function parserError(file: string, err: CsvError, recordLine: number): ImportFileError {
  const why =
    err.code === "CSV_QUOTE_NOT_CLOSED"
      ? `A quoted field that starts on line ${recordLine} is never closed: a field that begins with a double quote (") must end with one. Check that line for a stray quote.`
      : err.code === "CSV_MAX_RECORD_SIZE"
        ? `The row that starts on line ${recordLine} is longer than ${MAX_RECORD_BYTES / 1024 / 1024} MB, the limit for one row: is a quote left open, or is this not a CSV file?`
        : `Unreadable CSV on line ${recordLine}: ${err.message.replace(/\s*at line \d+\s*$/i, "").replace(/^[\w ]+:\s*/, "")}`;
  return new ImportFileError([{ file, line: recordLine, column: null, value: null, message: why.startsWith("Unreadable") ? why : `Unreadable CSV: ${why}` }]);
}

/**
 * The header's names, trimmed, with each known column's spelling where only the case differs
 * (OneRoster's `grades` given as `Grades`). Missing required columns and a column given twice are
 * errors (all of them at once).
 */
export function canonicalHeader(raw: string[], opts: Pick<CsvOptions, "file" | "required" | "columns">): { names: string[]; errors: RowError[] } {
  const known = new Map<string, string>();
  for (const c of [...opts.required, ...(opts.columns ?? [])]) known.set(c.toLowerCase(), c);
  const names = raw.map((h) => {
    const t = h.replace(/^\uFEFF/, "").trim();
    return known.get(t.toLowerCase()) ?? t;
  });
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  names.forEach((n, i) => {
    if (n === "") return;
    const first = seen.get(n);
    if (first !== undefined && known.has(n.toLowerCase())) {
      errors.push({
        file: opts.file,
        line: 1,
        column: n,
        value: raw[i]!.trim(),
        message: `Column "${n}" appears twice in the header ("${raw[first]!.trim()}" and "${raw[i]!.trim()}")`,
      });
    } else if (first === undefined) seen.set(n, i);
  });
  for (const c of opts.required) {
    if (!seen.has(c)) errors.push({ file: opts.file, line: 1, column: c, value: null, message: `Required column "${c}" is missing from the header` });
  }
  return { names, errors };
}

/** The header names of a CSV file (its first record, in the file's encoding), to tell which format a file is. */
export async function readHeader(path: string): Promise<string[]> {
  const fh = await fs.promises.open(path, "r");
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const d = new Decoder();
    let text: string;
    try {
      const out = d.push(buf.subarray(0, bytesRead));
      text = typeof out === "string" ? out : out.toString("utf8");
    } catch {
      // Mixed encodings (refused when the rows are read): the header itself is ASCII.
      text = new TextDecoder("utf-8").decode(buf.subarray(0, bytesRead));
    }
    text = text.replace(/^\uFEFF/, "");
    const firstLine = text.split(/\r?\n/)[0] ?? "";
    try {
      const [rec] = parseSync(firstLine, { relax_quotes: true, relax_column_count: true }) as string[][];
      return (rec ?? []).map((h) => h.trim());
    } catch {
      return firstLine.split(",").map((h) => h.trim().replace(/^"|"$/g, ""));
    }
  } finally {
    await fh.close();
  }
}

// ---- Encodings --------------------------------------------------------------------------------

const WINDOWS_1252_NOTE = {
  encoding: "Windows-1252",
  message: 'The file is not UTF-8; it was read as Windows-1252, the encoding of older Excel "CSV" files. Check accented names on the preview, or save the file as "CSV UTF-8".',
};

class EncodingProblem extends Error {
  constructor(
    public offset: number,
    public why: string,
  ) {
    super(why);
  }
}

/**
 * Passes UTF-8 through as bytes (checked chunk by chunk with Node's native validator; a sequence
 * split between chunks is carried over). A file that is not valid UTF-8 and has had no multi-byte
 * UTF-8 character before the first bad byte is Windows-1252: every byte before it was ASCII, which
 * reads the same in both, so the rest is decoded as Windows-1252 from there on — and refused if a
 * UTF-8 character turns up later (a file pasted together from two encodings). UTF-16 needs its BOM.
 */
export class Decoder {
  private mode: "start" | "utf8" | "utf16le" | "utf16be" | "windows-1252" = "start";
  private carry: Buffer = Buffer.alloc(0);
  private offset = 0; // bytes of the file before `carry`
  private sawMultibyte = false;
  private text: TextDecoder | null = null;
  note: { encoding: string; message: string } | null = null;

  push(chunk: Buffer): Buffer | string {
    if (this.mode === "start") {
      const data = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
      if (data.length < 3) {
        this.carry = Buffer.from(data);
        return "";
      }
      this.carry = Buffer.alloc(0);
      if (data[0] === 0xff && data[1] === 0xfe) {
        this.mode = "utf16le";
        this.text = new TextDecoder("utf-16le");
        this.note = { encoding: "UTF-16LE", message: 'The file is UTF-16 (Excel\'s "Unicode text"); it was read as such.' };
      } else if (data[0] === 0xfe && data[1] === 0xff) {
        this.mode = "utf16be";
        this.text = new TextDecoder("utf-16be");
        this.note = { encoding: "UTF-16BE", message: "The file is UTF-16 (big-endian); it was read as such." };
      } else this.mode = "utf8";
      return this.push2(data);
    }
    return this.push2(chunk);
  }

  end(): Buffer | string {
    if (this.mode === "start") {
      this.mode = "utf8";
      const rest = this.carry;
      this.carry = Buffer.alloc(0);
      const out = this.push2(rest);
      return this.flushCarry(out);
    }
    if (this.text) return this.text.decode();
    return this.flushCarry("");
  }

  private flushCarry(before: Buffer | string): Buffer | string {
    if (!this.carry.length) return before;
    // A multi-byte sequence cut off by the end of the file.
    if (this.sawMultibyte) throw new EncodingProblem(this.offset, "The file ends in the middle of a UTF-8 character");
    const rest = this.toWindows1252(this.carry);
    this.carry = Buffer.alloc(0);
    this.note ??= WINDOWS_1252_NOTE;
    return typeof before === "string" ? before + rest : Buffer.concat([before, Buffer.from(rest, "utf8")]);
  }

  private push2(chunk: Buffer): Buffer | string {
    if (this.mode === "utf16le" || this.mode === "utf16be") return this.text!.decode(chunk, { stream: true });
    if (this.mode === "windows-1252") {
      const at = firstUtf8Multibyte(chunk);
      if (at >= 0) throw new EncodingProblem(this.offset + at, "The file mixes two encodings: a UTF-8 character after text that is not UTF-8");
      this.offset += chunk.length;
      return this.toWindows1252(chunk);
    }
    const data = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = incompleteTail(data);
    const head = data.subarray(0, cut);
    const nul = head.indexOf(0);
    if (nul >= 0) throw new EncodingProblem(this.offset + nul, "The file contains NUL bytes: it is not a text CSV file (a spreadsheet, or UTF-16 without its byte-order mark?)");
    if (isUtf8(head)) {
      if (!this.sawMultibyte && !isAscii(head)) this.sawMultibyte = true;
      this.carry = Buffer.from(data.subarray(cut));
      const out = head;
      this.offset += cut;
      return out;
    }
    const bad = firstInvalidUtf8(head);
    if (this.sawMultibyte || !isAscii(head.subarray(0, bad))) {
      throw new EncodingProblem(this.offset + bad, "The file is UTF-8 but has bytes here that are not UTF-8 (a file pasted together from two encodings?)");
    }
    this.mode = "windows-1252";
    this.carry = Buffer.alloc(0);
    this.note = WINDOWS_1252_NOTE;
    return this.push2(data);
  }

  private toWindows1252(b: Buffer): string {
    this.text ??= new TextDecoder("windows-1252");
    return this.text.decode(b, { stream: true });
  }
}

/** The index where a UTF-8 sequence cut off by the end of the buffer starts (or the length). */
function incompleteTail(b: Buffer): number {
  let i = b.length - 1;
  let cont = 0;
  while (i >= 0 && cont < 3 && (b[i]! & 0xc0) === 0x80) {
    i--;
    cont++;
  }
  if (i < 0) return b.length;
  const lead = b[i]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return need > cont + 1 ? i : b.length;
}

/** The length of the valid UTF-8 sequence at i (RFC 3629), or 0. */
function utf8Length(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < b.length && b[i + k]! >= lo && b[i + k]! <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const ok1 = c === 0xe0 ? cont(1, 0xa0) : c === 0xed ? cont(1, 0x80, 0x9f) : cont(1);
    return ok1 && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const ok1 = c === 0xf0 ? cont(1, 0x90) : c === 0xf4 ? cont(1, 0x80, 0x8f) : cont(1);
    return ok1 && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

function firstInvalidUtf8(b: Buffer): number {
  for (let i = 0; i < b.length;) {
    const n = utf8Length(b, i);
    if (n === 0) return i;
    i += n;
  }
  return b.length;
}

function firstUtf8Multibyte(b: Buffer): number {
  for (let i = 0; i < b.length; i++) if (b[i]! >= 0xc2 && utf8Length(b, i) > 1) return i;
  return -1;
}

/** Line (1-based), character and CSV field of a byte offset, and the field's text, read again from the file. */
async function locate(path: string, offset: number): Promise<{ line: number; character: number; field: number | null; text: string | null }> {
  let line = 1;
  let lineStart = 0;
  let pos = 0;
  let tail = Buffer.alloc(0);
  for await (const c of fs.createReadStream(path, { end: Math.max(0, offset - 1), highWaterMark: 1 << 20 })) {
    const b = c as Buffer;
    for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) {
      line++;
      lineStart = pos + i + 1;
    }
    pos += b.length;
  }
  // The line up to the byte and a little after, for the field and its text.
  const fh = await fs.promises.open(path, "r");
  try {
    const len = Math.min(64 * 1024, offset - lineStart + 256);
    tail = Buffer.alloc(Math.max(0, len));
    const { bytesRead } = await fh.read(tail, 0, tail.length, lineStart);
    tail = tail.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
  const before = tail.subarray(0, offset - lineStart);
  const character = new TextDecoder("utf-8").decode(before).length + 1;
  if (offset - lineStart > 64 * 1024) return { line, character, field: null, text: null };
  let field = 0;
  let quoted = false;
  let fieldStart = 0;
  for (let i = 0; i < before.length; i++) {
    const ch = before[i];
    if (ch === 0x22) quoted = !quoted;
    else if (ch === 0x2c && !quoted) {
      field++;
      fieldStart = i + 1;
    }
  }
  const end = tail.indexOf(0x2c, before.length);
  const raw = new TextDecoder("utf-8").decode(tail.subarray(fieldStart, end >= 0 ? end : tail.length)).split(/\r?\n/)[0]!;
  return { line, character, field, text: raw.replace(/^"|"$/g, "").trim() };
}
