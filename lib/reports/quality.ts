// The program quality report (issue #18, DEFINITIONS.md §8): is online credit real learning? For the
// enrollments started in a school year (the course completion figure's enrollments, program.ts), by
// course, provider, program type or student group: results, pace (days to complete and completions
// faster than the district's minimums), how summatives were taken (proctored, retakes), overrides of
// the rigor guardrails, and what followed — the next course of the district's sequence, the state
// test in the course's subject, graduation — and what each credit cost.
//
// Every figure is decided by the disclosure policy (disclosure.ts) over every row the viewer can
// reach, whichever way the page is cut: the course, program × provider, provider and program rows
// of a unit add up to its total, and in the district view each school's rows add up to the
// district's. The results (students, enrollments ended, passed) are one table that keeps the
// decisions of the summary's program table and course completion figure (same enrollments,
// program-table.ts), so a number reads the same on both; each further figure is its own table over
// the same rows, shown only where the results are shown uncoded (its denominator is a count the
// results show, or a part of one). Pure: no I/O.
import type { ProgramType } from "@/lib/generated/prisma/enums";
import { disclose, disclosureCell, MIN_N, type Coded, type Decision, type Disclosure, type DisclosureCell, type DisclosureRelation, type DisclosureTable } from "./disclosure";
import { PROGRAM_TYPE_LABEL } from "@/lib/labels";
import { DISTRICT, FULL_LAYOUT, MAIN_GROUPS, unitsTable, type PublishedUnit } from "./published";
import type { Demographics } from "./groups";
import type { Cell, EquityRow, GroupTally } from "./equity";

export type QualityBy = "provider" | "course" | "program" | "group";
export const QUALITY_BY: QualityBy[] = ["provider", "course", "program", "group"];
export const QUALITY_BY_LABEL: Record<QualityBy, string> = { provider: "Provider", course: "Course", program: "Program type", group: "Student group" };

/** The counts of one row (lib/sql/fragments/quality-facts.ts qualityCounts, plus distinct students). */
export type QualityCounts = {
  students: number;
  completers: number;
  sequenceStudents: number;
  testedStudents: number;
  attemptStudents: number;
  started: number;
  passed: number;
  failed: number;
  withdrawn: number;
  active: number;
  credits: number;
  tooFast: number;
  overridden: number;
  graduated: number;
  timed: number;
  attempts: number;
  proctored: number;
  unstated: number;
  retakes: number;
  passedAttempts: number;
  passedSummatives: number;
  inSequence: number;
  tookNext: number;
  passedNext: number;
  tested: number;
  proficient: number;
};

/** A row read (lib/sql/queries/quality-rows.ts): which row by which ids are null. */
export type QualityInput = QualityCounts & {
  schoolId: string | null;
  courseId: string | null;
  programType: ProgramType | null;
  providerId: string | null;
  daysP25: number | null;
  daysMedian: number | null;
  daysP75: number | null;
  secondsMedian: number | null;
};

export type RowKind = "total" | "pair" | "course" | "provider" | "program";

export function kindOf(r: Pick<QualityInput, "courseId" | "programType" | "providerId">): RowKind {
  if (r.courseId) return "course";
  if (r.programType && r.providerId) return "pair";
  if (r.providerId) return "provider";
  if (r.programType) return "program";
  return "total";
}

/** A row's key within its unit: its kind and ids. */
export const rowKey = (r: Pick<QualityInput, "courseId" | "programType" | "providerId">) =>
  `${kindOf(r)}:${r.courseId ?? r.programType ?? ""}:${r.courseId ? "" : (r.providerId ?? "")}`;

/** One count over a denominator as published: null count and rate when hidden; coded "≤ x%" / "≥ x%". */
export type Published = { count: number | null; rate: number | null; coded: Coded | null };

/**
 * The further figures, each one table over the same rows (its `size`: the distinct students behind
 * its denominator).
 */
const FIGURES = {
  passedOutcomes: {
    size: (c: QualityCounts) => c.completers,
    denominator: (c: QualityCounts) => c.passed,
    numerators: (c: QualityCounts) => [c.tooFast, c.overridden, c.graduated],
    // Separate outcomes, decided count by count (disclosure.ts `parts: []`): no count is defined by
    // another. Too fast and overridden go together all the same: under a "warn" guardrail a
    // completion too fast needs an override, so a reader may bound one by the other.
    separate: { together: [[0, 1]] },
  },
  summatives: {
    size: (c: QualityCounts) => c.attemptStudents,
    denominator: (c: QualityCounts) => c.attempts,
    numerators: (c: QualityCounts) => [c.proctored, c.unstated, c.retakes],
  },
  nextCourse: {
    size: (c: QualityCounts) => c.sequenceStudents,
    denominator: (c: QualityCounts) => c.inSequence,
    numerators: (c: QualityCounts) => [c.tookNext, c.passedNext],
  },
  stateTest: {
    size: (c: QualityCounts) => c.testedStudents,
    denominator: (c: QualityCounts) => c.tested,
    numerators: (c: QualityCounts) => [c.proficient],
    separate: { together: [] },
  },
} as const;
// (Summatives and next course are not separate: proctored + unstated ≤ attempts, passed the next
// course ≤ took it. Hiding one count with the other shown would let a reader bound it, which the
// attack does not model; their rows are hidden whole, as before.)
export type FigureName = keyof typeof FIGURES;
export const FIGURE_NAMES = Object.keys(FIGURES) as FigureName[];

