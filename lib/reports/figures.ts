// The figures of the summaries, assembled from the SQL cubes (sql.ts). Pure: no I/O.
// Each figure is a rate = numerator ÷ denominator for one school year; which cube rows feed it:
//   acgr4      — 4-year ACGR of the class graduating at the end of the year (cohort y + 1), acgr.ts
//   acgr5      — 5-year ACGR of the class a year earlier (cohort y), acgr.ts
//   dropout    — MA DESE annual dropout rate of year y, dropout.ts
//   completers — credit-recovery completers of year y who graduated by the end of the year, completers.ts
//   program    — online program completion rate of enrollments started in year y, program.ts
import { createHash } from "node:crypto";
import type { AccessCube, AcgrCube, CompleterCube, CubeKey, DropoutCube, ProgramCube } from "./sql";
import type { AccessKey } from "./access";
import { percent } from "./acgr";
import { missingRollText, noRollText } from "./dropout";
import { equityRows, groupTallies, type Cell, type EquityRow } from "./equity";
import type { Coded, Decision, Disclosure } from "./disclosure";
import { DISTRICT, MAIN_GROUPS, publishBeside, publishUnits, unitsTable, type PublishedUnit, type ViewKind } from "./published";
import { GROUPS, type Group } from "./groups";
import { publishGrades, type CompleterGradeRow } from "./completer-grades";
import { type IsoDay } from "@/lib/calendar";
import { cohortsForYear, periodOf, type Period } from "./periods";
import { piecesOf } from "./pieces";

export type FigureKey = "acgr4" | "acgr5" | "dropout" | "completers" | "program";
export const FIGURE_KEYS: FigureKey[] = ["acgr4", "acgr5", "dropout", "completers", "program"];

export const FIGURES: Record<FigureKey, { label: string; short: string; higherIsBetter: boolean; numerator: string; denominator: string }> = {
  acgr4: { label: "4-year graduation rate", short: "4-yr grad", higherIsBetter: true, numerator: "graduates", denominator: "adjusted cohort" },
  acgr5: { label: "5-year graduation rate", short: "5-yr grad", higherIsBetter: true, numerator: "graduates", denominator: "adjusted cohort" },
  dropout: { label: "Annual dropout rate", short: "Dropout", higherIsBetter: false, numerator: "dropouts", denominator: "Oct 1 enrollment, grades 9–12" },
  completers: { label: "Credit-recovery completers who graduated", short: "Completers grad", higherIsBetter: true, numerator: "graduated by year end", denominator: "completers" },
  program: { label: "Online course completion rate", short: "Course completion", higherIsBetter: true, numerator: "enrollments passed", denominator: "enrollments ended" },
};

/** The aggregates of a view (sql.ts): shared, frozen rows when read through the cache (cache.ts). */
export type Cubes = { acgr: readonly AcgrCube[]; dropout: readonly DropoutCube[]; completers: readonly CompleterCube[]; program: readonly ProgramCube[] };

/** The rows one figure is made of: its decisions are memoized per rows object. */
const rowsFor = (cubes: Cubes, key: FigureKey): readonly object[] =>
  key === "acgr4" || key === "acgr5" ? cubes.acgr : key === "dropout" ? cubes.dropout : key === "completers" ? cubes.completers : cubes.program;

/**
 * A figure as shown, decided by the disclosure policy (disclosure.ts, published.ts): suppressed,
 * every count and the rate are null ("—"); coded, the rate is null and `coded` reads "≤ 10.0%" or
 * "≥ 90.0%" beside the denominator. `students`: the distinct students behind it (for course
 * completion the denominator counts enrollments ended). `note`: what the reader must know about
 * it, in the words every surface shows — why there is no rate (no October 1 roll, shown instead of
 * "fewer than 6") or what a district figure lacks.
 */
export type Figure = {
  numerator: number | null;
  denominator: number | null;
  students: number | null;
  rate: number | null;
  coded: Coded | null;
  suppression: Disclosure;
  note?: string;
} & Period;
/** A figure before its period is known (shown): figuresOf / bySchool add `final` and `closesOn` (periods.ts periodOf). */
export type Shown = Omit<Figure, keyof Period>;

/** A school in scope and the size of its records for one school year (queries.ts rollCoverage). */
export type RollCoverage = { id: string; name: string; students: number; rollRows: number };

