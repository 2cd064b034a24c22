// Disclosure avoidance for every aggregate the reports show (DEFINITIONS.md "Suppression"), after
// NCES, "Statistical Methods for Protecting Personally Identifiable Information in Aggregate
// Reporting", SLDS Technical Brief 3 (NCES 2011-603, Seastrom, December 2010): minimum group size,
// complementary suppression within and across related tables, and top/bottom coding of rates.
//
// One function, `disclose`, takes all the related aggregates one viewer can see for one figure —
// cells (a group of one school or of the district) and the sums that tie them (a total = its
// groups; the district's group = the schools' groups; a flag group + its complement = all
// students; a race = its race × gender groups) — and decides for each cell: shown, coded
// ("≤ 16.7%") or suppressed. It then attacks its own answer (`audit`): from what is shown, bounds
// and linear algebra work out every hidden value they can (disclosure-audit.ts), and while
// something protected can be worked out, one more cell is hidden — or, in a row of outcome counts
// (completers by grade), one more count. A table of several units (the district and its schools)
// is decided a unit at a time first, each unit's cells with its own sums alone, then whole from
// there (`decide`).
// Pure: no I/O.
import { attacker, empty, type Attacker } from "./disclosure-audit";
import { sameCell, sameDecision, tableDigest } from "./table-digest";

/** Primary suppression: fewer than 6 students (MA DESE's and our historical minimum n). */
export const MIN_N = 6;

export type Disclosure = "none" | "coded" | "suppressed";

/** A coded rate: "≤ bound %" (none or one student had the outcome) or "≥ bound %" (all or all but one). */
export type Coded = { op: "≤" | "≥"; bound: number };

export type DisclosureCell = {
  /** Students behind the cell: the minimum-n rule counts these. */
  size: number;
  /** The rates' denominator (students; enrollments ended for course completion). */
  denominator: number;
  /** One count per rate shown over the denominator (e.g. graduated by year end, by now). */
  numerators: number[];
  /** False for a cell that is never shown but can be worked out (none today: the flag groups' complements are shown since issue 18). */
  publish: boolean;
  /** The cell whose suppression hides this one too (a school's total hides the school's table). */
  within?: number;
  /**
   * Numerators (indices) that add up to the denominator, each list on its own (a row's outcomes). A
   * shown row with exactly one unknown count in a part (coded or hidden), or unknown counts adding
   * up to 0 or 1, has one more hidden (Decision.hidden). An empty list: counts that are separate
   * outcomes (none adds up to another), each protected on its own by hiding counts, never the row.
   */
  parts?: number[][];
  /**
   * Counts hidden together in a row of separate outcomes (`parts: []`): a reader may bound one by
   * the other (a completion too fast was mostly overridden), which the attack does not model.
   */
  together?: number[][];
  /** Numerators that are the sum of others (by now = by the end of the year + later). */
  sums?: { of: number; parts: number[] }[];
  /** Numerators never shown by themselves (the viewer knows them only through the sums). */
  derived?: number[];
  /** Not listed at all when hidden: the viewer cannot tell whether it is empty. */
  unlisted?: boolean;
};

/**
 * parent = Σ children, for every count; `size` too unless `sizeAdditive` is false (distinct students
 * across programs); only the first `numerators` numerators when given (a total's by-grade rows add
 * up to its two rates' counts, not to their other outcomes). `numerators: 0` ties the size and
 * denominator only: one cell with one child says two figures count the same students (access to a
 * program and the dropout rate, both over the October 1 roll: published.ts publishBeside).
 */
export type DisclosureRelation = { parent: number; children: number[]; sizeAdditive?: boolean; numerators?: number };

/** `hidden`: counts of a shown cell hidden to protect another count of its row (cells with `parts`). */
export type Decision = { state: "suppressed" } | { state: "shown"; coded: (Coded | null)[]; hidden?: boolean[] };

export type DisclosureTable = {
  cells: DisclosureCell[];
  relations: DisclosureRelation[];
  /** Whether a hidden non-empty cell's denominator is at least 1 (it counts students, not enrollments). */
  denominatorIsStudents: boolean;
  /** Decisions already made and published elsewhere (a figure's, beside its by-grade table): kept, never hidden further. */
  fixed?: (Decision | undefined)[];
};

/**
 * A cell with every field, in one order. V8 gives the objects of one literal one hidden class, and
 * a property read that meets more than four classes is megamorphic (a lookup in a shared cache):
 * the cells of the city's district quality view, made by five literals (with and without outcome
 * counts, a total or none), were five classes, and the attack reads their fields for every cell
 * of every table it builds. Every table's cells are made here (tests' may be plain literals).
 */
export function disclosureCell(c: DisclosureCell): { [K in keyof Required<DisclosureCell>]: DisclosureCell[K] } {
  return {
    size: c.size,
    denominator: c.denominator,
    numerators: c.numerators,
    publish: c.publish,
    within: c.within,
    parts: c.parts,
    together: c.together,
    sums: c.sums,
    derived: c.derived,
    unlisted: c.unlisted,
  };
}

const round1 = (v: number) => Math.round(v * 10) / 10;

/** Top/bottom coding: a rate whose count is within one student of none or all reads as a bound. */
export function coding(numerator: number, denominator: number): Coded | null {
  if (denominator <= 0) return null;
  if (numerator <= 1) return { op: "≤", bound: round1((100 * 1) / denominator) };
  if (numerator >= denominator - 1) return { op: "≥", bound: round1((100 * (denominator - 1)) / denominator) };
  return null;
}

/**
 * Fewer than 6 students, or a denominator of 1 to 5. A cell with no students but a count is small
 * too: the dropout rate counts a dropout at the school where it happened and the roll at the
 * school of October 1, so a group can have a dropout and nobody on the roll.
 */
export const isSmall = (c: Pick<DisclosureCell, "size" | "denominator"> & { numerators?: number[] }) =>
  (c.size > 0 || (c.numerators?.some((k) => k > 0) ?? false)) && (c.size < MIN_N || (c.denominator > 0 && c.denominator < MIN_N));