/** A unit's rows as decided: the results and each further figure. */
export type DecidedRow = { input: QualityInput; main: Decision; figures: Record<FigureName, Decision> };

const HIDDEN: Decision = { state: "suppressed" };
const shownOpen = (d: Decision) => d.state === "shown" && d.coded.every((c) => c === null);

/**
 * Every unit's rows decided together. `units`: a school's rows by school id, the district's under
 * DISTRICT when `district` (its rows = Σ the schools'). `fixed`: a row's results decision already
 * published elsewhere (the summary's program table and course completion figure), kept.
 */
export function publishQuality(
  units: Map<string, QualityInput[]>,
  district: boolean,
  fixed: (unit: string, r: QualityInput) => Decision | undefined = () => undefined,
): DecidedUnits {
  const t = qualityTables(units, district, fixed);
  const main = disclose(t.main);
  const figures = Object.fromEntries(FIGURE_NAMES.map((name) => [name, disclose(t.figure(name, main))])) as Record<FigureName, Decision[]>;
  return new DecidedUnits(t.units, (r, i) => ({ input: r, main: main[i], figures: figuresAt(figures, i) }));
}
/**
 * Each unit's rows as decided, made when the unit is first asked for: a read of the city's district
 * view by course asks for the district's ~50 of ~21,000 (a school's view for its own; the view by
 * student group goes through every unit's), where making every unit's rows was ~5 ms of each read
 * after a write, and as many objects to collect.
 */
export class DecidedUnits {
  private readonly made = new Map<string, DecidedRow[]>();
  private readonly byId: Map<string, UnitRows>;
  constructor(
    private readonly units: readonly UnitRows[],
    private readonly decided: (r: QualityInput, i: number) => DecidedRow,
  ) {
    this.byId = new Map(units.map((u) => [u.id, u]));
  }
  get(id: string): DecidedRow[] | undefined {
    let rows = this.made.get(id);
    if (rows) return rows;
    const u = this.byId.get(id);
    if (!u) return undefined;
    rows = u.sorted.map((r, k) => this.decided(r, u.from + k));
    this.made.set(id, rows);
    return rows;
  }
  /** Every unit's rows, in the units' order (each made). */
  *[Symbol.iterator](): Generator<[string, DecidedRow[]]> {
    for (const u of this.units) yield [u.id, this.get(u.id)!];
  }
}
/**
 * Row `i`'s decision of each further figure, as one literal: ~21,000 rows a read of the city's
 * district view, where setting FIGURE_NAMES' keys one by one on `{}` made each row's object again
 * through its shapes.
 */
const figuresAt = (f: Record<FigureName, Decision[]>, i: number): Record<FigureName, Decision> => ({
  passedOutcomes: f.passedOutcomes[i],
  summatives: f.summatives[i],
  nextCourse: f.nextCourse[i],
  stateTest: f.stateTest[i],
});

/** A unit's rows in decision order, each unit's total first, at `from` … `from + sorted.length` of its view's tables. */
type UnitRows = { id: string; from: number; sorted: readonly QualityInput[] };

/**
 * publishQuality's disclosure tables: the rows of every unit (each unit's total first), the results
 * table, and each further figure's table given the results' decisions. Exported for the attack tests.
 */