/**
 * The dropout figure with its note when the October 1 roll is missing (dropout.ts): for one school
 * without a roll, or a district where no school with students has one, "No October 1 roll loaded
 * for 2023-24"; for a district where some have none, which ones. The figure is as the cube made it:
 * a school without a roll adds nothing to the denominator and its dropouts are not in the numerator
 * (sql.ts dropoutCubeSql), so the district rate is that of the schools with a roll.
 */
export function withRollNote<F extends Shown>(f: F, year: number, coverage: RollCoverage[], schoolId?: string): F {
  const note = rollNote(year, coverage, schoolId);
  return note ? { ...f, note } : f;
}

/**
 * The note of a figure over the October 1 roll when a roll is missing (withRollNote): the dropout
 * rate's words, or for access (access.ts) `partly`'s — which students a district figure lacks.
 */
export function rollNote(year: number, coverage: RollCoverage[], schoolId?: string, partly: (schools: string[]) => string = missingRollText): string | undefined {
  const considered = coverage.filter((c) => (schoolId ? c.id === schoolId : c.students > 0));
  const missing = considered.filter((c) => c.rollRows === 0);
  if (missing.length === 0) return undefined;
  return missing.length === considered.length ? noRollText(year) : partly(missing.map((m) => m.name));
}

/**
 * One cube row as a cell of its school: its group and the counts figure `tag` takes from it. Made
 * once per frozen row and figure, frozen: the cache's rows are shared and frozen (cache.ts), and a write
 * makes only its school's again, so the other schools' cells are the same objects after it
 * (contentKey compares a unit's cells by identity first). At the city scale a view's cells were
 * made again after every write: ~370,000 for the district summary with its trend (five years
 * of four cubes, ~300,000 rows kept; the graduation cube read for two figures).
 */
const cellAt = (tag: string, r: CubeKey, numerator: number, denominator: number, students?: number, byNow?: number): { schoolId: string; cell: Cell } => {
  if (!Object.isFrozen(r)) return cellOf(r, numerator, denominator, students, byNow); // (a row that could change: not kept)
  let made = madeCells.get(tag);
  if (!made) madeCells.set(tag, (made = new WeakMap()));
  let out = made.get(r);
  if (!out) made.set(r, (out = cellOf(r, numerator, denominator, students, byNow)));
  return out;
};
/** The cell: with `students` (course completion: distinct students behind its enrollments) and `also` (completers: graduated by now) only when given. */
const cellOf = (r: CubeKey, numerator: number, denominator: number, students?: number, byNow?: number) =>
  Object.freeze({
    schoolId: r.schoolId,
    cell: Object.freeze({
      raceEthnicity: r.raceEthnicity,
      gender: r.gender,
      specialEducation: r.specialEducation,
      englishLearner: r.englishLearner,
      lowIncome: r.lowIncome,
      numerator,
      denominator,
      ...(students === undefined ? {} : { students }),
      ...(byNow === undefined ? {} : { also: [byNow] }),
    }),
  });
const madeCells = new Map<string, WeakMap<object, { schoolId: string; cell: Cell }>>();

/**
 * The cells (students' groups × counts) behind one figure in one school year, with their school.
 * Kept per cube rows (read only): one view reads a figure's year several times (its table, its
 * intersections, a figure decided beside it), ~40,000 cells a year at the city scale.
 */
function rowsOf(cubes: Cubes, key: FigureKey, year: number): readonly { schoolId: string; cell: Cell }[] {
  const source = rowsFor(cubes, key);
  const memo = cellRows.get(source) ?? new Map<string, readonly { schoolId: string; cell: Cell }[]>();
  cellRows.set(source, memo);
  const id = `${key}:${year}`;
  let out = memo.get(id);
  if (!out) memo.set(id, (out = cellRowsOf(cubes, key, year)));
  return out;
}
const cellRows = new WeakMap<object, Map<string, readonly { schoolId: string; cell: Cell }[]>>();

/** A cube's rows of one year, the cube split by year once (a view reads each of its years several times). */
function ofYear<R extends { year: number }>(rows: readonly R[], year: number): readonly R[] {
  let by = yearsOf.get(rows) as Map<number, R[]> | undefined;
  if (!by) {
    by = new Map<number, R[]>();
    for (const r of rows) {
      const list = by.get(r.year);
      if (list) list.push(r);
      else by.set(r.year, [r]);
    }
    yearsOf.set(rows, by);
  }
  return by.get(year) ?? [];
}
const yearsOf = new WeakMap<object, Map<number, unknown[]>>();