/** The first decision: primary suppression and coding, before any cell protects another. */
function initial(c: DisclosureCell): Decision {
  if (!c.publish || empty(c) || isSmall(c)) return { state: "suppressed" };
  return { state: "shown", coded: c.numerators.map((k) => coding(k, c.denominator)) };
}

/**
 * The decisions for a table: a pure function of it, so a table met again (the same counts — a past
 * year's figure after a write that changed only this year's, or another request's) gets the
 * decisions made for it, from a bounded memo keyed by the table's whole content.
 */
export function disclose(t: DisclosureTable): Decision[] {
  const lately = Object.isFrozen(t.relations) ? seenTables.get(t.relations) : undefined;
  const met = lately && seen(lately, t);
  if (met) return [...met];
  const key = tableDigest(t);
  let d = decided.get(key);
  // (Taken out and set again below: most recently used last.)
  if (d) decided.delete(key);
  else d = decide(t);
  decided.set(key, d);
  if (decided.size > DECIDED_TABLES) decided.delete(decided.keys().next().value!);
  if (Object.isFrozen(t.relations)) {
    const x: Seen = { cells: t.cells.slice(), fixed: t.fixed?.slice(), students: t.denominatorIsStudents, decisions: d };
    if (!lately) seenTables.set(t.relations, [x]);
    else keepSeen(lately, x);
  }
  return [...d];
}
/** Tables remembered: every figure, year and view of a district's summaries (30 schools: ~800). */
const DECIDED_TABLES = 1000;
const decided = new Map<string, Decision[]>();

/**
 * Tables decided lately, by their relations when frozen (the same array for every figure, year and
 * read of a view: published.ts sumsOf and besideSums, quality.ts structureOf), found again by their cells before
 * their digest is written: after a write most of a view's tables hold the very cells of its last
 * read (quality.ts cellsOf keeps a row's), or cells of the same numbers (the district's rows, added
 * up again). Comparing them was ~0.3 ms a city quality table where its digest was ~7 ms, and those
 * of its 401 units ~10 ms more for each table decided again (unitDecisions). Only a table of the
 * same content is found (table-digest.ts sameCell, sameDecision), so its decisions are the ones its
 * digest finds. SEEN tables of each relations array, most recently met first (the quality view
 * reads five over one array), copied: their cells are kept with them — the quality view's kept by
 * cellsOf anyway, the summaries' with their units' tallies (published.ts unitCells): a copy is an
 * array of pointers (~110 KB a city table of 14,000 cells), and a cell a write made again is kept
 * alive by it. They go with the relations.
 */
type Seen = { cells: readonly DisclosureCell[]; fixed?: readonly (Decision | undefined)[]; students: boolean; decisions: Decision[]; place?: number };
const SEEN = 8;
const seenTables = new WeakMap<readonly DisclosureRelation[], Seen[]>();
/**
 * The decisions of a table of `lately` with `t`'s content (or of its cells `cs`, in that order, the
 * unit at `place` of its table's units), moved first; else undefined.
 */
function seen(lately: Seen[], t: DisclosureTable, cs?: readonly number[], place?: number): Decision[] | undefined {
  const count = cs ? cs.length : t.cells.length;
  for (let e = 0; e < lately.length; e++) {
    const x = lately[e];
    if (x.place !== place || x.cells.length !== count || x.students !== t.denominatorIsStudents || !x.fixed !== !t.fixed) continue;
    let same = true;
    for (let k = 0; same && k < count; k++) {
      const c = cs ? cs[k] : k;
      same = sameCell(t.cells[c], x.cells[k]) && (!t.fixed || sameDecision(t.fixed[c], x.fixed![k]));
    }
    if (!same) continue;
    if (e > 0) (lately.splice(e, 1), lately.unshift(x));
    return x.decisions;
  }
  return undefined;
}
function keepSeen(lately: Seen[], x: Seen) {
  lately.unshift(x);
  if (lately.length > SEEN) lately.pop();
}
/**
 * Sums of this many cells are sorted when ranked again (deciding: rank); smaller ones are gone
 * through.
 */
let sortFrom = 16;
let sortedRanks = 0;
/**
 * Sets the fewest cells of a sum sorted when ranked again (tests: 1 sorts every one); returns the
 * last.
 */
export function sortSumsFrom(cells: number): number {
  const last = sortFrom;
  sortFrom = cells;
  return last;
}
/** How many sums were ranked from their sorted cells since the process began (tests). */
export const sumsRankedSorted = () => sortedRanks;
/** Tries at hiding one count of a row of separate outcomes before counts are hidden untried (forcedCounts). */
const SEPARATE_TRIES = 4;

/**
 * How forcedCounts finds the shortest run of counts that protects a leak: from the run found last
 * time for the same leak in a table of the same shape, widening the step both ways (the policy);
 * by doubling then halving; or by one more count at a time. All three find the same run (hiding
 * more never makes a count leak: tested on random districts); the first takes two attacks when the
 * run has not changed since the last write. `runs`, when given, gets each run's length, and
 * `hints` each search that started from a last run: [that run, the run found]; `from` (tests)
 * starts every hinted search there; `fresh` (tests) solves every block of sums anew, as if no table
 * had been decided before, and takes no shortcut in the attack (disclosure-audit.ts attacker); `capped` gets whether the table's attacks
 * stopped at a bound on their work (then its runs are searched by doubling: forcedCounts).
 */
export type RunSearch = { search: "hinted" | "doubling" | "linear"; runs?: number[]; hints?: [number, number][]; from?: number; fresh?: boolean; capped?: boolean[] };

/** The run last found for a leak (shape, cell, outcome): where the next search starts. */
const runHints = new Map<string, number>();
const RUN_HINTS = 10_000;