export function qualityTables(
  units: Map<string, QualityInput[]>,
  district: boolean,
  fixed: (unit: string, r: QualityInput) => Decision | undefined = () => undefined,
): {
  units: readonly UnitRows[];
  rows: readonly { unit: string; r: QualityInput }[];
  main: DisclosureTable;
  figure: (name: FigureName, main: Decision[]) => DisclosureTable;
} {
  // Units and rows in one order whatever order the SQL gave them (ties are broken by position:
  // published.ts unitsTable), each unit's total first.
  const ids = [...units.keys()].sort();
  const kept = ids.map((id) => unitOf(id, units.get(id)!));
  const sorted = kept.map((u) => u.sorted);
  const { relations, withinOf } = structureOf(ids, sorted, district && units.has(DISTRICT));
  // Every table's cells, each unit's taken from its last read at the same place (unitCells), or
  // made in one pass over its rows (each row's fields read once: ~100,000 cells a read of the
  // city's district view).
  const cells = { main: [] as DisclosureCell[] } as Record<"main" | FigureName, DisclosureCell[]>;
  for (const name of FIGURE_NAMES) cells[name] = [];
  const placed: UnitRows[] = [];
  let from = 0;
  for (let u = 0; u < kept.length; u++) {
    const made = unitCells(kept[u], from, withinOf);
    cells.main.push(...made[0]);
    for (let k = 0; k < FIGURE_NAMES.length; k++) cells[FIGURE_NAMES[k]].push(...made[k + 1]);
    placed.push({ id: ids[u], from, sorted: kept[u].sorted });
    from += kept[u].sorted.length;
  }
  const fixedOf: (Decision | undefined)[] = new Array(from);
  for (const u of placed) for (let k = 0; k < u.sorted.length; k++) fixedOf[u.from + k] = fixed(u.id, u.sorted[k]);
  const main: DisclosureTable = { cells: cells.main, relations, denominatorIsStudents: false, fixed: fixedOf };
  // Shown only beside results shown uncoded: a coded or hidden row's counts stay hidden here too.
  // (One list for every figure given the same results' decisions: tables are read only.)
  let beside: { decided: Decision[]; fixed: (Decision | undefined)[] } | undefined;
  const figure = (name: FigureName, decided: Decision[]): DisclosureTable => {
    if (beside?.decided !== decided) beside = { decided, fixed: decided.map((d) => (shownOpen(d) ? undefined : HIDDEN)) };
    return { cells: cells[name], relations, denominatorIsStudents: false, fixed: beside.fixed };
  };
  let rows: { unit: string; r: QualityInput }[] | undefined; // (tests)
  return {
    units: placed,
    get rows() {
      return (rows ??= placed.flatMap((u) => u.sorted.map((r) => ({ unit: u.id, r }))));
    },
    main,
    figure,
  };
}

/**
 * A unit's rows as read, in decision order with its total, and its rows' cells by the place of its
 * first row in its view's tables (each cell's total is at a place: `within`), kept by its first
 * row while every row read for it is the same frozen row (cache.ts keeps a school's rows, frozen,
 * while its records are unchanged: after a write only the changed school's and the district's are
 * new). Sorting every unit's rows and finding every row's kept cells (a lookup a row, ~21,000) was
 * ~10 ms of each read of the city's district view after a write.
 */
type KeptUnit = { id: string; read: readonly QualityInput[]; sorted: QualityInput[]; cells: Map<number, DisclosureCell[][]> };
const keptUnits = new WeakMap<QualityInput, KeptUnit>();
/** Places a unit's cells are kept at (a school is at one place in the district's view, at 0 in its own). */
const PLACES = 2;
function unitOf(id: string, read: QualityInput[]): KeptUnit {
  const first = read[0];
  const kept = first && keptUnits.get(first);
  if (kept && kept.id === id && kept.read.length === read.length && kept.read.every((r, k) => r === read[k])) return kept;
  const made: KeptUnit = { id, read: read.slice(), sorted: inDecisionOrder(withTotal(read, id)), cells: new Map() };
  if (first && read.every((r) => Object.isFrozen(r))) keptUnits.set(first, made);
  return made;
}
/** The unit's cells at `from`: the results' first, then each further figure's (FIGURE_NAMES). */
function unitCells(u: KeptUnit, from: number, withinOf: readonly (number | undefined)[]): DisclosureCell[][] {
  let made = u.cells.get(from);
  if (made) return made;
  made = [[], ...FIGURE_NAMES.map((): DisclosureCell[] => [])];
  for (let k = 0; k < u.sorted.length; k++) {
    const row = cellsOf(u.sorted[k], withinOf[from + k]);
    for (let x = 0; x < row.length; x++) made[x].push(row[x]);
  }
  if (u.cells.size >= PLACES) u.cells.delete(u.cells.keys().next().value!);
  u.cells.set(from, made);
  return made;
}

/**
 * A row's cells: the results' first, then each further figure's (FIGURE_NAMES), kept with the row
 * while its unit's total is at the same place (`within`). The rows read are kept, frozen, while
 * their school's records are unchanged (cache.ts, rows-from-parts.ts; only frozen rows' cells are
 * kept), so after a write only the changed school's and the district's rows are new. Making all
 * ~105,000 cells of the city's district view again, and collecting them, made qualityTables
 * 45–140 ms of each read after a write; 31–44 ms so. Cells are read only (disclosure.ts).
 */