function cellRowsOf(cubes: Cubes, key: FigureKey, year: number): readonly { schoolId: string; cell: Cell }[] {
  return withCells(cubes, key, year, byPiece);
}

/** `of` given a figure's cube, the cube rows' year (a cohort for the graduation rates) and its cell. */
function withCells<T>(
  cubes: Cubes,
  key: FigureKey,
  year: number,
  of: <R extends CubeKey>(rows: readonly R[], tag: string, year: number, cell: (r: R) => { schoolId: string; cell: Cell }) => T,
): T {
  const { acgr4, acgr5 } = cohortsForYear(year);
  switch (key) {
    case "acgr4":
      return of(cubes.acgr, key, acgr4, (r) => cellAt(key, r, r.num4, r.den4));
    case "acgr5":
      return of(cubes.acgr, key, acgr5, (r) => cellAt(key, r, r.num5, r.den5));
    case "dropout":
      return of(cubes.dropout, key, year, (r) => cellAt(key, r, r.dropouts, r.october1));
    case "completers":
      return of(cubes.completers, key, year, (r) => cellAt(key, r, r.byYearEnd, r.completers, undefined, r.byNow));
    case "program":
      // The group's size is its distinct students; the rate is per enrollment ended.
      return of(cubes.program, key, year, (r) => cellAt(key, r, r.passed, r.ended, r.students));
  }
}

/**
 * A cube's cells of one year, in its rows' order: when the cube was put together from per-school
 * pieces (cache.ts), each piece's cells are kept with it and only a piece a write made again is
 * read (at the city scale, reading every row of the district summary's trend, ~370,000, after
 * each write was ~0.19 s of it).
 */
function byPiece<R extends CubeKey>(rows: readonly R[], tag: string, year: number, cell: (r: R) => { schoolId: string; cell: Cell }): { schoolId: string; cell: Cell }[] {
  const pieces = pieceYears(rows, tag, year, cell);
  if (!pieces) return ofYear(rows, year).map(cell);
  const out: { schoolId: string; cell: Cell }[] = [];
  for (const p of pieces) for (const x of p.list) out.push(x);
  return out;
}

/**
 * Each piece's cells of a figure's year, kept with the piece (undefined when the cube was not put
 * together from frozen pieces): in order, and by school (byUnit) — the same arrays while the piece
 * is, so a school a write did not touch brings the same cells list (unitCells) and its tallies and
 * digest are not made again.
 */
function pieceYears<R extends CubeKey>(rows: readonly R[], tag: string, year: number, cell: (r: R) => { schoolId: string; cell: Cell }): PieceYear[] | undefined {
  const parts = piecesOf(rows);
  if (!parts || !parts.every((part) => Object.isFrozen(part))) return undefined;
  const id = `${tag}:${year}`;
  return parts.map((part) => {
    let kept = pieceCells.get(part);
    if (!kept) pieceCells.set(part, (kept = new Map()));
    let p = kept.get(id);
    if (!p) {
      const list: { schoolId: string; cell: Cell }[] = [];
      for (const r of part) if (r.year === year) list.push(cell(r));
      // (Frozen: unitKey knows a list it keyed by the list itself.)
      const units = byUnit(list, "district");
      for (const cells of units.values()) Object.freeze(cells);
      p = { list: Object.freeze(list), units };
      kept.set(id, p);
    }
    return p;
  });
}
type PieceYear = { list: readonly { schoolId: string; cell: Cell }[]; units: ReadonlyMap<string, readonly Cell[]> };
const pieceCells = new WeakMap<object, Map<string, PieceYear>>();

/** The cells behind one figure in one school year, for one school or all the cube holds. */
export function cellsOf(cubes: Cubes, key: FigureKey, year: number, schoolId?: string): Cell[] {
  return rowsOf(cubes, key, year)
    .filter((r) => !schoolId || r.schoolId === schoolId)
    .map((r) => r.cell);
}

export function total(cells: Cell[]): { numerator: number; denominator: number } {
  return cells.reduce((s, c) => ({ numerator: s.numerator + c.numerator, denominator: s.denominator + c.denominator }), { numerator: 0, denominator: 0 });
}