/**
 * A table's decisions. A table of several units (unitParts) is decided in two steps: each unit alone
 * (its cells and the sums among them: for a figure's first table, the school's own view's table), then the whole table
 * from those decisions, where the same rounds and attack hide more while anything can be worked out
 * through the sums across units (DEFINITIONS.md "Suppression", rule 2). A unit's decisions are kept
 * by their table's content (unitDecisions): after a write only the units whose tables it changed
 * (a school's, the district's) are decided alone again, and the whole table is decided from there. Deciding the whole table at once made
 * each school's leak try other schools' cells, each try attacking all of them (at 400 schools, 1–5 s
 * a table after every write). `how` (tests) reaches both steps; then no unit's decisions are kept.
 */
export function decide(t: DisclosureTable, how: RunSearch = { search: "hinted" }): Decision[] {
  const units = unitsOf(t);
  if (!units) return decideWhole(t, how);
  const parts = units.parts;
  const plain = how.search === "hinted" && !how.fresh && !how.runs && !how.hints && how.from === undefined && !how.capped;
  const d: Decision[] = new Array(t.cells.length);
  parts.forEach((cs, p) => {
    const x = plain ? unitDecisions(t, units, p) : decideWhole(units.table(p), how);
    cs.forEach((c, k) => (d[c] = x[k]));
  });
  return decideWhole(t, how, d);
}

function decideWhole(t: DisclosureTable, how: RunSearch, start?: Decision[]): Decision[] {
  let att: Attacker | undefined;
  try {
    return deciding(t, how, (a) => (att = a), start);
  } finally {
    if (att) how.capped?.push(att.capped());
    att?.release(); // its working arrays, for the next table's attacker
  }
}

/**
 * A table's units: each total with the cells within it, and with the cells of another figure tied
 * to them as the same students (`numerators: 0`, published.ts publishBeside). Undefined when the
 * table is one unit.
 */
function unitParts(t: DisclosureTable): number[][] | undefined {
  const n = t.cells.length;
  const up = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (up[i] !== i) i = up[i] = up[up[i]];
    return i;
  };
  const join = (a: number, b: number) => {
    const x = find(a);
    const y = find(b);
    if (x !== y) up[Math.max(x, y)] = Math.min(x, y);
  };
  t.cells.forEach((c, i) => c.within !== undefined && join(i, c.within));
  for (const r of t.relations) if (r.numerators === 0) for (const c of r.children) join(r.parent, c);
  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    const list = byRoot.get(r);
    if (list) list.push(i);
    else byRoot.set(r, [i]);
  }
  return byRoot.size > 1 ? [...byRoot.values()] : undefined;
}

/**
 * A table's units: each unit's cells (`parts`), its relations (those whose cells are all in it:
 * indices into the table's), each cell's place in its unit (`at`), and each unit's own table (its
 * cells in order, the sums among them alone, their fixed decisions), built when asked for.
 * Undefined when the table is one unit. What the cells' totals (`within`) and the sums give is kept
 * with a frozen relations array (as sumLists), for cells within the same totals.
 */
type Units = { parts: number[][]; relations: number[][]; at: Int32Array; table(p: number): DisclosureTable };
type UnitLists = { within: Int32Array; parts: number[][] | undefined; relations: number[][]; at: Int32Array };
const keptUnits = new WeakMap<readonly DisclosureRelation[], UnitLists>();
function unitsOf(t: DisclosureTable): Units | undefined {
  const n = t.cells.length;
  const within = new Int32Array(n);
  for (let i = 0; i < n; i++) within[i] = t.cells[i].within ?? -1;
  let lists = keptUnits.get(t.relations);
  if (!lists || lists.within.length !== n || lists.within.some((w, i) => w !== within[i])) {
    const parts = unitParts(t);
    lists = { within, parts, ...(parts ? unitLists(t, parts) : { relations: [], at: new Int32Array(0) }) };
    if (Object.isFrozen(t.relations)) {
      // (Each unit's relations frozen too: table-digest.ts keeps their digests by them.)
      for (const rs of lists.relations) Object.freeze(rs);
      keptUnits.set(t.relations, lists);
    }
  }
  const { parts, relations, at } = lists;
  return parts && { parts, relations, at, table: (p) => unitTable(t, parts, relations, at, p) };
}
function unitLists(t: DisclosureTable, parts: number[][]): { relations: number[][]; at: Int32Array } {
  const partOf = new Int32Array(t.cells.length);
  const at = new Int32Array(t.cells.length);
  parts.forEach((cs, p) => cs.forEach((c, k) => ((partOf[c] = p), (at[c] = k))));
  const relations = parts.map((): number[] => []);
  t.relations.forEach((r, ri) => {
    const p = partOf[r.parent];
    if (r.children.every((c) => partOf[c] === p)) relations[p].push(ri);
  });
  return { relations, at };
}
function unitTable(t: DisclosureTable, parts: number[][], relations: number[][], at: Int32Array, p: number): DisclosureTable {
  return {
    cells: parts[p].map((c) => {
      const x = t.cells[c];
      return x.within === undefined ? x : disclosureCell({ ...x, within: at[x.within] });
    }),
    relations: relations[p].map((ri) => {
      const r = t.relations[ri];
      return { ...r, parent: at[r.parent], children: r.children.map((c) => at[c]) };
    }),
    denominatorIsStudents: t.denominatorIsStudents,
    ...(t.fixed ? { fixed: parts[p].map((c) => t.fixed![c]) } : {}),
  };
}

/**
 * A unit's decisions, kept by its table's content (a write changes one school's: the others come
 * from here). At most UNIT_TABLES, least recently used first out: the city's equity page decides
 * ~6,000 units (15 tables of 401), its summary with the trend ~11,000, the quality view more.
 * Most decisions are one of a few (hidden; shown uncoded), kept as one shared object each, so a
 * unit costs about a pointer a cell (~1 KB with its key: ~30 MB at most).
 */