const rowCells = new WeakMap<QualityInput, { within: number | undefined; cells: DisclosureCell[] }>();
function cellsOf(r: QualityInput, within: number | undefined): DisclosureCell[] {
  const kept = rowCells.get(r);
  if (kept && kept.within === within) return kept.cells;
  const made: DisclosureCell[] = [disclosureCell({ size: r.students, denominator: r.passed + r.failed + r.withdrawn, numerators: [r.passed], publish: true, within })];
  for (const name of FIGURE_NAMES) {
    const f = FIGURES[name];
    made.push(
      // Separate outcomes, each decided on its own: a rare count hides counts where it could be
      // worked out, not the rows beside it. (One list for every row: the tables are read only.)
      disclosureCell(
        "separate" in f
          ? { size: f.size(r), denominator: f.denominator(r), numerators: f.numerators(r), parts: NO_PARTS, together: TOGETHER[name], publish: true, within }
          : { size: f.size(r), denominator: f.denominator(r), numerators: f.numerators(r), publish: true, within },
      ),
    );
  }
  if (Object.isFrozen(r)) rowCells.set(r, { within, cells: made });
  return made;
}
const NO_PARTS: number[][] = Object.freeze([]) as unknown as number[][];
const TOGETHER = Object.fromEntries(
  FIGURE_NAMES.map((name) => {
    const f = FIGURES[name];
    return [name, "separate" in f ? (Object.freeze(f.separate.together.map((g) => Object.freeze([...g]))) as unknown as number[][]) : undefined];
  }),
) as Record<FigureName, number[][] | undefined>;

/**
 * The sums among a view's rows and each row's unit total, worked out from the units (sorted) and
 * their rows' keys (rowKey, in decision order) alone. Kept for the last few views: after a write the
 * rows are the same rows with other counts, and the same sums (the same array) let the disclosure
 * policy keep what it works out from the sums alone (disclosure.ts structureOf), where building
 * them again was ~10 ms of the city's district view a read, and their lists as much again.
 */
type Structure = { ids: string[]; rows: QualityInput[][]; district: boolean; relations: DisclosureRelation[]; withinOf: (number | undefined)[] };
const STRUCTURES = 4;
const structures: Structure[] = [];
function structureOf(ids: string[], sorted: QualityInput[][], district: boolean): Structure {
  // (Field by field against the rows last matched: a key made for every row to compare was ~5 ms a read.)
  const sameRow = (a: QualityInput, b: QualityInput) => a.courseId === b.courseId && a.programType === b.programType && a.providerId === b.providerId;
  const same = (x: Structure) =>
    x.district === district &&
    x.ids.length === ids.length &&
    x.ids.every((id, u) => id === ids[u] && x.rows[u].length === sorted[u].length && sorted[u].every((r, j) => sameRow(r, x.rows[u][j])));
  const at = structures.findIndex(same);
  if (at >= 0) {
    const hit = structures[at];
    if (at > 0) (structures.splice(at, 1), structures.unshift(hit));
    hit.rows = sorted;
    return hit;
  }
  const keys = sorted.map((list) => list.map(shapeKey));
  // (Frozen: every table of the views shares them, read only.)
  const { relations, withinOf } = sums(ids, keys, district);
  for (const r of relations) (Object.freeze(r.children), Object.freeze(r));
  const made = { ids, rows: sorted, district, relations: Object.freeze(relations) as DisclosureRelation[], withinOf: Object.freeze(withinOf) as (number | undefined)[] };
  structures.unshift(made);
  if (structures.length > STRUCTURES) structures.pop();
  return made;
}
/** structureOf's sums and unit totals, made. */
function sums(ids: string[], keys: string[][], district: boolean): Pick<Structure, "relations" | "withinOf"> {
  const unitAt = new Map<string, Map<string, number>>(); // each unit's rows by key (rowKey)
  const withinOf: (number | undefined)[] = []; // each row's unit's total, but the total's
  const relations: DisclosureRelation[] = [];
  const totalKey = rowKey({ courseId: null, programType: null, providerId: null });
  // (Each unit's rows grouped once, in order, for the sums below: filtering the unit's rows for each
  // of its rows, and keying every row by a string of its unit, was most of building the city's
  // tables, 400 units of ~52 rows, five tables a read.)
  const listFor = <K>(m: Map<K, Map<unknown, number[]>>, a: K, b: unknown): number[] => {
    let inner = m.get(a);
    if (!inner) m.set(a, (inner = new Map()));
    let list = inner.get(b);
    if (!list) inner.set(b, (list = []));
    return list;
  };
  let next = 0; // the unit's first row
  ids.forEach((id, u) => {
    const unitKeys = keys[u];
    const total = next;
    const at = new Map<string, number>();
    unitAt.set(id, at);
    const parsed = unitKeys.map(parseKey);
    parsed.forEach((r, k) => at.set(r.key, next + k));
    next += unitKeys.length;
    const pairs: number[] = [];
    const coursesOf = new Map<unknown, Map<unknown, number[]>>(); // by program type, then provider
    const pairsOf = new Map<string, Map<unknown, number[]>>(); // "provider" / "program", then its id
    parsed.forEach((r, k) => {
      if (r.kind === "course") listFor(coursesOf, r.programType, r.providerId).push(total + k);
      else if (r.kind === "pair") {
        pairs.push(total + k);
        listFor(pairsOf, "provider", r.providerId).push(total + k);
        listFor(pairsOf, "program", r.programType).push(total + k);
      }
    });
    for (const r of parsed) withinOf.push(r.kind === "total" ? undefined : at.get(totalKey)!);
    // Students take several courses: a row's students are not the sum of its parts' students.
    relations.push({ parent: total, children: pairs, sizeAdditive: false });
    parsed.forEach((r, k) => {
      if (r.kind === "pair") relations.push({ parent: total + k, children: coursesOf.get(r.programType)?.get(r.providerId) ?? [], sizeAdditive: false });
    });
    parsed.forEach((r, k) => {
      if (r.kind === "provider") relations.push({ parent: total + k, children: pairsOf.get("provider")?.get(r.providerId) ?? [], sizeAdditive: false });
    });
    parsed.forEach((r, k) => {
      if (r.kind === "program") relations.push({ parent: total + k, children: pairsOf.get("program")?.get(r.programType) ?? [], sizeAdditive: false });
    });
  });
  if (district && unitAt.has(DISTRICT)) {
    const schools = ids.filter((id) => id !== DISTRICT).map((id) => unitAt.get(id)!);
    const here = unitAt.get(DISTRICT)!;
    for (const { key } of keys[ids.indexOf(DISTRICT)].map(parseKey)) {
      const children = schools.map((at) => at.get(key)).filter((i): i is number => i !== undefined);
      // A student is counted at one school (their current one): students add up across schools.
      relations.push({ parent: here.get(key)!, children });
    }
  }
  return { relations, withinOf };
}
/**
 * What of a row the sums depend on: its kind and ids — a course's program type and provider too,
 * which its row is listed under (a course's program can change) — as one string (ids hold no NUL).
 */