const published = new WeakMap<object, Map<string, Map<string, PublishedUnit>>>();

/**
 * What a view publishes of one figure in one year (published.ts): the school view holds only
 * `schoolId`'s cells; the district view every school in the cubes and the district. Memoized per
 * rows object (the figure's cube): the summary, equity view, schools table and trend of one request
 * share decisions, and so do the requests that read the same cached rows (cache.ts) — the
 * decisions are a pure function of the rows. And by the table's content (contentKey), the last
 * one of each figure, year and view: a cube read again after a write publishes its unchanged years
 * as before.
 */
export function publication(cubes: Cubes, key: FigureKey, year: number, view: ViewKind, schoolId?: string, intersections = false): Map<string, PublishedUnit> {
  const rows = rowsFor(cubes, key);
  const memo = published.get(rows) ?? new Map<string, Map<string, PublishedUnit>>();
  published.set(rows, memo);
  const id = `${key}:${year}:${view}:${view === "school" ? schoolId : ""}:${intersections}`;
  const hit = memo.get(id);
  if (hit) return hit;
  const cells = unitCells(cubes, key, year, view, schoolId);
  // A write recomputes a whole cube (every year of the view), but changes few of its years' cells:
  // a table whose cells are as before is published as before, without building it again.
  const content = contentKey(id, cells, view === "district", key !== "program", intersections);
  const kept = lastById.get(id);
  let out: Map<string, PublishedUnit>;
  if (kept) {
    lastById.delete(id); // most recently used last
    keptUnits -= kept.out.size;
  }
  if (kept?.content === content) out = kept.out;
  else out = publishUnits(cells, view === "district", key !== "program", intersections);
  lastById.set(id, { content, out });
  keptUnits += out.size;
  while (lastById.size > 1 && keptUnits > MAX_UNITS) {
    const [oldest, x] = lastById.entries().next().value!;
    lastById.delete(oldest);
    keptUnits -= x.out.size;
  }
  memo.set(id, out);
  return out;
}

/** The figures each cube holds. */
const KEYS_OF: Record<keyof Cubes, FigureKey[]> = { acgr: ["acgr4", "acgr5"], dropout: ["dropout"], completers: ["completers"], program: ["program"] };

/**
 * Decides the tables a view shows of one cube's figures in `years` (publication) as soon as that
 * cube is read, while the view's other statements still run: the figures, trend and equity rows
 * built once every cube is in find them decided (publication is memoized per cube rows; its
 * decisions are a function of those rows alone, so deciding early changes no figure).
 */
export function publishAhead<K extends keyof Cubes>(key: K, rows: Cubes[K], years: number[], view: ViewKind, schoolId?: string): void {
  const cubes: Cubes = { acgr: [], dropout: [], completers: [], program: [], [key]: rows };
  for (const k of KEYS_OF[key]) for (const y of years) publication(cubes, k, y, view, schoolId);
}

/**
 * The last publication of each figure, year and view (publication's `id`) and its table's content,
 * least recently used first. One a figure: a publication for other counts replaces it, so that what
 * is kept is what the views read now, never versions of it a write left behind.
 */
const lastById = new Map<string, { content: string; out: Map<string, PublishedUnit> }>();
/**
 * Units (a school's or the district's groups) kept at most. A city's district summary with its
 * trend reads ~44 tables of 401 units (~17,600), the equity page's dropout rate five more: at
 * 4,000, each read after a write found most of them pushed out by the others, and built, digested
 * and looked up ~25 tables again (~60–100 ms a read). A unit costs ~4 KB (its tallies, decisions
 * and rows of the summaries' 14 groups) to ~11 KB (all 38; measured), less where it shares them
 * with the table before it, its school untouched by the write (published.ts talliesOf, unitRows;
 * disclosure.ts unitDecisions): at most ~100–260 MB, most of it what the views read now hold
 * anyway. (Kept by content alone, every version a write left behind stayed until pushed out.)
 */
const MAX_UNITS = 24_000;
let keptUnits = 0;

/**
 * What publishUnits decides from, as a key: the units in order, each cell's group and counts, and
 * the flags. publishUnits is a pure function of them (tested: figures.test.ts).
 */