const UNIT_TABLES = 30_000;
const SUPPRESSED: Decision = Object.freeze({ state: "suppressed" });
const shownPlain: Decision[] = [];
const shared = (x: Decision): Decision => {
  if (x.state === "suppressed") return SUPPRESSED;
  if (x.hidden || x.coded.some((c) => c != null)) return x;
  return (shownPlain[x.coded.length] ??= Object.freeze({ state: "shown", coded: Object.freeze(x.coded.map(() => null)) as (Coded | null)[] }));
};
const unitDecided = new Map<string, Decision[]>();
function unitDecisions(t: DisclosureTable, units: Units, p: number): Decision[] {
  // The unit as last decided, found by its first cell (quality.ts cellsOf keeps a row's cells: a
  // school a write did not touch has the same ones), when it had the same cells at the same place
  // of a table of the same units (so the same sums, and totals at the same places within it), as
  // disclose's `seen`.
  const cs = units.parts[p];
  const first = t.cells[cs[0]];
  const last = seenUnits.get(units.parts)?.get(first);
  const met = last && seen(last, t, cs, p);
  if (met) return met;
  // (The unit's table's own digest, written from the whole table's cells: the table is built only to be decided.)
  const key = tableDigest(t, cs, units.relations[p], units.at);
  let d = unitDecided.get(key);
  if (d) unitDecided.delete(key);
  else d = decideWhole(units.table(p), { search: "hinted" }).map(shared);
  unitDecided.set(key, d);
  if (unitDecided.size > UNIT_TABLES) unitDecided.delete(unitDecided.keys().next().value!);
  let byFirst = seenUnits.get(units.parts);
  if (!byFirst) seenUnits.set(units.parts, (byFirst = new WeakMap()));
  byFirst.set(first, [{ cells: cs.map((c) => t.cells[c]), fixed: t.fixed && cs.map((c) => t.fixed![c]), students: t.denominatorIsStudents, decisions: d, place: p }]);
  return d;
}
/** Each unit as last decided, by its table's units (a kept `parts`: the same relations and totals) and its first cell. */
const seenUnits = new WeakMap<readonly number[][], WeakMap<DisclosureCell, Seen[]>>();

/**
 * What a table's sums alone give (deciding): each relation's cells (parent first), each cell's
 * relations, each cell's mates (the other cells of its relations: filled in when first asked for),
 * and how many sums each cell is the total of. Kept with a frozen relations array (the quality
 * view's, shared by its five tables and by its reads while its rows are the same: quality.ts
 * structureOf), where making them again was ~10 ms of the city's district view a table, with
 * ~50,000 lists of garbage.
 */
type SumLists = { n: number; members: number[][]; byCell: number[][]; mates: (number[] | undefined)[]; sumOf: Int32Array };
const keptSumLists = new WeakMap<readonly DisclosureRelation[], SumLists>();
function sumLists(t: DisclosureTable): SumLists {
  const n = t.cells.length;
  const kept = keptSumLists.get(t.relations);
  if (kept && kept.n === n) return kept;
  const members = t.relations.map((r) => [r.parent, ...r.children]);
  const byCell: number[][] = new Array(n);
  for (let i = 0; i < n; i++) byCell[i] = [];
  for (let ri = 0; ri < members.length; ri++) for (const i of members[ri]) byCell[i].push(ri);
  const sumOf = new Int32Array(n);
  for (const r of t.relations) sumOf[r.parent]++;
  const made = { n, members, byCell, mates: [], sumOf };
  if (Object.isFrozen(t.relations)) keptSumLists.set(t.relations, made);
  return made;
}