const shapeKey = (r: QualityInput) => `${kindOf(r)}\u0000${r.courseId ?? ""}\u0000${r.programType ?? ""}\u0000${r.providerId ?? ""}`;
function parseKey(key: string): Pick<QualityInput, "courseId" | "programType" | "providerId"> & { kind: RowKind; key: string } {
  const [kind, courseId, programType, providerId] = key.split("\u0000");
  const r = { courseId: courseId || null, programType: (programType || null) as ProgramType | null, providerId: providerId || null };
  return { ...r, kind: kind as RowKind, key: rowKey(r) };
}
/**
 * The one order a unit's rows are decided in, whatever order the SQL returned them (the policy
 * breaks ties by position: published.ts unitsTable). It is the hierarchy's own order, each part
 * before the row it adds up to: the total; then by program type (the enum's order) its provider
 * rows and the program row; then by provider its courses and the provider row. (The order the
 * GROUPING SETS query happens to return today; the rows are shown in their own order, byRowOrder.)
 */
export function byDecisionOrder(a: QualityInput, b: QualityInput): number {
  return byRank(decisionRank(a), decisionRank(b));
}
type Rank = [number, number, string, number, string];
function decisionRank(r: QualityInput): Rank {
  const kind = kindOf(r);
  if (kind === "total") return [0, 0, "", 0, ""];
  if (kind === "pair" || kind === "program") return [1, PROGRAM_ORDER.indexOf(r.programType!), "", kind === "pair" ? 0 : 1, r.providerId ?? ""];
  return [2, 0, r.providerId ?? "", kind === "course" ? 0 : 1, r.courseId ?? ""];
}
function byRank(x: Rank, y: Rank): number {
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
}
/** `list` in byDecisionOrder, each row's rank made once (not once per comparison: ~47 MB a read of the city's district view). */
function inDecisionOrder(list: readonly QualityInput[]): QualityInput[] {
  return list
    .map((r) => ({ r, rank: decisionRank(r) }))
    .sort((a, b) => byRank(a.rank, b.rank))
    .map((x) => x.r);
}

function withTotal(list: QualityInput[], id: string): QualityInput[] {
  if (list.some((r) => kindOf(r) === "total")) return list;
  return [
    ...list,
    {
      ...zeroCounts(),
      schoolId: id === DISTRICT ? null : id,
      courseId: null,
      programType: null,
      providerId: null,
      daysP25: null,
      daysMedian: null,
      daysP75: null,
      secondsMedian: null,
    },
  ];
}

export function zeroCounts(): QualityCounts {
  return {
    students: 0,
    completers: 0,
    sequenceStudents: 0,
    testedStudents: 0,
    attemptStudents: 0,
    started: 0,
    passed: 0,
    failed: 0,
    withdrawn: 0,
    active: 0,
    credits: 0,
    tooFast: 0,
    overridden: 0,
    graduated: 0,
    timed: 0,
    attempts: 0,
    proctored: 0,
    unstated: 0,
    retakes: 0,
    passedAttempts: 0,
    passedSummatives: 0,
    inSequence: 0,
    tookNext: 0,
    passedNext: 0,
    tested: 0,
    proficient: 0,
  };
}

const round1 = (v: number) => Math.round(v * 10) / 10;
const pct = (n: number, d: number) => (d > 0 ? round1((100 * n) / d) : null);