function contentKey(id: string, cells: ReadonlyMap<string, readonly Cell[]>, district: boolean, denominatorIsStudents: boolean, intersections: boolean): string {
  const parts = [`${district}:${denominatorIsStudents}:${intersections}`];
  for (const [unit, list] of cells) parts.push(`\u0002${unit}\u0003${unitKey(`${id}|${unit}`, list)}`);
  return createHash("sha1").update(parts.join("\u0001")).digest("base64");
}

/**
 * A unit's cells' digest, kept per figure, year, view and unit (`id`) with the cells it was made
 * from: the same cell objects (cellAt: a school a write did not touch) give it again without
 * reading them (at the city scale, writing out every cell of a view's tables after a write was
 * ~0.4 s of the district summary with its trend); other cells, from their content.
 */
function unitKey(id: string, cells: readonly Cell[]): string {
  const kept = unitKeys.get(id);
  if (kept) {
    unitKeys.delete(id); // most recently used last
    unitKeys.set(id, kept);
    // (The same frozen list, a piece's: pieceYears; else cell by cell.)
    let same = kept.cells === cells || kept.cells.length === cells.length;
    for (let k = 0; same && kept.cells !== cells && k < cells.length; k++) same = kept.cells[k] === cells[k];
    if (same) return kept.key;
    keyedCells -= kept.cells.length;
  }
  const text = cells.map(
    (c) => `${c.raceEthnicity},${c.gender},${c.specialEducation},${c.englishLearner},${c.lowIncome},${c.numerator},${c.denominator},${c.students ?? ""},${c.also?.join(" ") ?? ""}`,
  );
  const key = createHash("sha1").update(text.join("\u0001")).digest("base64");
  // (A copy, unless frozen: the caller's list is its own to change.)
  unitKeys.set(id, { cells: Object.isFrozen(cells) ? cells : Object.freeze([...cells]), key });
  keyedCells += cells.length;
  for (const [oldest, x] of unitKeys) {
    if (unitKeys.size <= 1 || keyedCells <= KEYED_CELLS) break;
    unitKeys.delete(oldest);
    keyedCells -= x.cells.length;
  }
  return key;
}
/**
 * Units' digests kept, with the cells they were made from, at most KEYED_CELLS cells in all (a
 * pointer each, ~16 MB, and the cells they keep alive): the city's district views hold ~650,000
 * (the summary with its trend ~370,000 in 25 figures and years of 401 units; the equity page's
 * access and dropout tables ~250,000), least recently used first out.
 */
const unitKeys = new Map<string, { cells: readonly Cell[]; key: string }>();
const KEYED_CELLS = 2_000_000;
let keyedCells = 0;

/** Each school's cells of one figure in a view (published.ts): only `schoolId`'s in the school view. */
function unitCells(cubes: Cubes, key: FigureKey, year: number, view: ViewKind, schoolId?: string): Map<string, readonly Cell[]> {
  const pieces = withCells(cubes, key, year, pieceYears);
  if (!pieces) return byUnit(rowsOf(cubes, key, year), view, schoolId);
  return unitsOfPieces(pieces, view, schoolId);
}

/**
 * As byUnit over the pieces' cells in order (schools in the order they first come), each school's
 * list the piece's own (read only) unless two pieces hold it.
 */
function unitsOfPieces(pieces: readonly PieceYear[], view: ViewKind, schoolId?: string): Map<string, readonly Cell[]> {
  const by = new Map<string, readonly Cell[]>();
  if (view === "school" && schoolId) by.set(schoolId, []);
  for (const p of pieces)
    for (const [id, cells] of p.units) {
      if (view === "school" && id !== schoolId) continue;
      const have = by.get(id);
      by.set(id, have === undefined || have.length === 0 ? cells : [...have, ...cells]);
    }
  return by;
}

function byUnit(rows: readonly { schoolId: string; cell: Cell }[], view: ViewKind, schoolId?: string): Map<string, Cell[]> {
  const by = new Map<string, Cell[]>();
  if (view === "school" && schoolId) by.set(schoolId, []);
  for (const r of rows) {
    if (view === "school" && r.schoolId !== schoolId) continue;
    const list = by.get(r.schoolId);
    if (list) list.push(r.cell);
    else by.set(r.schoolId, [r.cell]);
  }
  return by;
}

const accessPublished = new WeakMap<object, WeakMap<object, Map<string, Map<string, PublishedUnit>>>>();