function deciding(t: DisclosureTable, how: RunSearch, made: (att: Attacker) => void, start?: Decision[]): Decision[] {
  const cells = t.cells;
  // (slice: a spread goes through the iterator protocol, ~1.7 ms for the city's quality tables.)
  const d = start ? start.slice() : cells.map((c, i) => t.fixed?.[i] ?? initial(c));
  const att = attacker(t, d, isSmall, { fresh: how.fresh });
  made(att);
  const fixed = t.fixed;
  const pinned = (i: number) => fixed?.[i] !== undefined;
  // What the rounds ask of a cell again and again, kept beside `d` (suppress and hideCount are its
  // only writes): whether it may be hidden at all (published, not empty, not fixed elsewhere),
  // whether it is hidden, whether a rate of it is coded. Asked of every cell summed with one (a
  // district's sum: 400 schools) in every round, they were about half of a whole table's decision
  // outside its attacks.
  // (Filled in plain loops here and below: a typed array's `from` with a function goes through the
  // iterator protocol, ~40% of this setup on the city's 30,476-cell tables.)
  const n = cells.length;
  const mayHide = new Uint8Array(n);
  const hiddenNow = new Uint8Array(n);
  const codedNow = new Uint8Array(n);
  const codable = new Uint8Array(n); // whether a coded rate of it counts as unknown in a sum (coded below)
  // And what the sums' setup and passes read of every cell they hold: whether it is empty, has
  // outcome counts (`parts`), and how many numerators it has. (Read through the cells, for every cell of every sum,
  // they were about a fifth of the time a city quality table's decision spent outside its attacks.)
  const isEmpty = new Uint8Array(n);
  const hasParts = new Uint8Array(n);
  const width = new Int32Array(n);
  const withinAt = new Int32Array(n); // its total (-1: none)
  for (let i = 0; i < n; i++) {
    const c = cells[i];
    const x = d[i];
    isEmpty[i] = empty(c) ? 1 : 0;
    hasParts[i] = c.parts ? 1 : 0;
    width[i] = c.numerators.length;
    withinAt[i] = c.within ?? -1;
    mayHide[i] = c.publish && isEmpty[i] === 0 && !pinned(i) ? 1 : 0;
    hiddenNow[i] = x.state === "suppressed" ? 1 : 0;
    codedNow[i] = isCoded(x) ? 1 : 0;
    codable[i] = !c.parts && !pinned(i) ? 1 : 0;
  }
  const suppress = (i: number) => {
    if (open(i)) for (const ri of byCell[i]) openIn[ri]--;
    d[i] = { state: "suppressed" };
    hiddenNow[i] = 1;
    codedNow[i] = 0;
    for (let x = countAt[i]; x < countAt[i + 1]; x++) countUnknown[x] = 1;
    att.decide(i, d[i]);
    touch(i);
  };
  // The rounds below go through a sum (sumDirty, rowSumDirty) or a row (rowDirty) again only if it
  // changed something when last gone through, or one of its cells was decided since (touch): what
  // each asks reads only its cells' decisions (and whether a cell has a partner, which once none
  // stays none), so one left as it was gives nothing again. (Going through every sum of the city
  // quality view's tables in every round was ~7 ms a round, ~160 rounds for the bench's tables.)
  const touch = (i: number) => {
    rowDirty[i] = 1;
    for (const ri of byCell[i]) sumDirty[ri] = rowSumDirty[ri] = 1;
  };
  const open = (i: number) => mayHide[i] === 1 && hiddenNow[i] === 0;
  // Each relation's cells (parent first), each cell's relations, and each cell's mates: the other
  // cells of its relations, once each (worked out when first asked for). Sums alone: kept with them.
  const { members, byCell, mates: matesOf, sumOf } = sumLists(t);
  // How many cells of each sum may still be hidden (kept by suppress): partner passes over sums
  // with none but the cell asked about.
  const openIn = new Int32Array(members.length);
  for (let ri = 0; ri < members.length; ri++) for (const i of members[ri]) if (open(i)) openIn[ri]++;
  const mateMark = new Int32Array(cells.length); // i + 1 at j: j already met while working out i's mates
  const mates = (i: number): number[] => {
    let out = matesOf[i];
    if (out) return out;
    mateMark[i] = i + 1;
    out = matesOf[i] = [];
    for (const ri of byCell[i]) for (const j of members[ri]) if (mateMark[j] !== i + 1) ((mateMark[j] = i + 1), out.push(j));
    return out;
  };
  const mark = new Int32Array(cells.length); // cells met in one remedy, where mark is `stamp`
  let stamp = 0;
  // Whom to hide beside cell `i`: a cell summed with it — a group before a unit's total, a coded
  // cell before a shown one, then the smallest (ties: the first listed). That order is asked only of
  // cells that may still be hidden, whose coded state does not change until they are (suppress), so
  // it is worked out once, as one number a cell (orderKeys).
  const keys = orderKeys(cells, codedNow);
  const before = keys ? (a: number, b: number): number => keys[a] - keys[b] : pickOrder(cells, codedNow);
  const byRank = (xs: number[]) => xs.filter(open).sort(before);
  // Each sum's first two cells in that order that may still be hidden (-2: not worked out yet; -1:
  // none), worked out again only when one of them is hidden: cells are never shown again, so a
  // first cell still open is still the first. (Each partner asked went through every cell of a
  // district's sums of 400 schools: ~100,000 partners asked over 32 replayed city quality tables,
  // 190–240 ms; 120–150 ms so.)
  const first = new Int32Array(members.length).fill(-2);
  const second = new Int32Array(members.length).fill(-2);
  // A sum ranked again (one of its first two hidden since) gets its open cells sorted in that order
  // once, and is gone through from its last first cell on: in the city quality view's whole tables,
  // a district's sums of 400 schools were gone through again for each cell hidden in them (~25 ms a
  // read after a write). (No two cells tie in that order, so the sorted list gives the cells the
  // pass below gives; hidden cells are never open again, so none is missed by starting later.)
  const sortedIn: (number[] | undefined)[] = new Array(members.length);
  const sortedFrom = new Int32Array(members.length);
  const rank = (ri: number) => {
    let a = -1;
    let b = -1;
    const ms = members[ri];
    let s = sortedIn[ri];
    if (!s && first[ri] !== -2 && ms.length >= sortFrom) s = sortedIn[ri] = byRank(ms);
    if (s) {
      sortedRanks++;
      let x = sortedFrom[ri];
      while (x < s.length && !open(s[x])) x++;
      sortedFrom[ri] = x;
      if (x < s.length) a = s[x];
      for (x++; x < s.length && b < 0; x++) if (s[x] !== a && open(s[x])) b = s[x];
      first[ri] = a;
      second[ri] = b;
      return;
    }
    for (let x = 0; x < ms.length; x++) {
      const j = ms[x];
      if (!open(j)) continue;
      if (a < 0 || before(j, a) < 0) ((b = a), (a = j));
      else if (j !== a && (b < 0 || before(j, b) < 0)) b = j; // (a cell listed twice is one cell)
    }
    first[ri] = a;
    second[ri] = b;
  };
  /** The first cell of sum `ri` in that order, other than `i`, that may still be hidden (-1: none). */
  const firstOpen = (ri: number, i: number): number => {
    if (first[ri] === -2 || (first[ri] >= 0 && !open(first[ri]))) rank(ri);
    if (first[ri] !== i) return first[ri];
    if (second[ri] >= 0 && !open(second[ri])) rank(ri);
    return second[ri];
  };
  // (Through the cell's sums, not its mates: no list made for a cell only asked this. A cell left
  // without a partner keeps none — hidden cells are never shown again — and is not asked again: in
  // the city's quality table ~2,400 sums of 400 schools were asked in every round, 7.8 million
  // cells gone through.)
  const noPartner = new Uint8Array(cells.length);
  const partner = (i: number): number | undefined => {
    if (noPartner[i]) return undefined;
    let best: number | undefined;
    const self = open(i) ? 1 : 0;
    const rs = byCell[i];
    for (let k = 0; k < rs.length; k++) {
      const ri = rs[k];
      if (openIn[ri] - self <= 0) continue;
      const j = firstOpen(ri, i);
      if (j >= 0 && (best === undefined || before(j, best) < 0)) best = j;
    }
    if (best === undefined) noPartner[i] = 1;
    return best;
  };
  // For a leak: the first candidate — summed with the cell, else one sum further through the hidden
  // cells summed with it — whose suppression stops the leak; else the first candidate (in that
  // order). The leak's own unit's groups (not its total) are tried first: another school's cell of
  // the same group rarely stops a school's leak, and at 400 schools trying each of them was most of
  // the district's decision. The fallback stays the first in order: the own unit's first cell may be
  // its total, which hides the unit whole.
  const remedy = (i: number): number | undefined => {
    const near = byRank(mates(i));
    stamp++;
    for (const j of near) mark[j] = stamp;
    const further: number[] = [];
    for (const j of mates(i)) {
      if (open(j)) continue;
      for (const x of mates(j)) if (mark[x] !== stamp) ((mark[x] = stamp), further.push(x));
    }
    const all = [...near, ...byRank(further)];
    const home = cells[i].within ?? i;
    const ownGroup = (j: number) => cells[j].within === home;
    const tried = [...all.filter(ownGroup), ...all.filter((j) => !ownGroup(j))];
    return tried.find((j) => !att.leaksIf(i, j, { state: "suppressed" })) ?? all[0];
  };
  // A row with outcome counts (`parts`): one more of its counts hidden, the smallest shown one first.
  const unknownCount = (x: Decision, k: number) => x.state === "suppressed" || x.coded[k] != null || !!x.hidden?.[k];
  const withHidden = (i: number, k: number): Decision => {
    const x = d[i] as Extract<Decision, { state: "shown" }>;
    const tied = cells[i].together?.find((g) => g.includes(k)) ?? [k];
    const hidden = cells[i].numerators.map((_, j) => tied.includes(j) || !!x.hidden?.[j]);
    return { ...x, hidden };
  };
  const shownCounts = (i: number, among: number[]) =>
    among.filter((k) => !unknownCount(d[i], k) && !cells[i].derived?.includes(k)).sort((a, b) => cells[i].numerators[a] - cells[i].numerators[b] || a - b);
  /** A row whose counts are separate outcomes (no parts, no sums): hiding one count tells nothing of another. */
  const separate = (i: number) => cells[i].parts?.length === 0 && !cells[i].sums;
  const hideCount = (i: number, k: number) => {
    d[i] = withHidden(i, k);
    knownCounts(i);
    att.decide(i, d[i]);
    touch(i);
  };
  // For a leak: the first count of a shown row with outcome counts — the leaking cell's, then those
  // summed with it; in each, the count of the same outcome as the leak first, then the others,
  // smallest first — whose hiding stops it, before hiding a whole cell (always, for a size).
  const countRemedy = (i: number): [number, number] | undefined => {
    const same = att.leakingCount(i);
    if (same === "size") return undefined; // hiding counts cannot hide a size
    // Rows of separate outcomes: hiding the leaking count itself, or another outcome's, changes
    // nothing; a few of the nearest tries, then forcedCounts.
    let tries = separate(i) ? SEPARATE_TRIES : Infinity;
    for (const j of [i, ...byRank(mates(i))]) {
      if (!cells[j].parts || !open(j) || (j === i && separate(i))) continue;
      const order = shownCounts(j, separate(j) && same !== undefined ? [same] : cells[j].numerators.map((_, x) => x)).sort((a, b) => Number(b === same) - Number(a === same));
      if (separate(j) && order.length > 0 && tries-- <= 0) break;
      const k = order.find((x) => !att.leaksIf(i, j, withHidden(j, x)));
      if (k !== undefined) return [j, k];
    }
    return undefined;
  };
  // In a row of separate outcomes, a count no single hiding protects (a 0 that a shown total and its one shown part give away: the
  // part's 2 = the total's 2): shown counts of the same outcome summed with it are hidden, one after
  // another — from the nearest ring of cells on (summed with it, then one sum further, …), in each
  // the least added-up row's (a course before its provider) first, the largest count among those —
  // until it is protected. Only counts are hidden, never the rows that hold them; a unit's total,
  // what people read first, is never picked here: when only totals are left, the whole-row remedy
  // below decides (it hides a group before a total).
  // The counts hidden are the shortest run of that order that protects it. The run is found by
  // attacking longer runs, doubling (1, 2, 4, …), then halving between the last two: a count given
  // away through many sums (a school's pair row: by its school's total, its provider's and its
  // program's rows, the district's row and its courses) takes hundreds, and was one attack each.
  const relMark = new Int32Array(t.relations.length); // sums met in one forcedCounts, where relMark is `stamp`
  const forcedCounts = (i: number): [number, number][] | undefined => {
    const same = att.leakingCount(i);
    if (same === "size" || same === undefined || !separate(i)) return undefined;
    const order: number[] = [];
    stamp++;
    mark[i] = stamp;
    let ring = [i];
    while (ring.length > 0) {
      // The next ring: the cells of the sums the ring's cells are in, not met before. (Each sum gone
      // through once: going through every cell's mates, a district's sums of 400 schools were met
      // once for each of their cells, ~250 ms for the city's quality table.)
      const next: number[] = [];
      for (const x of ring)
        for (const ri of byCell[x]) {
          if (relMark[ri] === stamp) continue;
          relMark[ri] = stamp;
          for (const j of members[ri]) if (mark[j] !== stamp) ((mark[j] = stamp), next.push(j));
        }
      const candidates = next.filter((j) => separate(j) && open(j) && !unknownAt(j, same) && cells[j].within !== undefined);
      candidates.sort((a, b) => sumOf[a] - sumOf[b] || cells[b].numerators[same] - cells[a].numerators[same] || a - b);
      for (const j of candidates) order.push(j);
      ring = next;
    }
    if (order.length === 0) return undefined;
    // Protected: that count of the row (and its complement) no longer worked out — another outcome
    // of the row may still leak, which counts of this outcome cannot protect (the next round's run).
    const protects = (n: number) =>
      !att.leaksIfAll(
        i,
        same,
        order.slice(0, n).map((j) => [j, withHidden(j, same)]),
      );
    const hintKey = `${att.shape} ${i} ${same}`;
    const run = (n: number, hint: number | undefined): [number, number][] => {
      how.runs?.push(n);
      if (hint !== undefined) how.hints?.push([hint, n]);
      runHints.delete(hintKey);
      runHints.set(hintKey, n);
      if (runHints.size > RUN_HINTS) runHints.delete(runHints.keys().next().value!);
      return order.slice(0, n).map((j) => [j, same]);
    };
    // The shortest run that protects it (or the whole order, when none does).
    const shortest = (hint: number | undefined): number => {
      let short = 0; // a run that does not protect it (0: none)
      let long = order.length; // one that does, or the whole order
      if (hint !== undefined) {
        // From the last run: steps of 1, 2, 4, … down while it protects, or up while it does not.
        let at = Math.min(hint, order.length);
        if (protects(at)) {
          long = at;
          for (let step = 1; long > 1; step *= 2) {
            at = Math.max(long - step, 1);
            if (!protects(at)) {
              short = at;
              break;
            }
            long = at;
          }
        } else {
          short = at;
          for (let step = 1; short < order.length; step *= 2) {
            at = Math.min(short + step, order.length);
            if (protects(at)) {
              long = at;
              break;
            }
            short = at;
          }
          if (short === order.length) return order.length;
        }
      } else {
        long = 1;
        const next = how.search === "linear" ? (n: number) => n + 1 : (n: number) => Math.min(2 * n, order.length);
        while (long < order.length && !protects(long)) ((short = long), (long = next(long)));
        if (long === order.length && !protects(long)) return long;
      }
      while (long - short > 1) {
        const mid = (short + long) >> 1;
        if (protects(mid)) long = mid;
        else short = mid;
      }
      return long;
    };
    const hint = how.search === "hinted" && !att.capped() ? (how.from ?? runHints.get(hintKey)) : undefined;
    const found = shortest(hint);
    // The same run whichever search finds it, as long as the attack runs to its end: should one have
    // stopped at a bound on its work, the run is the one doubling finds, whatever came before.
    if (hint !== undefined && att.capped()) return run(shortest(undefined), undefined);
    return run(found, hint);
  };

  // What the rounds below go through, worked out once: the relations that tie sizes only; the cells
  // with outcome counts, each with its parts that hold no derived count; the relations that hold
  // such a cell, each with how many numerators it ties.
  // (A relation tying sizes only — `numerators: 0`, a figure over the same students as another —
  // is no sum whose one hidden cell would be worked out: the size it gives is shown beside it.)
  // (A sum's non-empty cells are its members less those isEmpty marks: a list of them made for
  // every sum was ~3 ms of each city quality table's decision.)
  const sizesOnly = new Uint8Array(members.length);
  for (let ri = 0; ri < members.length; ri++) sizesOnly[ri] = t.relations[ri].numerators === 0 ? 1 : 0;
  // (Only the rows with a part: a row of separate outcomes (`parts: []`) has none to go through, and
  // every cell of the quality view's outcome tables is one: 21,000 entries a table at the city.)
  const rows: { i: number; parts: number[][] }[] = [];
  for (let i = 0; i < n; i++) {
    const c = cells[i];
    if (!c.parts || c.parts.length === 0) continue;
    const parts = c.derived ? c.parts.filter((part) => !part.some((k) => c.derived!.includes(k))) : c.parts;
    if (parts.length > 0) rows.push({ i, parts });
  }
  const sumDirty = new Uint8Array(members.length).fill(1);
  const rowSumDirty = new Uint8Array(members.length).fill(1);
  const rowDirty = new Uint8Array(n).fill(1);
  const rowSums: { r: DisclosureRelation; ri: number; tied: number }[] = [];
  for (let ri = 0; ri < members.length; ri++) {
    let withParts = false;
    let tied = t.relations[ri].numerators ?? Infinity;
    const ms = members[ri];
    for (let x = 0; x < ms.length; x++) {
      const i = ms[x];
      if (hasParts[i] === 1) withParts = true;
      if (width[i] < tied) tied = width[i];
    }
    if (withParts) rowSums.push({ r: t.relations[ri], ri, tied });
  }
  // (Rows with outcome counts protect their coded counts in their own row, below; decisions made
  // elsewhere (`fixed`) were protected there: the attack protects both across tables: `codable`.)
  const coded = (i: number) => codedNow[i] === 1 && codable[i] === 1;
  const unknownAt = (i: number, k: number) => unknownCount(d[i], k) || !!cells[i].derived?.includes(k);
  // Every cell's counts, flat (count k of cell i at countAt[i] + k): its value, and whether it is
  // unknown (unknownAt), kept by suppress and hideCount. (The sums of rows with outcome counts
  // below asked unknownAt of every count of a district's sums, 400 schools, in every round: ~15% of
  // a city quality table's decision outside its attacks.)
  // (Only for a table with such sums: countAt stays 0, and the arrays empty, for the others.)
  const countAt = new Int32Array(n + 1);
  if (rowSums.length > 0) for (let i = 0; i < n; i++) countAt[i + 1] = countAt[i] + width[i];
  const countOf = new Float64Array(countAt[n]);
  const countUnknown = new Uint8Array(countAt[n]);
  const knownCounts = (i: number) => {
    for (let x = countAt[i]; x < countAt[i + 1]; x++) countUnknown[x] = unknownAt(i, x - countAt[i]) ? 1 : 0;
  };
  if (rowSums.length > 0)
    for (let i = 0; i < n; i++) {
      const ks = cells[i].numerators;
      for (let k = 0; k < ks.length; k++) countOf[countAt[i] + k] = ks[k];
      knownCounts(i);
    }

  for (let round = 0; round < 10 * cells.length + 10; round++) {
    let changed = false;
    // A suppressed total hides everything within it.
    for (let i = 0; i < n; i++) {
      const w = withinAt[i];
      if (w >= 0 && hiddenNow[w] === 1 && hiddenNow[i] === 0 && !pinned(i)) (suppress(i), (changed = true));
    }
    // Complementary suppression: no sum may have exactly one unknown published cell — first counting
    // the hidden cells as unknown, then the hidden and coded ones.
    // (Both counts in one pass over the sum; counted again with the coded ones only after a cell was
    // hidden for the first.)
    for (let ri = 0; ri < members.length; ri++) {
      if (!sumDirty[ri]) continue;
      if (sizesOnly[ri] === 1) {
        sumDirty[ri] = 0;
        continue;
      }
      const ms = members[ri];
      let acted = false;
      let u = -1;
      let count = 0;
      let uc = -1;
      let countCoded = 0;
      for (let x = 0; x < ms.length; x++) {
        const i = ms[x];
        if (isEmpty[i] === 1) continue;
        if (hiddenNow[i] === 1) {
          if (count++ === 0) u = i;
          if (countCoded++ === 0) uc = i;
        } else if (coded(i) && countCoded++ === 0) uc = i;
      }
      if (count === 1 && cells[u].publish) {
        const p = partner(u);
        if (p !== undefined) {
          suppress(p);
          changed = acted = true;
          countCoded = 0;
          for (let x = 0; x < ms.length; x++) {
            const i = ms[x];
            if (isEmpty[i] === 0 && (hiddenNow[i] === 1 || coded(i)) && countCoded++ === 0) uc = i;
          }
        }
      }
      if (countCoded === 1 && cells[uc].publish) {
        const p = partner(uc);
        if (p !== undefined) (suppress(p), (changed = acted = true));
      }
      sumDirty[ri] = acted ? 1 : 0;
    }
    // Within a row of outcome counts: no part may have exactly one unknown count, nor unknown counts
    // that add up to 0 or 1 (each would be worked out): one more is hidden, the smallest (of 2 or more).
    for (const { i, parts } of rows) {
      if (!rowDirty[i]) continue;
      rowDirty[i] = 0;
      if (!open(i)) continue;
      const c = cells[i];
      let acted = false;
      for (const part of parts) {
        let unknown = 0;
        let sum = 0;
        for (const k of part) if (unknownCount(d[i], k)) (unknown++, (sum += c.numerators[k]));
        const few = unknown > 0 && sum <= 1;
        if (unknown !== 1 && !few) continue;
        const k = shownCounts(i, part).find((x) => !few || c.numerators[x] >= 2);
        if (k !== undefined) (hideCount(i, k), (changed = acted = true));
      }
      rowDirty[i] = acted ? 1 : 0;
    }
    // Sums of rows with outcome counts: hidden counts that add up to 0 or 1 give each other away
    // (a junior's "graduated by year end" is the total's less the seniors'), so the largest shown
    // count of that outcome in the sum is hidden too (ties: the first cell).
    for (const { r, ri, tied } of rowSums) {
      if (!rowSumDirty[ri]) continue;
      let acted = false;
      const cs = r.children;
      for (let k = 0; k < tied; k++) {
        if (countUnknown[countAt[r.parent] + k] === 1) continue;
        let hidden = 0;
        let sum = 0;
        for (let y = 0; y < cs.length; y++) {
          const at = countAt[cs[y]] + k;
          if (isEmpty[cs[y]] === 0 && countUnknown[at] === 1) (hidden++, (sum += countOf[at]));
        }
        if (hidden === 0 || sum > 1) continue;
        let big = -1;
        for (let y = 0; y < cs.length; y++) {
          const i = cs[y];
          const x = countOf[countAt[i] + k];
          if (open(i) && countUnknown[countAt[i] + k] === 0 && x >= 2 && (big < 0 || x > countOf[countAt[big] + k] || (x === countOf[countAt[big] + k] && i < big))) big = i;
        }
        if (big < 0) continue;
        if (cells[big].parts) hideCount(big, k);
        else suppress(big);
        changed = acted = true;
      }
      rowSumDirty[ri] = acted ? 1 : 0;
    }
    if (changed) continue;
    const leaks = att.leaks();
    if (leaks.length === 0) return d;
    const i = leaks[0];
    const count = countRemedy(i);
    if (count) {
      hideCount(...count);
      continue;
    }
    const forced = forcedCounts(i);
    if (forced) {
      for (const c of forced) hideCount(...c);
      continue;
    }
    const p = remedy(i);
    if (p !== undefined) suppress(p);
    else if (open(i)) suppress(i);
    else return d.map((x, j) => (cells[j].publish && j !== 0 && !pinned(j) ? { state: "suppressed" } : x)); // cannot happen with our tables; fail closed
  }
  return d;
}