/** Count `k` of a figure's decision as published. */
function published(d: Decision, count: number, denominator: number, k: number): Published {
  if (d.state === "suppressed" || d.hidden?.[k]) return { count: null, rate: null, coded: null };
  const coded = d.coded[k] ?? null;
  return coded ? { count: null, rate: null, coded } : { count, rate: pct(count, denominator), coded: null };
}

/** A row of the quality tables as shown, exported and served: null = hidden (or unknown). */
export type QualityTableRow = {
  key: string;
  kind: RowKind;
  label: string;
  programType: ProgramType | null;
  providerId: string | null;
  providerName: string | null;
  courseId: string | null;
  suppression: Disclosure;
  /** Distinct students. */
  students: number | null;
  started: number | null;
  active: number | null;
  /** Enrollments ended (passed + failed + withdrawn): the completion rate's denominator. */
  ended: number | null;
  passed: number | null;
  failed: number | null;
  withdrawn: number | null;
  /** Passed ÷ ended: the summary's course completion rate. */
  completionRate: number | null;
  completionCoded: Coded | null;
  /** Passed ÷ (passed + failed): of the enrollments that reached the end of the course. */
  passRate: number | null;
  daysP25: number | null;
  daysMedian: number | null;
  daysP75: number | null;
  tooFast: Published;
  overridden: Published;
  graduated: Published;
  /** Passed enrollments with time on task imported, and their median active hours. */
  timed: number | null;
  activeHoursMedian: number | null;
  /** Summative attempts recorded. */
  attempts: number | null;
  proctored: Published;
  unstated: Published;
  retakes: Published;
  /** Summative attempts per summative attempted, over passed enrollments. */
  attemptsPerSummative: number | null;
  /** Passed enrollments whose course has a next course in the district's sequence. */
  inSequence: number | null;
  tookNext: Published;
  passedNext: Published;
  /** Passed enrollments whose student has a state test result in the subject. */
  tested: number | null;
  proficient: Published;
  /** The provider's contract cost for the year (district), on provider rows and the total. */
  contractCost: number | null;
  /** Contract cost ÷ credits awarded by the provider's enrollments of the year, district-wide. */
  costPerCredit: number | null;
};

export type Names = { provider: Map<string, string>; course: Map<string, string> };

function labelOf(r: QualityInput, names: Names): string {
  switch (kindOf(r)) {
    case "total":
      return "All online courses";
    case "course":
      return names.course.get(r.courseId!) ?? "Unknown course";
    case "provider":
      return names.provider.get(r.providerId!) ?? "Unknown provider";
    case "program":
      return PROGRAM_TYPE_LABEL[r.programType!];
    case "pair":
      return `${PROGRAM_TYPE_LABEL[r.programType!]} · ${names.provider.get(r.providerId!) ?? "Unknown provider"}`;
  }
}

/**
 * Cost per credit, district-wide (a contract is the district's): by provider, and in total. Cost ÷
 * cost per credit gives the credits, a sum over the provider's courses weighted by their credit
 * values: queries.ts gives it only for a provider whose district row and every course row are
 * shown in full in the district view (then the credits follow from what is shown anyway).
 */
export type Costs = { byProvider: Map<string, { cost: number; credits: number }>; total: { cost: number; credits: number } | null };

/** A decided row as shown. */
export function tableRow(d: DecidedRow, names: Names, costs: Costs): QualityTableRow {
  const r = d.input;
  const kind = kindOf(r);
  const main = d.main;
  const open = shownOpen(main);
  const f = d.figures;
  const ended = r.passed + r.failed + r.withdrawn;
  const hide = <T>(v: T): T | null => (open ? v : null);
  const fig = (name: FigureName) => f[name].state === "shown";
  const cost = kind === "provider" ? costs.byProvider.get(r.providerId!) : kind === "total" ? costs.total : undefined;
  return {
    key: rowKey(r),
    kind,
    label: labelOf(r, names),
    programType: r.programType,
    providerId: r.providerId,
    providerName: r.providerId ? (names.provider.get(r.providerId) ?? null) : null,
    courseId: r.courseId,
    suppression: main.state === "suppressed" ? "suppressed" : open ? "none" : "coded",
    students: main.state === "shown" ? r.students : null,
    started: main.state === "shown" ? r.started : null,
    active: main.state === "shown" ? r.active : null,
    ended: main.state === "shown" ? ended : null,
    passed: hide(r.passed),
    failed: hide(r.failed),
    withdrawn: hide(r.withdrawn),
    completionRate: hide(pct(r.passed, ended)),
    completionCoded: main.state === "shown" ? (main.coded[0] ?? null) : null,
    passRate: hide(pct(r.passed, r.passed + r.failed)),
    daysP25: fig("passedOutcomes") ? r.daysP25 : null,
    daysMedian: fig("passedOutcomes") ? r.daysMedian : null,
    daysP75: fig("passedOutcomes") ? r.daysP75 : null,
    tooFast: published(f.passedOutcomes, r.tooFast, r.passed, 0),
    overridden: published(f.passedOutcomes, r.overridden, r.passed, 1),
    graduated: published(f.passedOutcomes, r.graduated, r.passed, 2),
    timed: fig("passedOutcomes") ? r.timed : null,
    activeHoursMedian: fig("passedOutcomes") && r.timed >= MIN_N && r.secondsMedian != null ? round1(r.secondsMedian / 3600) : null,
    attempts: fig("summatives") ? r.attempts : null,
    proctored: published(f.summatives, r.proctored, r.attempts, 0),
    unstated: published(f.summatives, r.unstated, r.attempts, 1),
    retakes: published(f.summatives, r.retakes, r.attempts, 2),
    // Over passed enrollments: shown beside their figure (6 or more completers) and the summatives'.
    attemptsPerSummative: fig("passedOutcomes") && fig("summatives") && r.passedSummatives >= MIN_N ? Math.round((100 * r.passedAttempts) / r.passedSummatives) / 100 : null,
    // A further figure's denominator only beside the figure: a hidden one's is not a known count.
    inSequence: fig("nextCourse") ? r.inSequence : null,
    tookNext: published(f.nextCourse, r.tookNext, r.inSequence, 0),
    passedNext: published(f.nextCourse, r.passedNext, r.inSequence, 1),
    tested: fig("stateTest") ? r.tested : null,
    proficient: published(f.stateTest, r.proficient, r.tested, 0),
    contractCost: cost ? cost.cost : null,
    costPerCredit: cost && cost.credits > 0 ? Math.round((100 * cost.cost) / cost.credits) / 100 : null,
  };
}

