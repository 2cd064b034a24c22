import "server-only";
import fs from "node:fs";
import { canonicalHeader, readCsv, readHeader } from "@/lib/imports/csv";
import { parseRow } from "@/lib/imports/validate";
import { ErrorList, ImportFileError, type Progress, type RowError } from "@/lib/imports/report";
import type { Source } from "@/lib/imports/source";
import { Tally } from "@/lib/imports/oneroster/read";
import { IdSet } from "@/lib/imports/id-set";
import type { z } from "zod";
import * as S from "@/lib/imports/gradebook/schema";

// Reads a OneRoster 1.2 gradebook set (lib/imports/FORMATS.md §3a) into what the import uses: the
// fully graded results, the lineItems they name, and the classes, courses and users those refer to.
// As the roster import does: file names in any case, every header checked before any row is read,
// strict where stored and counted warnings elsewhere. A result with scoreStatus "fully graded" is
// stored — a problem with it is an error, and so is a problem with the lineItem it names (held until
// the results are read). Other results, unused lineItems, categories, score scales, classes, courses
// and users are only read: a problem there is a warning counted once per file and kind.

export type LineItemRec = {
  line: number;
  title: string;
  classSourcedId: string;
  min: number;
  max: number | null;
  /** Problems with the row: errors once a fully graded result names the lineItem, else warnings. */
  issues: RowError[];
};
export type ResultRec = { line: number; lineItem: string; student: string; score: number; date: Date };
export type GradebookSet = {
  /** manifest.csv `source.systemCode` (the sending system: a Provider.code), and its line. */
  systemCode: { value: string; line: number } | null;
  lineItems: Map<string, LineItemRec>;
  classes: Map<string, { line: number; classCode: string; courseSourcedId: string }>;
  /** courses.csv sourcedId → courseCode */
  courses: Map<string, string>;
  users: Map<string, { line: number; identifier: string }>;
  hasUsers: boolean;
  /** Fully graded results whose row and lineItem are valid. */
  results: ResultRec[];
  /** Results not recorded, by scoreStatus (or "tobedeleted"), with the first line. */
  skipped: Map<string, { count: number; line: number }>;
  rows: number;
};

