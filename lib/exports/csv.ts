import "server-only";
import { districtDay, isoDay } from "@/lib/calendar";

// The one CSV writer of every export and report download (issue 17: the report tables had a second
// one with another escape rule). RFC 4180: quote a field holding a comma, quote or line break;
// double the quotes. A cell starting with =, +, -, @, a tab or a carriage return is prefixed with
// ' so a spreadsheet never runs it as a formula (OWASP, "CSV Injection",
// https://owasp.org/www-community/attacks/CSV_Injection) — except a plain number such as -1.5 or
// "+3", which cannot be a formula and stays a number in the spreadsheet ("-2+3" is escaped). A value
// that already starts with quotes before such a character gets one more, so the escape can be
// undone exactly on import (formulaUnescaped): "=SUM(A1)" → "'=SUM(A1)" → "=SUM(A1)", "'=x" →
// "''=x" → "'=x".

const FORMULA = /^'*[=+\-@\t\r]/;

export function csvField(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return "";
  let s = typeof v === "boolean" ? (v ? "Y" : "N") : String(v);
  if (FORMULA.test(s) && !/^[+-]?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The value csvField escaped against formulas, for an import reading an export back: one leading ' off. */
export function formulaUnescaped(cell: string): string {
  return /^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

export function csvLine(values: (string | number | boolean | null | undefined)[]): string {
  return values.map(csvField).join(",") + "\r\n";
}

/**
 * A download's file name with the district's date: "students-2027-06-30.csv" on a New York evening
 * of June 30, when the server's UTC date is already July 1.
 */
export function datedFileName(prefix: string, now: Date = new Date()): string {
  return `${prefix}-${isoDay(districtDay(now))}.csv`;
}

/** A streamed CSV download (one page of rows at a time, never the whole table in memory). */
export function csvResponse(fileName: string, lines: AsyncIterable<string>): Response {
  const iterator = lines[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName.replace(/[^\w.-]/g, "_")}"`,
      "cache-control": "no-store",
    },
  });
}