/**
 * The order deciding picks cells to hide in: a group before a unit's total, a coded cell before a
 * shown one (`codedNow`: 1 for a coded cell), then the smallest, then the first listed.
 */
export function pickOrder(cells: readonly DisclosureCell[], codedNow: Uint8Array): (a: number, b: number) => number {
  return (a, b) => {
    const ca = cells[a];
    const cb = cells[b];
    if ((ca.within === undefined) !== (cb.within === undefined)) return ca.within === undefined ? 1 : -1;
    const xa = codedNow[a];
    if (xa !== codedNow[b]) return xa ? -1 : 1;
    return ca.size - cb.size || a - b;
  };
}

/**
 * pickOrder as one number a cell, smaller first; undefined when sizes are not counts small enough
 * for the number to hold them exactly (pickOrder is then asked).
 */
export function orderKeys(cells: readonly DisclosureCell[], codedNow: Uint8Array): Float64Array | undefined {
  const n = cells.length;
  let most = 0;
  for (let i = 0; i < n; i++) {
    const size = cells[i].size;
    if (!Number.isSafeInteger(size) || size < 0) return undefined;
    if (size > most) most = size;
  }
  const span = most + 1;
  if (4 * span * n >= Number.MAX_SAFE_INTEGER) return undefined;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = cells[i];
    const kind = (c.within === undefined ? 2 : 0) + (codedNow[i] === 1 ? 0 : 1);
    keys[i] = (kind * span + c.size) * n + i;
  }
  return keys;
}

/** The cells that leak under decisions `d` (disclosure-audit.ts). */
export function audit(t: DisclosureTable, d: Decision[]): number[] {
  const att = attacker(t, d, isSmall);
  try {
    return att.leaks();
  } finally {
    att.release();
  }
}

const isCoded = (x: Decision) => x.state === "shown" && x.coded.some((c) => c != null);