/**
 * What a view publishes of one access figure in one year (access.ts): every group, race × gender
 * included, decided beside the dropout rate the same view shows (published.ts publishBeside: both
 * count the October 1 roll, so their sizes are decided as one), the gap to the group with the most
 * access taken among all groups. `cubes`: the dropout rows of the year (cubes.dropout). Memoized
 * per rows objects, like `publication`.
 */
export function accessPublication(rows: readonly AccessCube[], cubes: Cubes, key: AccessKey, year: number, view: ViewKind, schoolId?: string): Map<string, PublishedUnit> {
  const byRows = accessPublished.get(rows) ?? new WeakMap<object, Map<string, Map<string, PublishedUnit>>>();
  accessPublished.set(rows, byRows);
  const memo = byRows.get(cubes.dropout) ?? new Map<string, Map<string, PublishedUnit>>();
  byRows.set(cubes.dropout, memo);
  const id = `${key}:${year}:${view}:${view === "school" ? schoolId : ""}`;
  const hit = memo.get(id);
  if (hit) return hit;
  // Each piece's cells kept with it (as the other figures': pieceYears): making a cell of every row
  // of the year again, for each of the view's fifteen tables, was ~100 ms of the city's district
  // view after every write.
  const tag = `access:${key}`;
  const cell = (r: AccessCube) => cellAt(tag, r, r[key], r.students);
  const pieces = pieceYears(rows, tag, year, cell);
  const cells = pieces ? unitsOfPieces(pieces, view, schoolId) : byUnit(ofYear(rows, year).map(cell), view, schoolId);
  const base = { bySchool: unitCells(cubes, "dropout", year, view, schoolId), decided: publication(cubes, "dropout", year, view, schoolId, true) };
  // As `publication`: a year whose access cells are as before, beside the same dropout publication
  // (the same object only for the same dropout cells), is published as before without building
  // and deciding its table again (a course completion changes no access count of most years).
  const byBase = besideByContent.get(base.decided) ?? new Map<string, Map<string, PublishedUnit>>();
  besideByContent.set(base.decided, byBase);
  const content = contentKey(`access:${id}`, cells, view === "district", true, true); // (its units' ids included)
  let out = byBase.get(content);
  if (!out) {
    out = publishBeside(cells, base, view === "district", EVERY_GROUP);
    byBase.set(content, out);
    // Each dropout publication keeps its few access publications (one per access figure and view).
    if (byBase.size > 8) byBase.delete(byBase.keys().next().value!);
  }
  memo.set(id, out);
  return out;
}
/** Access's gap to the highest group is taken among every group (one function: published.ts keeps rows by it). */
const EVERY_GROUP = () => true;
/** Access publications by the dropout publication they were decided beside, then by their cells' content. */
const besideByContent = new WeakMap<object, Map<string, Map<string, PublishedUnit>>>();

const gradeTables = new WeakMap<object, Map<string, Map<string, CompleterGradeRow[]>>>();

/**
 * The completers by grade of a school (or, no school, the district) in a view, decided with the
 * completers figure the view shows, whose decisions it keeps (completer-grades.ts). Memoized like
 * `publication`.
 */
export function completerGradesOf(cubes: Cubes, year: number, schoolId?: string, view?: ViewKind): CompleterGradeRow[] {
  const v = view ?? (schoolId ? "school" : "district");
  const memo = gradeTables.get(cubes.completers) ?? new Map<string, Map<string, CompleterGradeRow[]>>();
  gradeTables.set(cubes.completers, memo);
  const id = `${year}:${v}:${v === "school" ? schoolId : ""}`;
  let tables = memo.get(id);
  if (!tables) {
    const { units, totals, table } = unitsTable(unitCells(cubes, "completers", year, v, schoolId), v === "district", true);
    const decided = publication(cubes, "completers", year, v, schoolId);
    // The year's rows grouped by school once (filtering the whole cube for each of the city's 400
    // schools was ~300 ms of a district summary after a write), in the cube's order.
    const yearRows = ofYear(cubes.completers, year);
    const yearBySchool = new Map<string | null, (typeof yearRows)[number][]>();
    for (const r of yearRows) {
      const list = yearBySchool.get(r.schoolId);
      if (list) list.push(r);
      else yearBySchool.set(r.schoolId, [r]);
    }
    const rows = new Map(units.map(([u]) => [u, u === DISTRICT ? [...yearRows] : (yearBySchool.get(u) ?? [])]));
    const figure = { table, decisions: units.flatMap(([u]) => decided.get(u)!.decisions), units: units.map(([u]) => u), totals };
    memo.set(id, (tables = publishGrades(figure, rows, v === "district")));
  }
  return tables.get(schoolId ?? DISTRICT) ?? [];
}