/** Row order: total first, then program types in their order, providers and courses by name. */
const PROGRAM_ORDER: ProgramType[] = ["CREDIT_RECOVERY", "ORIGINAL_CREDIT", "ADVANCED_PLACEMENT", "SKILL_DEVELOPMENT", "DROPOUT_PREVENTION"];
export function byRowOrder(a: QualityTableRow, b: QualityTableRow): number {
  const rank = (r: QualityTableRow) => (r.kind === "total" ? -1 : PROGRAM_ORDER.indexOf(r.programType ?? "CREDIT_RECOVERY"));
  if (a.kind === "total" || b.kind === "total") return rank(a) - rank(b);
  return rank(a) - rank(b) || (a.providerName ?? "").localeCompare(b.providerName ?? "") || a.label.localeCompare(b.label);
}

/** Which kind of row each "by" shows. */
export const KIND_OF_BY: Record<Exclude<QualityBy, "group">, RowKind> = { provider: "provider", course: "course", program: "program" };

// ——— By student group ———

/** A cell of the quality cube (lib/sql/queries/quality-cube.ts): one school's demographic combination. */
export type QualityGroupCell = QualityCounts & Demographics & { schoolId: string };

/** The further figures of the group view (the days distribution needs a row's parts: course rows only). */
const GROUP_FIGURES: Record<Exclude<FigureName, "passedOutcomes"> | "passed", (c: QualityCounts) => Cell> = {
  passed: (c) => ({ ...NO_DEMOGRAPHICS, numerator: c.tooFast, denominator: c.passed, students: c.completers, also: [c.overridden, c.graduated] }),
  summatives: (c) => ({ ...NO_DEMOGRAPHICS, numerator: c.proctored, denominator: c.attempts, students: c.attemptStudents, also: [c.unstated, c.retakes] }),
  nextCourse: (c) => ({ ...NO_DEMOGRAPHICS, numerator: c.tookNext, denominator: c.inSequence, students: c.sequenceStudents, also: [c.passedNext] }),
  stateTest: (c) => ({ ...NO_DEMOGRAPHICS, numerator: c.proficient, denominator: c.tested, students: c.testedStudents }),
};
type GroupFigure = keyof typeof GROUP_FIGURES;
const NO_DEMOGRAPHICS: Demographics = { raceEthnicity: "WHITE", gender: "FEMALE", specialEducation: false, englishLearner: false, lowIncome: false };

export type QualityGroupRow = {
  key: string;
  label: string;
  dimension: EquityRow["dimension"];
  suppression: Disclosure;
  students: number | null;
  ended: number | null;
  passed: number | null;
  completionRate: number | null;
  completionCoded: Coded | null;
  tooFast: Published;
  overridden: Published;
  graduated: Published;
  attempts: number | null;
  proctored: Published;
  unstated: Published;
  retakes: Published;
  inSequence: number | null;
  tookNext: Published;
  passedNext: Published;
  tested: number | null;
  proficient: Published;
};

