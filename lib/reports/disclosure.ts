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
// hidden value they can (disclosure-audit.ts), and while something protected can be worked out, one
// more cell is hidden — or, in a row of outcome counts (completers by grade), one more count.
// Pure: no I/O.
import { attacker } from "./disclosure-audit";

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
  /**
   * Numerators (indices) that add up to the denominator, each list on its own (a row's outcomes). A
   * shown row with exactly one unknown count in a part (coded or hidden), or unknown counts adding
   * up to 0 or 1, has one more hidden (Decision.hidden).
   */
  parts?: number[][];
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
 * up to its two rates' counts, not to their other outcomes).
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
  const d = t.cells.map((c, i) => t.fixed?.[i] ?? initial(c));
  const att = attacker(t, d, isSmall);
  const pinned = (i: number) => t.fixed?.[i] !== undefined;
  const suppress = (i: number) => {
    d[i] = { state: "suppressed" };
    att.decide(i, d[i]);
  };
  const open = (i: number) => t.cells[i].publish && !empty(t.cells[i]) && d[i].state !== "suppressed" && !pinned(i);
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
    return all.find((j) => !att.leaksIf(i, j, { state: "suppressed" })) ?? all[0];
  };
  // A row with outcome counts (`parts`): one more of its counts hidden, the smallest shown one first.
  const unknownCount = (x: Decision, k: number) => x.state === "suppressed" || x.coded[k] != null || !!x.hidden?.[k];
  const withHidden = (i: number, k: number): Decision => {
    const x = d[i] as Extract<Decision, { state: "shown" }>;
    const hidden = t.cells[i].numerators.map((_, j) => j === k || !!x.hidden?.[j]);
    return { ...x, hidden };
  };
  const shownCounts = (i: number, among: number[]) =>
    among.filter((k) => !unknownCount(d[i], k) && !t.cells[i].derived?.includes(k)).sort((a, b) => t.cells[i].numerators[a] - t.cells[i].numerators[b] || a - b);
  const hideCount = (i: number, k: number) => {
    d[i] = withHidden(i, k);
    att.decide(i, d[i]);
  };
  // For a leak: the first count of a shown row with outcome counts — the leaking cell's, then those
  // summed with it; in each, the count of the same outcome as the leak first, then the others,
  // smallest first — whose hiding stops it, before hiding a whole cell (always, for a size).
  const countRemedy = (i: number): [number, number] | undefined => {
    const same = att.leakingCount(i);
    if (same === "size") return undefined; // hiding counts cannot hide a size
    for (const j of [i, ...byRank(mates(i))]) {
      if (!t.cells[j].parts || !open(j)) continue;
      const order = shownCounts(j, t.cells[j].numerators.map((_, x) => x)).sort((a, b) => Number(b === same) - Number(a === same));
      const k = order.find((x) => !att.leaksIf(i, j, withHidden(j, x)));
      if (k !== undefined) return [j, k];
    }
    return undefined;
  };

  for (let round = 0; round < 10 * t.cells.length + 10; round++) {
    let changed = false;
    // A suppressed total hides everything within it.
    t.cells.forEach((c, i) => {
      if (c.within !== undefined && d[c.within].state === "suppressed" && d[i].state !== "suppressed" && !pinned(i)) (suppress(i), (changed = true));
    });
    // Complementary suppression: no sum may have exactly one unknown published cell.
    for (const r of t.relations) {
      const members = [r.parent, ...r.children].filter((i) => !empty(t.cells[i]));
      // (Rows with outcome counts protect their coded counts in their own row, below; decisions
      // made elsewhere (`fixed`) were protected there: the attack protects both across tables.)
      const coded = (i: number) => isCoded(d[i]) && !t.cells[i].parts && !pinned(i);
      for (const unknown of [(i: number) => d[i].state === "suppressed", (i: number) => d[i].state === "suppressed" || coded(i)]) {
        const u = members.filter(unknown);
        if (u.length === 1 && t.cells[u[0]].publish) {
          const p = partner(u[0]);
          if (p !== undefined) (suppress(p), (changed = true));
        }
      }
    }
    // Within a row of outcome counts: no part may have exactly one unknown count, nor unknown counts
    // that add up to 0 or 1 (each would be worked out): one more is hidden, the smallest (of 2 or more).
    t.cells.forEach((c, i) => {
      if (!c.parts || !open(i)) return;
      for (const part of c.parts) {
        if (part.some((k) => c.derived?.includes(k))) continue;
        const unknown = part.filter((k) => unknownCount(d[i], k));
        const few = unknown.length > 0 && unknown.reduce((a, k) => a + c.numerators[k], 0) <= 1;
        if (unknown.length !== 1 && !few) continue;
        const k = shownCounts(i, part).find((x) => !few || c.numerators[x] >= 2);
        if (k !== undefined) (hideCount(i, k), (changed = true));
      }
    });
    // Sums of rows with outcome counts: hidden counts that add up to 0 or 1 give each other away
    // (a junior's "graduated by year end" is the total's less the seniors'), so the largest shown
    // count of that outcome in the sum is hidden too.
    for (const r of t.relations) {
      if (![r.parent, ...r.children].some((i) => t.cells[i].parts)) continue;
      const tied = Math.min(r.numerators ?? Infinity, ...[r.parent, ...r.children].map((i) => t.cells[i].numerators.length));
      for (let k = 0; k < tied; k++) {
        const unknown = (i: number) => unknownCount(d[i], k) || !!t.cells[i].derived?.includes(k);
        if (unknown(r.parent)) continue;
        const hidden = r.children.filter((i) => !empty(t.cells[i]) && unknown(i));
        if (hidden.length === 0 || hidden.reduce((a, i) => a + t.cells[i].numerators[k], 0) > 1) continue;
        const big = r.children.filter((i) => open(i) && !unknown(i) && t.cells[i].numerators[k] >= 2).sort((a, b) => t.cells[b].numerators[k] - t.cells[a].numerators[k] || a - b)[0];
        if (big === undefined) continue;
        if (t.cells[big].parts) hideCount(big, k);
        else suppress(big);
        changed = true;
      }
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
    const p = remedy(i);
    if (p !== undefined) suppress(p);
    else if (open(i)) suppress(i);
    else return d.map((x, j) => (t.cells[j].publish && j !== 0 && !pinned(j) ? { state: "suppressed" } : x)); // cannot happen with our tables; fail closed
  }
  return d;
}

/** The cells that leak under decisions `d` (disclosure-audit.ts). */
export function audit(t: DisclosureTable, d: Decision[]): number[] {
  return attacker(t, d, isSmall).leaks();
}

const isCoded = (x: Decision) => x.state === "shown" && x.coded.some((c) => c != null);
function less(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}
