// The equity view of one figure: for every student group its value, its size, and the gap in
// percentage points to all students and to the highest group (the highest shown subgroup value
// across all dimensions), with suppression applied (suppression.ts). A suppressed row carries no
// value, numerator or gap; a primary-suppressed row carries no size either — these rows are what
// screens, the API and CSV exports show.
import { percent } from "./acgr";
import { EXHAUSTIVE, GROUPS, type Demographics, type Dimension } from "./groups";
import { suppressPartition, type Suppression } from "./suppression";

export type Tally = { numerator: number; denominator: number };
export type Cell = Demographics & Tally;

export type EquityRow = {
  key: string;
  label: string;
  dimension: Dimension;
  /** Group size (the denominator); null when primary-suppressed ("<6"). */
  n: number | null;
  numerator: number | null;
  value: number | null;
  gapToAll: number | null;
  gapToHighest: number | null;
  suppression: Suppression;
};

const gap = (a: number | null, b: number | null) => (a == null || b == null ? null : Math.round((a - b) * 10) / 10);

export function equityTable(cells: Cell[]): EquityRow[] {
  const raw = GROUPS.map((g) => {
    const t = cells.filter(g.test).reduce((s, c) => ({ numerator: s.numerator + c.numerator, denominator: s.denominator + c.denominator }), { numerator: 0, denominator: 0 });
    return { g, ...t };
  });
  const suppression: Suppression[] = new Array(raw.length).fill("none");
  for (const dim of new Set(GROUPS.map((g) => g.dimension))) {
    const idx = raw.map((r, i) => (r.g.dimension === dim ? i : -1)).filter((i) => i >= 0);
    const s = suppressPartition(idx.map((i) => raw[i].denominator), EXHAUSTIVE[dim]);
    idx.forEach((i, k) => (suppression[i] = s[k]));
  }
  const values = raw.map((r, i) => (suppression[i] === "none" ? percent(r.numerator, r.denominator) : null));
  const all = values[0];
  const sub = values.slice(1).filter((v): v is number => v != null);
  const highest = sub.length ? Math.max(...sub) : null;
  return raw.map((r, i) => ({
    key: r.g.key,
    label: r.g.label,
    dimension: r.g.dimension,
    n: suppression[i] === "primary" ? null : r.denominator,
    numerator: suppression[i] === "none" ? r.numerator : null,
    value: values[i],
    gapToAll: i === 0 ? null : gap(values[i], all),
    gapToHighest: i === 0 ? null : gap(values[i], highest),
    suppression: suppression[i],
  }));
}

/** Whether a gap is good or bad news, for colouring (a higher dropout rate is worse). */
export function gapTone(gapPoints: number | null, higherIsBetter: boolean): "worse" | "better" | "even" | "none" {
  if (gapPoints == null) return "none";
  if (Math.abs(gapPoints) < 0.05) return "even";
  return gapPoints > 0 === higherIsBetter ? "better" : "worse";
}
