// The equity view of one figure: for every student group its value, its size, and the gap in
// percentage points to all students and to the highest group (the highest shown subgroup value
// across all dimensions), as decided by the disclosure policy (disclosure.ts, published.ts). A
// suppressed row carries no value, size, count or gap; a coded row ("≤ 10.0%") carries its size and
// bound but no value, count or gap — these rows are what screens, the API and CSV exports show.
// Gaps are computed from the unrounded rates and rounded once (a 27.75-point gap reads +27.8).
import { GROUPS, type Demographics, type Dimension } from "./groups";
import type { Coded, Decision, Disclosure } from "./disclosure";

export type Tally = { numerator: number; denominator: number };
/**
 * The students of one demographic combination behind a figure. `students`: distinct students when
 * the denominator counts something else (course completion: enrollments ended); `also`: more
 * counts over the same denominator (completers: graduated by now).
 */
export type Cell = Demographics & Tally & { students?: number; also?: number[] };

/** Counts of one group: size (students), denominator and the numerators (`numerator` first). */
export type GroupTally = { size: number; denominator: number; numerators: number[] };

export type EquityRow = {
  key: string;
  label: string;
  dimension: Dimension;
  /** Group size in students; null when suppressed. */
  n: number | null;
  /** The rate's denominator: students, or enrollments ended for course completion; null when suppressed. */
  denominator: number | null;
  /** Null when suppressed or coded. */
  numerator: number | null;
  /** The rate, null when suppressed or coded. */
  value: number | null;
  /** Top/bottom coding: the rate reads "≤ bound" or "≥ bound". */
  coded: Coded | null;
  gapToAll: number | null;
  gapToHighest: number | null;
  suppression: Disclosure;
};

/** The flag groups (never shown with their complement, which the policy still protects). */
export const FLAG_DIMENSIONS: Dimension[] = ["sped", "el", "lowIncome"];

function tallyOf(cells: Cell[]): GroupTally {
  const width = Math.max(1, ...cells.map((c) => 1 + (c.also?.length ?? 0)));
  const t: GroupTally = { size: 0, denominator: 0, numerators: new Array(width).fill(0) };
  for (const c of cells) {
    t.size += c.students ?? c.denominator;
    t.denominator += c.denominator;
    [c.numerator, ...(c.also ?? [])].forEach((v, i) => (t.numerators[i] += v));
  }
  return t;
}

/** Each group's counts (GROUPS order), then each flag group's complement (FLAG_DIMENSIONS order). */
export function groupTallies(cells: Cell[]): GroupTally[] {
  const width = Math.max(1, ...cells.map((c) => 1 + (c.also?.length ?? 0)));
  const pad = (t: GroupTally) => ({ ...t, numerators: Array.from({ length: width }, (_, i) => t.numerators[i] ?? 0) });
  const groups = GROUPS.map((g) => pad(tallyOf(cells.filter(g.test))));
  const complements = FLAG_DIMENSIONS.map((dim) => {
    const g = GROUPS.find((x) => x.dimension === dim)!;
    return pad(tallyOf(cells.filter((c) => !g.test(c))));
  });
  return [...groups, ...complements];
}

const exactRate = (t: GroupTally, k = 0) => (t.denominator > 0 ? (100 * t.numerators[k]) / t.denominator : null);
const round1 = (v: number) => Math.round(v * 10) / 10;

/** The rows shown, from the group counts and the policy's decisions (both in GROUPS order; complements ignored). */
export function equityRows(tallies: GroupTally[], decisions: Decision[]): EquityRow[] {
  const shown = (i: number) => decisions[i].state === "shown" && !(decisions[i] as { coded: (Coded | null)[] }).coded[0];
  const exact = GROUPS.map((_, i) => (shown(i) ? exactRate(tallies[i]) : null));
  const all = exact[0];
  const sub = exact.slice(1).filter((v): v is number => v != null);
  const highest = sub.length ? Math.max(...sub) : null;
  const gap = (a: number | null, b: number | null) => (a == null || b == null ? null : round1(a - b) + 0);
  return GROUPS.map((g, i) => {
    const d = decisions[i];
    const t = tallies[i];
    const coded = d.state === "shown" ? d.coded[0] : null;
    return {
      key: g.key,
      label: g.label,
      dimension: g.dimension,
      n: d.state === "shown" ? t.size : null,
      denominator: d.state === "shown" ? t.denominator : null,
      numerator: shown(i) ? t.numerators[0] : null,
      value: exact[i] == null ? null : round1(exact[i]!),
      coded,
      gapToAll: i === 0 ? null : gap(exact[i], all),
      gapToHighest: i === 0 ? null : gap(exact[i], highest),
      suppression: d.state === "suppressed" ? "suppressed" : coded ? "coded" : "none",
    };
  });
}

/** Whether a gap is good or bad news, for colouring (a higher dropout rate is worse). */
export function gapTone(gapPoints: number | null, higherIsBetter: boolean): "worse" | "better" | "even" | "none" {
  if (gapPoints == null) return "none";
  if (Math.abs(gapPoints) < 0.05) return "even";
  return gapPoints > 0 === higherIsBetter ? "better" : "worse";
}
