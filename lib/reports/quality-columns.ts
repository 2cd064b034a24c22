// The program quality report's columns, named once: the page's headers and the CSV's come from
// here, and each reads the JSON's field of the same meaning (DEFINITIONS.md §8 defines each). A "published" figure is a count over a
// denominator (quality.ts Published): shown as "12 (3.4%)", coded "≤ 2.0%", or hidden "—"; the CSV
// gives its count and its percent in two columns.
import type { Published, QualityGroupRow, QualityTableRow } from "./quality";
import type { Coded } from "./disclosure";
import type { QualityShow } from "./queries";

export type QualityValue =
  | { kind: "count"; value: number | null }
  | { kind: "rate"; value: number | null; coded: Coded | null }
  | { kind: "published"; value: Published }
  | { kind: "number"; value: number | null; digits: number }
  | { kind: "money"; value: number | null }
  | { kind: "text"; value: string | null };

export type QualityColumn<R> = {
  key: string;
  label: string;
  kind: QualityValue["kind"];
  /** The list of enrollments behind it (quality drill-down). */
  drill?: QualityShow;
  value: (r: R) => QualityValue;
};

const count = <R>(key: string, label: string, v: (r: R) => number | null, drill?: QualityShow): QualityColumn<R> => ({
  key,
  label,
  kind: "count",
  drill,
  value: (r) => ({ kind: "count", value: v(r) }),
});
const pub = <R>(key: string, label: string, v: (r: R) => Published, drill?: QualityShow): QualityColumn<R> => ({
  key,
  label,
  kind: "published",
  drill,
  value: (r) => ({ kind: "published", value: v(r) }),
});

type Shared = QualityTableRow | QualityGroupRow;
const shared = {
  students: count<Shared>("students", "Students", (r) => r.students),
  ended: count<Shared>("ended", "Enrollments ended", (r) => r.ended, "ended"),
  passed: count<Shared>("passed", "Passed", (r) => r.passed, "passed"),
  completionRate: {
    key: "completionRate",
    label: "Completion rate (passed ÷ ended)",
    kind: "rate",
    value: (r: Shared) => ({ kind: "rate", value: r.completionRate, coded: r.completionCoded }),
  } as QualityColumn<Shared>,
  tooFast: pub<Shared>("tooFast", "Completed too fast", (r) => r.tooFast, "tooFast"),
  overridden: pub<Shared>("overridden", "Completed with an override", (r) => r.overridden, "overridden"),
  attempts: count<Shared>("attempts", "Summative attempts", (r) => r.attempts, "summatives"),
  proctored: pub<Shared>("proctored", "Proctored attempts", (r) => r.proctored),
  unstated: pub<Shared>("unstated", "Proctoring not stated", (r) => r.unstated, "unstated"),
  retakes: pub<Shared>("retakes", "Retakes", (r) => r.retakes, "retakes"),
  inSequence: count<Shared>("inSequence", "Completions with a next course", (r) => r.inSequence, "inSequence"),
  tookNext: pub<Shared>("tookNext", "Took the next course", (r) => r.tookNext, "tookNext"),
  passedNext: pub<Shared>("passedNext", "Passed the next course", (r) => r.passedNext, "passedNext"),
  tested: count<Shared>("tested", "Completions with a state test", (r) => r.tested, "tested"),
  proficient: pub<Shared>("proficient", "Proficient on the state test", (r) => r.proficient, "proficient"),
  graduated: pub<Shared>("graduated", "Completions by students who have graduated", (r) => r.graduated, "graduated"),
};

/** Results and pace (by provider, course or program type). */
export const RESULT_COLUMNS: QualityColumn<QualityTableRow>[] = [
  shared.students,
  shared.ended,
  shared.passed,
  shared.completionRate,
  { key: "passRate", label: "Pass rate (passed ÷ passed or failed)", kind: "rate", value: (r) => ({ kind: "rate", value: r.passRate, coded: null }) },
  {
    key: "days",
    label: "Days to complete: median (middle half)",
    kind: "text",
    value: (r) => ({ kind: "text", value: r.daysMedian == null ? null : `${fmt1(r.daysMedian)} (${fmt1(r.daysP25!)}–${fmt1(r.daysP75!)})` }),
  },
  shared.tooFast,
  { key: "activeHours", label: "Active hours to complete (median)", drill: "timed", kind: "number", value: (r) => ({ kind: "number", value: r.activeHoursMedian, digits: 1 }) },
  shared.overridden,
  { key: "contractCost", label: "Contract cost (district)", kind: "money", value: (r) => ({ kind: "money", value: r.contractCost }) },
  { key: "costPerCredit", label: "Cost per credit (district)", kind: "money", value: (r) => ({ kind: "money", value: r.costPerCredit }) },
];

/** How summatives were taken and what followed (by provider, course or program type). */
export const FOLLOW_COLUMNS: QualityColumn<QualityTableRow>[] = [
  shared.attempts,
  shared.proctored,
  shared.unstated,
  shared.retakes,
  {
    key: "attemptsPerSummative",
    label: "Attempts per summative (passed enrollments)",
    kind: "number",
    value: (r) => ({ kind: "number", value: r.attemptsPerSummative, digits: 2 }),
  },
  shared.inSequence,
  shared.tookNext,
  shared.passedNext,
  shared.tested,
  shared.proficient,
  shared.graduated,
];

/** By student group: the same figures where a group's rows add up (no medians, no costs). */
export const GROUP_COLUMNS: QualityColumn<QualityGroupRow>[] = [
  shared.students,
  shared.ended,
  shared.passed,
  shared.completionRate,
  shared.tooFast,
  shared.overridden,
  shared.attempts,
  shared.proctored,
  shared.retakes,
  shared.tookNext,
  shared.passedNext,
  shared.proficient,
  shared.graduated,
];

const fmt1 = (v: number) => (Math.round(v * 10) / 10).toString();

/** A value as one CSV cell or two (a published figure: its count, then its percent). */
export function csvCells(v: QualityValue): (string | number | null)[] {
  switch (v.kind) {
    case "count":
    case "number":
    case "money":
    case "text":
      return [v.value];
    case "rate":
      return [v.coded ? `${v.coded.op} ${v.coded.bound.toFixed(1)}` : v.value];
    case "published":
      return [v.value.count, v.value.coded ? `${v.value.coded.op} ${v.value.coded.bound.toFixed(1)}` : v.value.rate];
  }
}

/** The CSV headers of a column (a published figure has two: count and "(%)"). */
export function csvHeaders<R>(c: QualityColumn<R>): string[] {
  return c.kind === "published" ? [c.label, `${c.label} (%)`] : c.kind === "rate" ? [`${c.label} (%)`] : [c.label];
}

/** A quality view as CSV: the rows the page shows, under the page's column names. */
export function qualityRowsCsv<R extends { label: string; suppression: string }>(
  first: string,
  columns: QualityColumn<R>[],
  rows: readonly R[],
  note?: string,
): { header: string[]; rows: (string | number | null)[][] } {
  return {
    header: [first, ...columns.flatMap((c) => csvHeaders(c)), "suppressed", "notes"],
    rows: rows.map((r) => [r.label, ...columns.flatMap((c) => csvCells(c.value(r))), r.suppression === "none" ? "" : r.suppression, note ?? ""]),
  };
}