/**
 * The course-completion figure's "All students" decision of each unit of a view (by school id;
 * DISTRICT): the program table's total rows keep it (program-table.ts publishProgram).
 */
export function programTotals(cubes: Cubes, year: number, view: ViewKind, schoolId?: string): Map<string, Decision> {
  return new Map([...publication(cubes, "program", year, view, schoolId)].map(([u, p]) => [u, p.decisions[0]]));
}

/** A school (or, no school, the district) in a view; the view defaults to the narrowest that holds it. */
function unitOf(cubes: Cubes, key: FigureKey, year: number, schoolId: string | undefined, view: ViewKind | undefined): PublishedUnit | undefined {
  return publication(cubes, key, year, view ?? (schoolId ? "school" : "district"), schoolId).get(schoolId ?? DISTRICT);
}

const NOTHING: Shown = { numerator: null, denominator: null, students: null, rate: null, coded: null, suppression: "suppressed" };

/** Why a unit without a single record behind a figure has no rate (its card and CSV say so). */
export const NO_RECORDS_NOTE: Record<FigureKey, string> = {
  acgr4: "No students in this cohort",
  acgr5: "No students in this cohort",
  dropout: "No students on the October 1 roll",
  completers: "No credit-recovery completers",
  program: "No online enrollments ended",
};

/**
 * A school (or the district) without a single record behind a figure: 0 of 0, no rate, and the
 * reason. Not "hidden": there is no student to protect, and a new district's empty summary read as
 * privacy suppression. Such a unit is in no disclosure table (published.ts has units with records
 * only) and adds nothing to any sum, so saying it holds none tells an attacker nothing. A unit that
 * has records but whose cell is suppressed stays suppressed, zero or not: a hidden zero can be what
 * protects another cell.
 */
const noRecords = (key: FigureKey): Shown => ({ numerator: 0, denominator: 0, students: 0, rate: null, coded: null, suppression: "none", note: NO_RECORDS_NOTE[key] });

/**
 * The unit's figure, or noRecords when it has none: a school not in the table, or a unit whose
 * "All students" cell counts no one and nothing (no student, no denominator, no outcome) when it
 * stands for the whole table — the district (the schools' sum: every school's cells are then empty
 * too) or the one school of a school's own view — so hiding it protects nothing anywhere. A school
 * among others in the district's table keeps its decision, empty or not.
 */
function shownOf(u: PublishedUnit | undefined, key: FigureKey, wholeTable: boolean, k = 0): Shown {
  return isEmpty(u, wholeTable) ? noRecords(key) : figureOf(u, k);
}
function isEmpty(u: PublishedUnit | undefined, wholeTable: boolean): boolean {
  const t = u?.tallies[0];
  return !u || (wholeTable && t!.size === 0 && t!.denominator === 0 && t!.numerators.every((n) => n === 0));
}
/**
 * Why the view's unit has no records behind `key` in `year` (its card reads "0 of 0" with this
 * reason), or undefined: the equity page then says so instead of a table of hidden groups.
 */
export function noRecordsOf(cubes: Cubes, key: FigureKey, year: number, schoolId?: string, view?: ViewKind): string | undefined {
  return isEmpty(unitOf(cubes, key, year, schoolId, view), wholeTable(schoolId, view)) ? NO_RECORDS_NOTE[key] : undefined;
}
/** Whether a view's unit is its whole table: the district, or a school in its own (school) view. */
const wholeTable = (schoolId: string | undefined, view: ViewKind | undefined) => !schoolId || (view ?? "school") === "school";

/** The figure of a unit: its "All students" cell; `k` picks the rate (completers: 0 by year end, 1 by now). */
export function figureOf(u: PublishedUnit | undefined, k = 0): Shown {
  if (!u || u.decisions[0].state === "suppressed") return NOTHING;
  const t = u.tallies[0];
  const coded = u.decisions[0].coded[k] ?? null;
  return {
    numerator: coded ? null : t.numerators[k],
    denominator: t.denominator,
    students: t.size,
    rate: coded ? null : percent(t.numerators[k], t.denominator),
    coded,
    suppression: coded ? "coded" : "none",
  };
}