/**
 * Each unit's group rows: every group, race × gender included (published.ts FULL_LAYOUT). The
 * results are the course completion figure as the view publishes it with its intersections (`main`:
 * figures.ts publication "program", intersections — the equity page's figure: the same enrollments
 * and cells). Each further figure is decided as publishUnits decides a figure: first over the
 * summaries' groups and sums (MAIN_GROUPS), then race × gender in a second table that holds every
 * cell and sum of the first and keeps its decisions — so an intersection can only hide more of
 * itself. A further figure is shown only where the results are shown uncoded. `totals`: each unit's
 * total row as the course view decided it (publishQuality), whose further figures' decisions "All
 * students" keeps, so the two views never hide different parts of one count.
 */
export function publishQualityGroups(
  bySchool: Map<string, QualityGroupCell[]>,
  main: Map<string, PublishedUnit>,
  district: boolean,
  totals?: Map<string, DecidedRow>,
): Map<string, QualityGroupRow[]> {
  const MW = MAIN_GROUPS.length;
  const FW = FULL_LAYOUT.width;
  const fullAt = MAIN_GROUPS.map((g) => FULL_LAYOUT.groups.indexOf(g));
  const toMain = FULL_LAYOUT.groups.map((g) => MAIN_GROUPS.indexOf(g));
  // The results' decision of a unit's group (`main` is in FULL_LAYOUT's order).
  const result = (unit: string, full: number) => main.get(unit)?.decisions[full];
  const decided = Object.fromEntries(
    (Object.keys(GROUP_FIGURES) as GroupFigure[]).map((name) => {
      const cells = new Map([...bySchool].map(([id, cs]) => [id, cs.map((c) => ({ ...GROUP_FIGURES[name](c), ...demographicsOf(c) }))]));
      const first = unitsTable(cells, district, false);
      const firstFixed = first.table.cells.map((_, i) => {
        const unit = first.units[Math.floor(i / MW)][0];
        const d = result(unit, fullAt[i % MW]);
        if (!d || !shownOpen(d)) return HIDDEN;
        // "All students" is the course view's total row (the same enrollments): its decision is kept.
        return i % MW === 0 ? totals?.get(unit)?.figures[name === "passed" ? "passedOutcomes" : name] : undefined;
      });
      const firstDecisions = disclose({ ...first.table, fixed: firstFixed });
      const full = unitsTable(cells, district, false, FULL_LAYOUT);
      const fixed = full.table.cells.map((_, i) => {
        const u = Math.floor(i / FW);
        const g = i % FW;
        if (toMain[g] >= 0) return firstDecisions[u * MW + toMain[g]];
        const d = result(full.units[u][0], g);
        return !d || !shownOpen(d) ? HIDDEN : undefined;
      });
      return [name, { units: full.units, decisions: disclose({ ...full.table, fixed }) }];
    }),
  ) as Record<GroupFigure, { units: [string, GroupTally[]][]; decisions: Decision[] }>;
  const out = new Map<string, QualityGroupRow[]>();
  decided.passed.units.forEach(([id], u) => {
    const m = main.get(id);
    const at = (name: GroupFigure, g: number) => ({ t: decided[name].units[u][1][g], d: decided[name].decisions[u * FW + g] });
    out.set(
      id,
      FULL_LAYOUT.groups.map((group, g) => {
        const row = m?.rows[g];
        const md = m?.decisions[g] ?? HIDDEN;
        const open = shownOpen(md);
        const p = at("passed", g);
        const s = at("summatives", g);
        const n = at("nextCourse", g);
        const st = at("stateTest", g);
        return {
          key: group.key,
          label: group.label,
          dimension: group.dimension,
          suppression: row?.suppression ?? "suppressed",
          students: row?.n ?? null,
          ended: row?.denominator ?? null,
          passed: open ? (row?.numerator ?? null) : null,
          completionRate: open ? (row?.value ?? null) : null,
          completionCoded: row?.coded ?? null,
          tooFast: published(p.d, p.t.numerators[0], p.t.denominator, 0),
          overridden: published(p.d, p.t.numerators[1], p.t.denominator, 1),
          graduated: published(p.d, p.t.numerators[2], p.t.denominator, 2),
          attempts: s.d.state === "shown" ? s.t.denominator : null,
          proctored: published(s.d, s.t.numerators[0], s.t.denominator, 0),
          unstated: published(s.d, s.t.numerators[1], s.t.denominator, 1),
          retakes: published(s.d, s.t.numerators[2], s.t.denominator, 2),
          inSequence: n.d.state === "shown" ? n.t.denominator : null,
          tookNext: published(n.d, n.t.numerators[0], n.t.denominator, 0),
          passedNext: published(n.d, n.t.numerators[1], n.t.denominator, 1),
          tested: st.d.state === "shown" ? st.t.denominator : null,
          proficient: published(st.d, st.t.numerators[0], st.t.denominator, 0),
        };
      }),
    );
  });
  return out;
}

const demographicsOf = (c: Demographics): Demographics => ({
  raceEthnicity: c.raceEthnicity,
  gender: c.gender,
  specialEducation: c.specialEducation,
  englishLearner: c.englishLearner,
  lowIncome: c.lowIncome,
});