export async function readGradebook(src: Source, errors: ErrorList, warnings: ErrorList, onProgress?: (p: Progress) => void): Promise<GradebookSet> {
  const files = new Map<S.GradebookFile, string>();
  const given = new Map<string, string>();
  for (const [name, p] of src.files) {
    const canonical = S.FILE_NAMES.find((f) => f.toLowerCase() === name.toLowerCase());
    if (!canonical) continue; // orgs.csv, enrollments.csv…: not read
    const twin = given.get(canonical);
    if (twin)
      throw new ImportFileError([
        { file: src.name, line: 0, column: null, value: null, message: `Two files are named ${twin} and ${name}: which one is the gradebook's? Remove one and import again.` },
      ]);
    given.set(canonical, name);
    files.set(canonical, p);
  }
  const missing = S.NEEDED.filter((f) => !files.has(f));
  if (missing.length) {
    throw new ImportFileError([
      {
        file: src.name,
        line: 0,
        column: null,
        value: null,
        message: `Not a OneRoster gradebook set: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} missing (a gradebook needs lineItems.csv, results.csv and classes.csv)`,
      },
    ]);
  }
  // Every file's header first: one answer with all of them.
  const headerErrors: RowError[] = [];
  for (const [file, p] of files) headerErrors.push(...canonicalHeader(await readHeader(p), { file, required: S.REQUIRED[file], columns: S.COLUMNS[file] }).errors);
  if (headerErrors.length) throw new ImportFileError(headerErrors);

  const totalBytes = [...files.values()].reduce((n, p) => n + fs.statSync(p).size, 0);
  let doneBytes = 0;
  const set: GradebookSet = {
    systemCode: null,
    lineItems: new Map(),
    classes: new Map(),
    courses: new Map(),
    users: new Map(),
    hasUsers: files.has("users.csv"),
    results: [],
    skipped: new Map(),
    rows: 0,
  };
  const tally = new Tally();
  const categories = new Set<string>();

  async function each(file: S.GradebookFile, onDuplicate: "error" | "tally", fn: (line: number, row: Record<string, string>) => void): Promise<void> {
    const path = files.get(file);
    if (!path) return;
    const base = doneBytes;
    const seen = new IdSet(); // a file's sourcedIds (lib/imports/id-set.ts)
    const opts = {
      file,
      required: S.REQUIRED[file],
      columns: S.COLUMNS[file],
      warnings,
      onBytes: (b: number) => onProgress?.({ phase: "read", file, done: base + b, total: totalBytes }),
    };
    await readCsv(path, opts, ({ line, row }) => {
      set.rows++;
      const id = row.sourcedId;
      if (id && !seen.add(id)) {
        const e = { file, line, column: "sourcedId", value: id, message: "Duplicate sourcedId in this file" };
        if (onDuplicate === "error") errors.add(e);
        else tally.add(`${file.replace(".csv", "")} rows`, e);
        return;
      }
      fn(line, row);
    });
    doneBytes = base + fs.statSync(path).size;
  }
  const lenient = <T extends z.ZodType>(what: string, file: string, line: number, row: Record<string, string>, schema: T): z.output<T> | null => {
    const issues = new ErrorList();
    const r = parseRow(schema, row, { file, line }, issues);
    for (const e of issues.items) tally.add(what, e);
    return r;
  };
  const unknown = (file: string, line: number, column: string, value: string, target: string): RowError => ({
    file,
    line,
    column,
    value,
    message: `Unknown ${column}: no ${target} row has sourcedId "${value}"`,
  });

  const manifest = files.get("manifest.csv");
  if (manifest) {
    await readCsv(manifest, { file: "manifest.csv", required: S.REQUIRED["manifest.csv"] }, ({ line, row }) => {
      if (row.propertyName?.toLowerCase() === "source.systemcode" && row.value) set.systemCode = { value: row.value, line };
    });
  }
  // Read and checked, not stored: CreditTrack's weights and scales are the catalog's (§4).
  await each("categories.csv", "tally", (line, row) => {
    if (row.sourcedId) categories.add(row.sourcedId);
    lenient("categories (read, not stored)", "categories.csv", line, row, S.categoryRow);
  });
  await each("scoreScales.csv", "tally", (line, row) => void lenient("score scales (read, not stored)", "scoreScales.csv", line, row, S.scoreScaleRow));
  await each("courses.csv", "tally", (line, row) => {
    const r = lenient("courses", "courses.csv", line, row, S.courseRow);
    if (r) set.courses.set(r.sourcedId, r.courseCode);
  });
  await each("classes.csv", "tally", (line, row) => {
    const r = lenient("classes", "classes.csv", line, row, S.classRow);
    if (!r) return;
    set.classes.set(r.sourcedId, { line, classCode: r.classCode, courseSourcedId: r.courseSourcedId });
    if (r.courseSourcedId && files.has("courses.csv") && !set.courses.has(r.courseSourcedId))
      tally.add("classes", unknown("classes.csv", line, "courseSourcedId", r.courseSourcedId, "courses.csv"));
  });
  await each("users.csv", "tally", (line, row) => {
    const r = lenient("users", "users.csv", line, row, S.userRow);
    if (r) set.users.set(r.sourcedId, { line, identifier: r.identifier });
  });
  await each("lineItems.csv", "tally", (line, row) => {
    const issues = new ErrorList();
    const r = parseRow(S.lineItemRow, row, { file: "lineItems.csv", line }, issues);
    const id = row.sourcedId ?? "";
    if (!id) return void issues.items.forEach((e) => tally.add("lineItems", e)); // nothing can name it
    const classId = r?.classSourcedId ?? row.classSourcedId ?? "";
    if (classId && !set.classes.has(classId)) issues.add(unknown("lineItems.csv", line, "classSourcedId", classId, "classes.csv"));
    if (r?.categorySourcedId && files.has("categories.csv") && !categories.has(r.categorySourcedId))
      tally.add("lineItems", unknown("lineItems.csv", line, "categorySourcedId", r.categorySourcedId, "categories.csv"));
    set.lineItems.set(id, { line, title: r?.title ?? "", classSourcedId: classId, min: r?.resultValueMin ?? 0, max: r?.resultValueMax ?? null, issues: issues.items });
  });

  const used = new Set<string>();
  await each("results.csv", "error", (line, row) => {
    const status = (row.scoreStatus ?? "").trim().toLowerCase() as S.ScoreStatus;
    if (!S.SCORE_STATUSES.includes(status)) {
      errors.add({
        file: "results.csv",
        line,
        column: "scoreStatus",
        value: row.scoreStatus ?? "",
        message: `scoreStatus must be one of ${S.SCORE_STATUSES.map((s) => `"${s}"`).join(", ")} (OneRoster 1.2)`,
      });
      return;
    }
    const skip = (why: string) => {
      const s = set.skipped.get(why);
      if (s) s.count++;
      else set.skipped.set(why, { count: 1, line });
    };
    if (row.status === "tobedeleted") return skip("tobedeleted"); // a result is never deleted by an import
    if (status !== S.RECORDED) {
      const r = lenient("results that are not fully graded (not recorded)", "results.csv", line, row, S.ungradedRow);
      if (r && !set.lineItems.has(r.lineItemSourcedId))
        tally.add("results that are not fully graded (not recorded)", unknown("results.csv", line, "lineItemSourcedId", r.lineItemSourcedId, "lineItems.csv"));
      return skip(status);
    }
    const r = parseRow(S.gradedRow, row, { file: "results.csv", line }, errors);
    if (!r) return;
    const li = set.lineItems.get(r.lineItemSourcedId);
    if (!li) return void errors.add(unknown("results.csv", line, "lineItemSourcedId", r.lineItemSourcedId, "lineItems.csv"));
    used.add(r.lineItemSourcedId);
    if (li.issues.length) return; // reported once, on the lineItem's own line (below)
    set.results.push({ line, lineItem: r.lineItemSourcedId, student: r.studentSourcedId, score: r.score, date: r.scoreDate });
  });
  // A lineItem a recorded result names is stored in effect (its title and scale): its problems are errors.
  for (const [id, li] of set.lineItems) for (const e of li.issues) used.has(id) ? errors.add(e) : tally.add("lineItems that no fully graded result names", e);
  tally.flush(warnings);
  return set;
}
