// Disclosure avoidance for every aggregate the reports show (DEFINITIONS.md "Suppression"), after
// NCES, "Statistical Methods for Protecting Personally Identifiable Information in Aggregate
// Reporting", SLDS Technical Brief 3 (NCES 2011-603, Seastrom, December 2010): minimum group size,
// complementary suppression within and across related tables, and top/bottom coding of rates.
//
// One function, `disclose`, takes all the related aggregates one viewer can see for one figure —
// cells (a group of one school or of the district) and the sums that tie them (a total = its
// groups; the district's group = the schools' groups; a flag group + its never-shown complement =
// all students) — and decides for each cell: shown, coded ("≤ 16.7%") or suppressed. It then
// attacks its own answer (`audit`): from what is shown, bounds and linear algebra work out every
// hidden value they can, and while something protected can be worked out, one more cell is hidden.
// Pure: no I/O.

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
  /** False for a cell that is never shown (a flag group's complement) but can be worked out. */
  publish: boolean;
  /** The cell whose suppression hides this one too (a school's total hides the school's table). */
  within?: number;
};

/** parent = Σ children, for every count; `size` too unless `sizeAdditive` is false (distinct students across programs). */
export type DisclosureRelation = { parent: number; children: number[]; sizeAdditive?: boolean };

export type Decision = { state: "suppressed" } | { state: "shown"; coded: (Coded | null)[] };

export type DisclosureTable = {
  cells: DisclosureCell[];
  relations: DisclosureRelation[];
  /** Whether a hidden non-empty cell's denominator is at least 1 (it counts students, not enrollments). */
  denominatorIsStudents: boolean;
};

const round1 = (v: number) => Math.round(v * 10) / 10;

/** Top/bottom coding: a rate whose count is within one student of none or all reads as a bound. */
export function coding(numerator: number, denominator: number): Coded | null {
  if (denominator <= 0) return null;
  if (numerator <= 1) return { op: "≤", bound: round1((100 * 1) / denominator) };
  if (numerator >= denominator - 1) return { op: "≥", bound: round1((100 * (denominator - 1)) / denominator) };
  return null;
}

export const isSmall = (c: Pick<DisclosureCell, "size" | "denominator">) => c.size > 0 && (c.size < MIN_N || (c.denominator > 0 && c.denominator < MIN_N));
const empty = (c: DisclosureCell) => c.size === 0;

/** The first decision: primary suppression and coding, before any cell protects another. */
function initial(c: DisclosureCell): Decision {
  if (!c.publish || empty(c) || isSmall(c)) return { state: "suppressed" };
  return { state: "shown", coded: c.numerators.map((k) => coding(k, c.denominator)) };
}

export function disclose(t: DisclosureTable): Decision[] {
  const d = t.cells.map(initial);
  const suppress = (i: number) => (d[i] = { state: "suppressed" });
  const open = (i: number) => t.cells[i].publish && !empty(t.cells[i]) && d[i].state !== "suppressed";
  const byCell = t.cells.map(() => [] as number[]);
  t.relations.forEach((r, ri) => [r.parent, ...r.children].forEach((i) => byCell[i].push(ri)));
  // Whom to hide beside cell `i`: a cell summed with it — a group before a unit's total, a coded
  // cell before a shown one, then the smallest (ties: the first listed).
  const rank = (j: number) => [t.cells[j].within === undefined ? 1 : 0, isCoded(d[j]) ? 0 : 1, t.cells[j].size, j];
  const byRank = (xs: Iterable<number>) => [...new Set(xs)].filter(open).sort((a, b) => (less(rank(a), rank(b)) ? -1 : 1));
  const mates = (i: number) => byCell[i].flatMap((ri) => [t.relations[ri].parent, ...t.relations[ri].children]).filter((j) => j !== i);
  const partner = (i: number): number | undefined => byRank(mates(i))[0];
  // For a leak: the first candidate — summed with the cell, else one sum further through the hidden
  // cells summed with it — whose suppression stops the leak; else the first candidate.
  const remedy = (i: number): number | undefined => {
    const near = byRank(mates(i));
    const far = byRank(mates(i).filter((j) => !open(j)).flatMap(mates)).filter((j) => !near.includes(j));
    const all = [...near, ...far];
    for (const j of all) {
      const saved = d[j];
      d[j] = { state: "suppressed" };
      const fixed = !audit(t, d).includes(i);
      d[j] = saved;
      if (fixed) return j;
    }
    return all[0];
  };

  for (let round = 0; round < 10 * t.cells.length + 10; round++) {
    let changed = false;
    // A suppressed total hides everything within it.
    t.cells.forEach((c, i) => {
      if (c.within !== undefined && d[c.within].state === "suppressed" && d[i].state !== "suppressed") (suppress(i), (changed = true));
    });
    // Complementary suppression: no sum may have exactly one unknown published cell.
    for (const r of t.relations) {
      const members = [r.parent, ...r.children].filter((i) => !empty(t.cells[i]));
      for (const unknown of [(i: number) => d[i].state === "suppressed", (i: number) => d[i].state === "suppressed" || isCoded(d[i])]) {
        const u = members.filter(unknown);
        if (u.length === 1 && t.cells[u[0]].publish) {
          const p = partner(u[0]);
          if (p !== undefined) (suppress(p), (changed = true));
        }
      }
    }
    if (changed) continue;
    const leaks = audit(t, d);
    if (leaks.length === 0) return d;
    const i = leaks[0];
    const p = remedy(i);
    if (p !== undefined) suppress(p);
    else if (open(i)) suppress(i);
    else return d.map((x, j) => (t.cells[j].publish && j !== 0 ? { state: "suppressed" } : x)); // cannot happen with our tables; fail closed
  }
  return d;
}