/** `today`: the district's day (ISO), against which each figure's window is closed or not (periods.ts). `view`: whose view (published.ts). */
export function figuresOf(cubes: Cubes, year: number, today: IsoDay, schoolId?: string, view?: ViewKind): Record<FigureKey, Figure> {
  return Object.fromEntries(
    FIGURE_KEYS.map((k) => {
      return [k, { ...shownOf(unitOf(cubes, k, year, schoolId, view), k, wholeTable(schoolId, view)), ...periodOf(k, year, today) }];
    }),
  ) as Record<FigureKey, Figure>;
}

/** The second rate of the completers figure (graduated by now), decided with the first. */
export function completersByNow(cubes: Cubes, year: number, schoolId?: string, view?: ViewKind): Shown {
  return shownOf(unitOf(cubes, "completers", year, schoolId, view), "completers", wholeTable(schoolId, view), 1);
}

/** The rows of a unit with no records: every group suppressed. */
export function emptyRows(groups: readonly Group[]): EquityRow[] {
  const t = groupTallies([], groups);
  return equityRows(
    t,
    t.map(() => ({ state: "suppressed" as const })),
    groups,
  );
}
const EMPTY_MAIN = emptyRows(MAIN_GROUPS);

/** Each figure's equity rows (the summaries' groups, MAIN_GROUPS). */
export function equityOf(cubes: Cubes, year: number, schoolId?: string, view?: ViewKind): Record<FigureKey, EquityRow[]> {
  return Object.fromEntries(FIGURE_KEYS.map((k) => [k, unitOf(cubes, k, year, schoolId, view)?.rows ?? EMPTY_MAIN])) as Record<FigureKey, EquityRow[]>;
}

/** One figure's equity rows with race × gender (published.ts publishUnits `intersections`): the equity page. */
export function equityWithIntersections(cubes: Cubes, key: FigureKey, year: number, schoolId?: string, view?: ViewKind): EquityRow[] {
  const v = view ?? (schoolId ? "school" : "district");
  return publication(cubes, key, year, v, schoolId, true).get(schoolId ?? DISTRICT)?.rows ?? emptyRows(GROUPS);
}

/** One figure per school, in the district view: the schools partition the district (published.ts). */
export function bySchool(cubes: Cubes, year: number, schoolIds: string[], today: IsoDay): Record<string, Record<FigureKey, Figure>> {
  return Object.fromEntries(schoolIds.map((id) => [id, figuresOf(cubes, year, today, id, "district")]));
}

/** A school year's rates (coded ones in `coded`), and for each figure whether it is final and when its window closes (periods.ts). */
/**
 * `hidden`: the figure's value is suppressed (privacy). `noRecords`: no record is behind it (its
 * card says 0 of 0 and why: noRecords above). A null value neither hidden, coded nor without
 * records has records but no rate yet (0 of 0 counted, e.g. no enrollment ended so far).
 */
export type TrendPoint = {
  year: number;
  final: Record<FigureKey, boolean>;
  closesOn: Record<FigureKey, IsoDay>;
  coded: Record<FigureKey, Coded | null>;
  hidden: Record<FigureKey, boolean>;
  noRecords: Record<FigureKey, boolean>;
} & Record<FigureKey, number | null>;

/** Each year's figures as that year's summary shows them to the same viewer (same view, same decisions). */
export function trendOf(cubes: Cubes, years: number[], today: IsoDay, schoolId?: string, view?: ViewKind): TrendPoint[] {
  return years.map((y) => {
    const f = figuresOf(cubes, y, today, schoolId, view);
    const each = <T>(pick: (x: Figure) => T) => Object.fromEntries(FIGURE_KEYS.map((k) => [k, pick(f[k])])) as Record<FigureKey, T>;
    return {
      year: y,
      ...each((x) => x.rate),
      final: each((x) => x.final),
      closesOn: each((x) => x.closesOn),
      coded: each((x) => x.coded),
      hidden: each((x) => x.suppression === "suppressed"),
      // Only noRecords shows 0 students: a unit with records shows 6 or more, or is hidden.
      noRecords: each((x) => x.suppression === "none" && x.students === 0),
    };
  });
}
