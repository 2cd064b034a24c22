// Equity of access (issue 18, DEFINITIONS.md §7): who is enrolled in the online programs, by
// student group. Pure: no I/O.
//
// For a school year y, a school (or the district) and a program (credit recovery, original
// credit, advanced placement):
//   - students: the students on the October 1 roll in grades 9–12 (StudentYear.enrolledOct1), with
//     that year's flags — the base of the state's enrollment counts (MA DESE's October 1 SIMS);
//   - enrolled: those of them who started at least one course of the program between July 1 of y
//     and June 30 after (an enrollment's start date), whatever became of it. Students, not
//     enrollments, on both sides;
//   - rate per 100 students = 100 × enrolled ÷ students;
//   - share of students = the group's students ÷ all students; share of enrolled = the group's
//     enrolled ÷ all enrolled;
//   - representation index = share of enrolled ÷ share of students (1.00 = enrolled in proportion;
//     below 1, under-represented). It equals the group's rate ÷ all students' rate, the form used
//     by the U.S. Department of Education Office for Civil Rights' Civil Rights Data Collection
//     analyses of access to advanced coursework;
//   - gap to the group with the most access: the group's rate less the highest shown rate of any
//     group (race × gender included), in students per 100.
// Suppression is the equity view's (published.ts): a hidden or coded rate has no index or shares.
import type { ProgramType } from "@/lib/generated/prisma/enums";
import type { EquityRow } from "./equity";
import type { IsoDay } from "@/lib/calendar";
import type { Period } from "./periods";

export type AccessKey = "creditRecovery" | "originalCredit" | "advancedPlacement";
export const ACCESS_KEYS: AccessKey[] = ["advancedPlacement", "originalCredit", "creditRecovery"];

export const ACCESS: Record<AccessKey, { label: string; short: string; programType: ProgramType }> = {
  advancedPlacement: { label: "Access to advanced placement", short: "Advanced placement", programType: "ADVANCED_PLACEMENT" },
  originalCredit: { label: "Access to original credit", short: "Original credit", programType: "ORIGINAL_CREDIT" },
  creditRecovery: { label: "Access to credit recovery", short: "Credit recovery", programType: "CREDIT_RECOVERY" },
};

export const isAccessKey = (k: unknown): k is AccessKey => ACCESS_KEYS.includes(k as AccessKey);

/** A group's row of the access view: the equity row (rate = per 100 students) and its shares and index. */
export type AccessRow = EquityRow & {
  /** Percent of all students on the roll who are in the group; null when the rate is not shown. */
  shareOfStudents: number | null;
  /** Percent of all enrolled students who are in the group; null when the rate is not shown. */
  shareOfEnrolled: number | null;
  /** Share of enrolled ÷ share of students, to 2 decimals; null when either is not shown or none were enrolled. */
  index: number | null;
};

const round1 = (v: number) => Math.round(v * 10) / 10;
const round2 = (v: number) => Math.round(v * 100) / 100;

/**
 * share of enrolled ÷ share of students = (enrolled_g ÷ enrolled) ÷ (students_g ÷ students), from
 * the counts (not from rounded shares); null when no one is enrolled or the group is empty.
 */
export function representationIndex(g: { students: number; enrolled: number }, all: { students: number; enrolled: number }): number | null {
  if (all.enrolled === 0 || g.students === 0 || all.students === 0) return null;
  return round2(g.enrolled / all.enrolled / (g.students / all.students));
}

/** The access view's rows from the equity rows of an access figure (numerator = enrolled, n = students). */
export function accessRows(rows: EquityRow[]): AccessRow[] {
  const all = rows.find((r) => r.key === "all");
  const whole = all && all.value != null ? { students: all.n!, enrolled: all.numerator! } : null;
  return rows.map((r) => {
    if (!whole || r.value == null || r.n == null || r.numerator == null) return { ...r, shareOfStudents: null, shareOfEnrolled: null, index: null };
    const g = { students: r.n, enrolled: r.numerator };
    return {
      ...r,
      shareOfStudents: whole.students > 0 ? round1((100 * g.students) / whole.students) : null,
      shareOfEnrolled: whole.enrolled > 0 ? round1((100 * g.enrolled) / whole.enrolled) : null,
      index: representationIndex(g, whole),
    };
  });
}

/** A district access figure some of whose schools have no October 1 roll for the year (figures.ts rollNote). */
export const accessMissingRollText = (schools: string[]): string => `Students of these schools not counted: no October 1 roll for: ${schools.join(", ")}`;

/** The access figure of year y is final once the year's last start date has passed: June 30 after it. */
export function accessPeriod(y: number, today: IsoDay): Period {
  const closes: IsoDay = `${y + 1}-06-30`;
  return { final: today > closes, closesOn: closes };
}

/** Points a gap must move between the first and the last year shown to be called closing or widening. */
export const GAP_MOVE = 1;

export type GapVerdict = "closing" | "widening" | "about the same" | "too few years";

/** A group's gap to all students over the years (null: not shown that year), and whether it is closing. */
export type GapTrend = { key: string; label: string; dimension: EquityRow["dimension"]; gaps: (number | null)[]; change: number | null; verdict: GapVerdict };

/**
 * Each group's gap to all students in each year (rows of each year, same group order), and the
 * verdict: the size of the gap (its distance from 0) in the last final year shown against the
 * first year shown — smaller by GAP_MOVE points or more is "closing", larger by as much
 * "widening". `change` is that difference of sizes, rounded as shown (negative: closing). Hidden and
 * coded years are skipped, and so is a year whose figure is not final (`final`, per year): it is
 * shown but does not decide the verdict.
 */
export function gapTrends(byYear: EquityRow[][], final: boolean[] = byYear.map(() => true)): GapTrend[] {
  const first = byYear[0] ?? [];
  return first
    .map((r, i) => {
      const gaps = byYear.map((rows) => rows[i]?.gapToAll ?? null);
      const counted = gaps.filter((g, y): g is number => g != null && final[y]);
      if (counted.length < 2) return { key: r.key, label: r.label, dimension: r.dimension, gaps, change: null, verdict: "too few years" as GapVerdict };
      const change = round1(Math.abs(counted.at(-1)!) - Math.abs(counted[0])) + 0;
      const verdict: GapVerdict = change <= -GAP_MOVE ? "closing" : change >= GAP_MOVE ? "widening" : "about the same";
      return { key: r.key, label: r.label, dimension: r.dimension, gaps, change, verdict };
    })
    .filter((t) => t.key !== "all");
}

/** The `n` groups furthest from all students in the latest year each is shown (ties: the order listed); groups shown in fewer than two years are left out. */
export function furthestGaps(trend: GapTrend[], n: number): GapTrend[] {
  const last = (t: GapTrend) => [...t.gaps].reverse().find((g) => g != null) ?? 0;
  return trend
    .map((t, i) => ({ t, i, size: Math.abs(last(t)) }))
    .filter((x) => x.t.verdict !== "too few years")
    .sort((a, b) => b.size - a.size || a.i - b.i)
    .slice(0, n)
    .map((x) => x.t);
}
