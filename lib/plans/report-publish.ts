// The plans report's tables through the disclosure policy of every summary (lib/reports/disclosure.ts,
// DEFINITIONS.md "Suppression"): each unit's rows add up to its total row, and — for a district
// admin — each school's row adds up with the other schools' to the district's row of the same key,
// all decided in one call. Every count a row shows is one of its outcome counts (`parts`: they add
// up to the row's denominator), so the policy protects each of them as it protects the completers'
// fates: a row of fewer than 6 students, or whose denominator is 1 to 5, shows nothing; a count
// within one of none or all reads "≤ 1" / "≥ n − 1" (and the rate over it is coded, "≤ 16.7%");
// one more count of the row is hidden when only one is unknown, and further cells are hidden while
// a hidden one could be worked out from the totals. Pure.
import { disclose, disclosureCell, type Coded, type Decision, type Disclosure, type DisclosureCell, type DisclosureRelation } from "@/lib/reports/disclosure";
import { percent } from "@/lib/reports/acgr";
import { DISTRICT } from "@/lib/reports/published";
import type { CountBound } from "@/lib/reports/completer-grades";

/** One row before disclosure: `size` students, and outcome `counts` that add up to `denominator`. */
export type Row = { key: string; label: string; size: number; denominator: number; counts: number[] };

/**
 * The row's rate: `counts[numerator]` over the sum of the `over` counts (all of them: over the
 * denominator, and coded with it). A rate over some counts only (share met = met ÷ (met + not met))
 * is shown only when those counts are.
 */
export type RateSpec = { numerator: number; over: readonly number[] | "denominator" };

/** One row as shown and exported: null is hidden ("—"); a count within one of none or all is a bound. */
export type Shown = {
  key: string;
  label: string;
  size: number | null;
  denominator: number | null;
  counts: (number | null)[];
  bounds: (CountBound | null)[];
  /** The rate in %, or null: hidden or coded (`coded`), or nothing to divide by (`noDenominator`). */
  rate: number | null;
  coded: Coded | null;
  noDenominator: boolean;
  suppression: Disclosure;
};

const TOTAL = "total";

/** A count as the page and the CSV show it: the number, its bound ("≤ 1"), or null ("—"). */
export const countShown = (r: Shown, k: number): number | string | null => {
  const b = r.bounds[k];
  return b ? `${b.op} ${b.count}` : r.counts[k];
};

/**
 * `units`: each unit's rows (a school's by school id, the district's under DISTRICT), each with a
 * row keyed "total". `sizeAdditive`: whether a total's students are the sum of its rows' (not when
 * a student can be in two rows).
 */
export function publishUnits(units: Map<string, Row[]>, district: boolean, opts: { sizeAdditive: boolean; denominatorIsStudents: boolean; rate: RateSpec }): Map<string, Shown[]> {
  const cells: DisclosureCell[] = [];
  const relations: DisclosureRelation[] = [];
  const at = new Map<string, number>();
  // Units and rows decided in one order whatever order the queries returned them: the policy breaks
  // ties by position (lib/reports/published.ts unitsTable); the rows are shown in their own order.
  const byKey = (a: Row, b: Row) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const ordered = [...units.keys()].sort().map((u) => [u, [...units.get(u)!].sort(byKey)] as const);
  for (const [unit, rows] of ordered) {
    const total = rows.find((r) => r.key === TOTAL)!;
    const t = cells.length;
    at.set(`${unit}\u0000${TOTAL}`, t);
    cells.push(cellOf(total));
    const children: number[] = [];
    for (const r of rows) {
      if (r.key === TOTAL) continue;
      at.set(`${unit}\u0000${r.key}`, cells.length);
      children.push(cells.length);
      cells.push(disclosureCell({ ...cellOf(r), within: t }));
    }
    relations.push({ parent: t, children, sizeAdditive: opts.sizeAdditive });
  }
  if (district && units.has(DISTRICT)) {
    // Each student is at one school: a key's district row is the sum of the schools' rows, size too.
    for (const r of [...units.get(DISTRICT)!].sort(byKey)) {
      const children = ordered
        .map(([u]) => u)
        .filter((u) => u !== DISTRICT)
        .map((u) => at.get(`${u}\u0000${r.key}`))
        .filter((i): i is number => i !== undefined);
      relations.push({ parent: at.get(`${DISTRICT}\u0000${r.key}`)!, children });
    }
  }
  const decisions = disclose({ cells, relations, denominatorIsStudents: opts.denominatorIsStudents });
  const out = new Map<string, Shown[]>();
  for (const [unit, rows] of units) {
    // A hidden total hides its whole table, empty rows too: "0" beside a hidden total would tell
    // what every student of the unit is (all high risk; every plan of one type), as a hidden unit
    // of the completers' table lists no grades (lib/reports/completer-grades.ts).
    const hidden = decisions[at.get(`${unit}\u0000${TOTAL}`)!].state === "suppressed";
    out.set(
      unit,
      rows.map((r) => (hidden ? suppressed(r) : shown(r, decisions[at.get(`${unit}\u0000${r.key}`)!], opts.rate))),
    );
  }
  return out;
}

/** A row shown as "—" throughout. */
export function suppressed(r: Pick<Row, "key" | "label" | "counts">): Shown {
  const none = r.counts.map(() => null);
  return { key: r.key, label: r.label, size: null, denominator: null, counts: none, bounds: none, rate: null, coded: null, noDenominator: false, suppression: "suppressed" };
}

function cellOf(r: Row): DisclosureCell {
  return disclosureCell({ size: r.size, denominator: r.denominator, numerators: r.counts, publish: true, parts: [r.counts.map((_, k) => k)] });
}

function shown(r: Row, d: Decision, spec: RateSpec): Shown {
  const base = { key: r.key, label: r.label };
  const none = { rate: null, coded: null };
  if (r.size === 0) return { ...base, ...none, size: 0, denominator: 0, counts: r.counts.map(() => 0), bounds: r.counts.map(() => null), noDenominator: true, suppression: "none" };
  if (d.state === "suppressed") return suppressed(r);
  const unknown = (k: number) => d.coded[k] != null || !!d.hidden?.[k];
  const counts = r.counts.map((c, k) => (unknown(k) ? null : c));
  const bounds = r.counts.map((_, k): CountBound | null => {
    const c = d.coded[k];
    if (!c || d.hidden?.[k]) return null;
    return c.op === "≤" ? { op: "≤", count: 1 } : { op: "≥", count: r.denominator - 1 };
  });
  const suppression: Disclosure = counts.some((c) => c === null) ? "coded" : "none";
  if (spec.over === "denominator") {
    const k = spec.numerator;
    const coded = d.hidden?.[k] ? null : d.coded[k];
    const rate = unknown(k) || r.denominator === 0 ? null : percent(r.counts[k], r.denominator);
    return { ...base, size: r.size, denominator: r.denominator, counts, bounds, rate, coded, noDenominator: r.denominator === 0, suppression };
  }
  // A rate over some of the counts: shown from shown counts only, so it tells nothing they hide.
  const over = spec.over.reduce((s, k) => s + r.counts[k], 0);
  const visible = [spec.numerator, ...spec.over].every((k) => !unknown(k));
  const rate = visible && over > 0 ? percent(r.counts[spec.numerator], over) : null;
  return { ...base, size: r.size, denominator: r.denominator, counts, bounds, rate, coded: null, noDenominator: visible && over === 0, suppression };
}