const isCoded = (x: Decision) => x.state === "shown" && x.coded.some((c) => c != null);
function less(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

type Bound = { lo: number; hi: number };

/**
 * The attack: what a viewer can work out from the decisions. Returns the cells that leak — a small
 * cell (fewer than 6 students) any of whose counts can be worked out exactly, or any cell whose
 * outcome count (or its complement) can be worked out to be 0 or 1. The viewer is assumed to know
 * which groups are empty, the rule (a hidden group has at least one student) and that counts are
 * whole numbers ≥ 0; bounds are tightened through every sum, and linear algebra finds every count
 * that the sums fix exactly.
 */
export function audit(t: DisclosureTable, d: Decision[]): number[] {
  const n = t.cells.length;
  const m = Math.max(0, ...t.cells.map((c) => c.numerators.length));
  // Quantities: 0 size, 1 denominator, then numerator i at 2 + 2i and its complement at 3 + 2i.
  const Q = 2 + 2 * m;
  const truth = (c: DisclosureCell, q: number) => (q === 0 ? c.size : q === 1 ? c.denominator : q % 2 === 0 ? (c.numerators[(q - 2) / 2] ?? 0) : c.denominator - (c.numerators[(q - 3) / 2] ?? 0));
  const b: Bound[][] = t.cells.map((c, i) => {
    const x = d[i];
    return Array.from({ length: Q }, (_, q): Bound => {
      const v = truth(c, q);
      if (empty(c)) return { lo: 0, hi: 0 };
      if (x.state === "shown") {
        if (q < 2) return { lo: v, hi: v };
        const k = Math.floor((q - 2) / 2);
        const cd = x.coded[k];
        if (!cd) return { lo: v, hi: v };
        const isNum = q % 2 === 0;
        const near = (cd.op === "≤") === isNum; // the count that is 0 or 1
        return near ? { lo: 0, hi: 1 } : { lo: c.denominator - 1, hi: c.denominator };
      }
      if (q === 0) return { lo: 1, hi: Infinity };
      if (q === 1) return { lo: t.denominatorIsStudents ? 1 : 0, hi: Infinity };
      return { lo: 0, hi: Infinity };
    });
  });
  const exact = (i: number, q: number) => b[i][q].lo === b[i][q].hi;
  for (let pass = 0; pass < 50; pass++) {
    let changed = propagate(t, b, Q);
    for (let q = 0; q < Q; q++) {
      for (const i of determined(t, b, q)) {
        const v = truth(t.cells[i], q);
        if (!exact(i, q)) ((b[i][q] = { lo: v, hi: v }), (changed = true));
      }
    }
    if (!changed) break;
  }
  const leaks: number[] = [];
  t.cells.forEach((c, i) => {
    if (empty(c)) return;
    if (isSmall(c)) {
      if (Array.from({ length: Q }, (_, q) => q).some((q) => exact(i, q) && (q < 2 || q - 2 < 2 * c.numerators.length))) leaks.push(i);
      return;
    }
    if (c.denominator === 0) return;
    for (let k = 0; k < c.numerators.length; k++) {
      const [num, fail] = [2 + 2 * k, 3 + 2 * k];
      if ((exact(i, num) && b[i][num].lo <= 1) || (exact(i, fail) && b[i][fail].lo <= 1)) {
        leaks.push(i);
        return;
      }
    }
  });
  return leaks;
}

/** Tightens every bound through the sums and through denominator = count + complement; true if any moved. */
function propagate(t: DisclosureTable, b: Bound[][], Q: number): boolean {
  let moved = false;
  let again = true;
  const set = (i: number, q: number, lo: number, hi: number) => {
    const cur = b[i][q];
    const nlo = Math.max(cur.lo, Math.ceil(lo - 1e-9));
    const nhi = Math.max(nlo, Math.min(cur.hi, Math.floor(hi + 1e-9)));
    if (nlo !== cur.lo || nhi !== cur.hi) {
      b[i][q] = { lo: nlo, hi: nhi };
      moved = again = true;
    }
  };
  for (let iter = 0; again && iter < 100; iter++) {
    again = false;
    for (const r of t.relations) {
      for (let q = 0; q < Q; q++) {
        if (q === 0 && r.sizeAdditive === false) continue;
        const sum = (pick: (x: Bound) => number, skip = -1) => r.children.reduce((s, i) => (i === skip ? s : s + pick(b[i][q])), 0);
        set(r.parent, q, sum((x) => x.lo), sum((x) => x.hi));
        const P = b[r.parent][q];
        for (const i of r.children) set(i, q, P.lo - sum((x) => x.hi, i), P.hi - sum((x) => x.lo, i));
      }
    }
    for (let i = 0; i < t.cells.length; i++) {
      for (let k = 0; 2 + 2 * k < Q; k++) {
        const [D, N, F] = [b[i][1], b[i][2 + 2 * k], b[i][3 + 2 * k]];
        set(i, 1, N.lo + F.lo, N.hi + F.hi);
        set(i, 2 + 2 * k, D.lo - F.hi, D.hi - F.lo);
        set(i, 3 + 2 * k, D.lo - N.hi, D.hi - N.lo);
      }
    }
  }
  return moved;
}

/** Cells whose quantity `q` the sums fix exactly (reduced row echelon form over the unknowns). */
function determined(t: DisclosureTable, b: Bound[][], q: number): number[] {
  const unknown = t.cells.map((_, i) => i).filter((i) => b[i][q].lo !== b[i][q].hi);
  if (unknown.length === 0) return [];
  const col = new Map(unknown.map((i, k) => [i, k]));
  const rows: number[][] = [];
  for (const r of t.relations) {
    if (q === 0 && r.sizeAdditive === false) continue;
    const row = new Array(unknown.length).fill(0);
    let nz = false;
    for (const [i, s] of [[r.parent, -1] as const, ...r.children.map((c) => [c, 1] as const)]) {
      const k = col.get(i);
      if (k !== undefined) ((row[k] += s), (nz = true));
    }
    if (nz) rows.push(row);
  }
  const pivots: number[] = [];
  let r0 = 0;
  for (let c = 0; c < unknown.length && r0 < rows.length; c++) {
    let p = -1;
    for (let r = r0; r < rows.length; r++) if (Math.abs(rows[r][c]) > 1e-9 && (p < 0 || Math.abs(rows[r][c]) > Math.abs(rows[p][c]))) p = r;
    if (p < 0) continue;
    [rows[r0], rows[p]] = [rows[p], rows[r0]];
    const v = rows[r0][c];
    for (let k = 0; k < unknown.length; k++) rows[r0][k] /= v;
    for (let r = 0; r < rows.length; r++) {
      if (r === r0 || Math.abs(rows[r][c]) < 1e-9) continue;
      const f = rows[r][c];
      for (let k = 0; k < unknown.length; k++) rows[r][k] -= f * rows[r0][k];
    }
    pivots.push(c);
    r0++;
  }
  const out: number[] = [];
  pivots.forEach((c, r) => {
    if (rows[r].every((v, k) => k === c || Math.abs(v) < 1e-9)) out.push(unknown[c]);
  });
  return out;
}
