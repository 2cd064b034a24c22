// The equity view of one figure: for every student group its value, its size, and the gap in
// percentage points to all students and to the highest group (the highest shown subgroup value
// across all dimensions), as decided by the disclosure policy (disclosure.ts, published.ts). A
// suppressed row carries no value, size, count or gap; a coded row ("≤ 10.0%") carries its size and
// bound but no value, count or gap — these rows are what screens, the API and CSV exports show.
// Gaps are computed from the unrounded rates and rounded once (a 27.75-point gap reads +27.8).
import { GENDER_KEYS, GROUPS, RACE_KEYS, type Demographics, type Dimension, type Group } from "./groups";
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
  /** Gap to the group's comparison group (groups.ts: a flag group's complement), when both are shown. */
  gapToComparison: number | null;
  /** The comparison group's label, e.g. "Students without disabilities". */
  comparison: string | null;
  suppression: Disclosure;
};

/**
 * Each group's counts, in the order of `groups` (default: every group, GROUPS). One pass over the
 * cells, each added to the groups it belongs to (a cell is one demographic combination: it is in
 * a handful of the groups; the district's tables hold thousands of cells).
 */
export function groupTallies(cells: readonly Cell[], groups: readonly Group[] = GROUPS): GroupTally[] {
  let width = 1;
  for (const c of cells) width = Math.max(width, 1 + (c.also?.length ?? 0));
  const out: GroupTally[] = groups.map(() => ({ size: 0, denominator: 0, numerators: new Array<number>(width).fill(0) }));
  const member = membership(groups);
  for (const c of cells) {
    const size = c.students ?? c.denominator;
    for (const g of member(c)) {
      const t = out[g];
      t.size += size;
      t.denominator += c.denominator;
      t.numerators[0] += c.numerator;
      if (c.also) for (let k = 0; k < c.also.length; k++) t.numerators[k + 1] += c.also[k];
    }
  }
  return out;
}

/**
 * The groups (their places in `groups`) a cell belongs to. Every group of GROUPS is a test of the
 * five demographic fields alone, so each of their 168 combinations is tested once per list of
 * groups (the city's district tables tally ~40,000 cells a year, into 38 groups each); a list
 * holding another group is tested cell by cell.
 */
const KNOWN_GROUPS = new Set(GROUPS);
const RACE_AT = new Map(RACE_KEYS.map((r, i) => [r, i]));
const GENDER_AT = new Map(GENDER_KEYS.map((g, i) => [g, i]));
const memberships = new WeakMap<readonly Group[], (c: Demographics) => readonly number[]>();
function membership(groups: readonly Group[]): (c: Demographics) => readonly number[] {
  let out = memberships.get(groups);
  if (out) return out;
  const test = (c: Demographics) => groups.flatMap((g, i) => (g.test(c) ? [i] : []));
  if (groups.every((g) => KNOWN_GROUPS.has(g))) {
    const byCode: (readonly number[] | undefined)[] = [];
    out = (c) => {
      const r = RACE_AT.get(c.raceEthnicity);
      const g = GENDER_AT.get(c.gender);
      if (r === undefined || g === undefined) return test(c);
      const code = (r * GENDER_KEYS.length + g) * 8 + (c.specialEducation === true ? 4 : 0) + (c.englishLearner === true ? 2 : 0) + (c.lowIncome === true ? 1 : 0);
      return (byCode[code] ??= test(c));
    };
  } else out = test;
  memberships.set(groups, out);
  return out;
}

const exactRate = (t: GroupTally, k = 0) => (t.denominator > 0 ? (100 * t.numerators[k]) / t.denominator : null);
const round1 = (v: number) => Math.round(v * 10) / 10;

/**
 * The rows shown, from the group counts and the policy's decisions, both in the order of `groups`
 * (GROUPS, or the groups of the summaries: published.ts MAIN_GROUPS). `highestAmong`: the groups
 * the highest value is taken among — the summaries' groups for the outcome figures, so a gap reads
 * the same on the summary and on the equity page; every group for access (the group with the most
 * access may be an intersection).
 */
export function equityRows(
  tallies: GroupTally[],
  decisions: Decision[],
  groups: readonly Group[] = GROUPS,
  highestAmong: (g: Group) => boolean = (g) => g.dimension !== "raceGender",
): EquityRow[] {
  const shown = (i: number) => decisions[i].state === "shown" && !(decisions[i] as { coded: (Coded | null)[] }).coded[0];
  const exact = groups.map((_, i) => (shown(i) ? exactRate(tallies[i]) : null));
  const all = exact[0];
  const sub = exact.filter((v, i): v is number => i > 0 && v != null && highestAmong(groups[i]));
  const highest = sub.length ? Math.max(...sub) : null;
  const byKey = placesOf(groups);
  const gap = (a: number | null, b: number | null) => (a == null || b == null ? null : round1(a - b) + 0);
  return groups.map((g, i) => {
    const d = decisions[i];
    const t = tallies[i];
    const coded = d.state === "shown" ? d.coded[0] : null;
    const cmp = g.comparison ? byKey.get(g.comparison) : undefined;
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
      gapToComparison: cmp === undefined ? null : gap(exact[i], exact[cmp]),
      comparison: cmp === undefined ? null : groups[cmp].label,
      suppression: d.state === "suppressed" ? "suppressed" : coded ? "coded" : "none",
    };
  });
}

/** Each group's place by its key, once per list of groups (equityRows runs for every unit of every table: 400 schools). */
function placesOf(groups: readonly Group[]): Map<string, number> {
  let out = places.get(groups);
  if (!out) places.set(groups, (out = new Map(groups.map((g, i) => [g.key, i]))));
  return out;
}
const places = new WeakMap<readonly Group[], Map<string, number>>();

/** Whether a gap is good or bad news, for colouring (a higher dropout rate is worse). */
export function gapTone(gapPoints: number | null, higherIsBetter: boolean): "worse" | "better" | "even" | "none" {
  if (gapPoints == null) return "none";
  if (Math.abs(gapPoints) < 0.05) return "even";
  return gapPoints > 0 === higherIsBetter ? "better" : "worse";
}
