import type { QualityRow } from "@/lib/sql/queries/quality-rows";
import type { QualitySchoolRow } from "@/lib/sql/queries/quality-school-rows";
import { percentilesKept, percentilesOf } from "./program-parts";
import { keptRows, rowsFromParts, spliced, type Since } from "./rows-from-parts";

// The program quality report's rows (lib/sql/queries/quality-rows.ts) put together from each
// school's rows (quality-school-rows.ts), which lib/reports/cache.ts keeps per school: after a write
// only the schools it touched are read again. The district's rows — by course, by program type and
// provider, by provider, by program type, and the total — are the schools' rows added up: an
// enrollment's facts are by its student's one current school, so enrollments and distinct students
// add up across schools; credits add up exactly in tenths; the quartiles of days to complete and
// the median of active seconds are PostgreSQL's percentile_cont over the schools' values merged
// (and a school's, over its own: the statement carries the sorted values, not the percentiles).
// The result equals the statement's rows exactly (school-pieces.int.test.ts compares them after
// random writes).

/** The counts that add up across schools: every count of a row but its percentiles and credits. */
const ADDED = [
  "students",
  "completers",
  "sequenceStudents",
  "testedStudents",
  "attemptStudents",
  "started",
  "passed",
  "failed",
  "withdrawn",
  "active",
  "tooFast",
  "overridden",
  "graduated",
  "timed",
  "attempts",
  "proctored",
  "unstated",
  "retakes",
  "passedAttempts",
  "passedSummatives",
  "inSequence",
  "tookNext",
  "passedNext",
  "tested",
  "proficient",
] as const satisfies readonly (keyof QualityRow)[];

/**
 * The row's percentiles over its sorted values — a school's one list of each, the district's the
 * schools' lists — as quality-rows.ts's qualityPercentiles gives them.
 */
const percentiles = (days: readonly (readonly number[])[], seconds: readonly (readonly number[])[], slot?: string) => {
  const [daysP25, daysMedian, daysP75] = slot ? percentilesKept(`${slot} days`, days, [0.25, 0.5, 0.75]) : percentilesOf(days, [0.25, 0.5, 0.75]);
  const [secondsMedian] = slot ? percentilesKept(`${slot} seconds`, seconds, [0.5]) : percentilesOf(seconds, [0.5]);
  return { daysP25, daysMedian, daysP75, secondsMedian };
};

/**
 * A school's row as quality-rows.ts gives it: its percentiles from its sorted values. Field by field:
 * a rest pattern over the row (`{ days, seconds, ...row }`, V8's generic copy) was the largest
 * part of putting the district's rows together (a third of its CPU profile, district seed); the
 * type requires every column, so a new one cannot be left out.
 */
const strip = (r: QualitySchoolRow): QualityRow => ({
  year: r.year,
  schoolId: r.schoolId,
  courseId: r.courseId,
  programType: r.programType,
  providerId: r.providerId,
  students: r.students,
  completers: r.completers,
  sequenceStudents: r.sequenceStudents,
  testedStudents: r.testedStudents,
  attemptStudents: r.attemptStudents,
  started: r.started,
  passed: r.passed,
  failed: r.failed,
  withdrawn: r.withdrawn,
  active: r.active,
  credits: r.credits,
  tooFast: r.tooFast,
  overridden: r.overridden,
  graduated: r.graduated,
  timed: r.timed,
  attempts: r.attempts,
  proctored: r.proctored,
  unstated: r.unstated,
  retakes: r.retakes,
  passedAttempts: r.passedAttempts,
  passedSummatives: r.passedSummatives,
  inSequence: r.inSequence,
  tookNext: r.tookNext,
  passedNext: r.passedNext,
  tested: r.tested,
  proficient: r.proficient,
  ...percentiles([r.days ?? []], [r.seconds ?? []]),
});

/**
 * The rows quality-rows.ts gives for `year`: each school's rows as read, and with `district` the
 * district's rows (null schoolId) added up from them — its total row always, as the statement's
 * empty grouping set gives one over no enrollments. A school's rows as read are kept
 * with its piece (rows-from-parts.ts).
 */
export function qualityRowsFromParts(rows: readonly QualitySchoolRow[], year: number, district: boolean): QualityRow[] {
  return rowsFromParts(rows, district, {
    asRead: strip,
    key: (r) => `${r.courseId ?? ""}|${r.programType ?? ""}|${r.providerId ?? ""}`,
    total: "||",
    addUp: (from, since, frozen) => districtRow(from, year, since, frozen),
    kept,
  });
}
const kept = keptRows<QualityRow>();

/**
 * The district's row of one course, program type and provider (or the total): its schools' rows
 * added up — from the row last added up for it (`since`: its sums less the school rows gone, plus
 * those come, whole numbers, so exactly the same sums; its lists of values with the replaced rows'
 * replaced), or from every one. (Even the lists: reading `days` of 400 school rows, objects of ~35
 * fields as the driver makes them, was ~0.3 ms a row.)
 */
function districtRow(from: readonly QualitySchoolRow[], year: number, since?: Since<QualitySchoolRow, QualityRow>, frozen = false): QualityRow {
  const last = since && keptSums.get(since.row);
  let k: Sums;
  if (since && last) {
    const sum = last.sum.slice();
    for (const r of since.removed) {
      const v = addedOf(r);
      for (let j = 0; j < v.length; j++) sum[j] -= v[j];
    }
    for (const r of since.added) {
      const v = addedOf(r);
      for (let j = 0; j < v.length; j++) sum[j] += v[j];
    }
    k = { sum, days: spliced(last.days, since, (r) => r.days ?? NONE), seconds: spliced(last.seconds, since, (r) => r.seconds ?? NONE) };
  } else {
    k = { sum: new Float64Array(ADDED.length + 1), days: [], seconds: [] };
    for (const r of from) {
      const v = addedOf(r);
      for (let j = 0; j < v.length; j++) k.sum[j] += v[j];
      k.days.push(r.days ?? NONE);
      k.seconds.push(r.seconds ?? NONE);
    }
  }
  const sum = k.sum;
  const counts = Object.fromEntries(ADDED.map((key, j) => [key, sum[j]])) as Record<(typeof ADDED)[number], number>;
  const first = from[0];
  const slot = `quality ${year} ${first?.courseId ?? ""}|${first?.programType ?? ""}|${first?.providerId ?? ""}`;
  const row: QualityRow = {
    year,
    schoolId: null,
    courseId: first?.courseId ?? null,
    programType: first?.programType ?? null,
    providerId: first?.providerId ?? null,
    ...counts,
    credits: sum[ADDED.length] / 10,
    ...percentiles(k.days, k.seconds, frozen ? slot : undefined),
  };
  keptSums.set(row, k);
  return row;
}
/** A district row's sums (ADDED, then the credits in tenths) and lists of values, one list a school row (NONE for none). */
type Sums = { sum: Float64Array; days: (readonly number[])[]; seconds: (readonly number[])[] };
/** Each district row's sums as added up (districtRow): where the next is added up from. */
const keptSums = new WeakMap<QualityRow, Sums>();
const NONE: readonly number[] = Object.freeze([]);

/**
 * A school row's counts that add up (ADDED, then its credits in tenths) as numbers in a row, kept
 * with the row: added up field by field by name (`sum[k] += r[k]`, V8's generic keyed access),
 * the city's ~20,000 school rows took ~25 ms of the district quality view after every write.
 */
function addedOf(r: QualitySchoolRow): Float64Array {
  let v = added.get(r);
  if (!v) {
    v = new Float64Array(ADDED.length + 1);
    ADDED.forEach((k, j) => (v![j] = r[k]));
    v[ADDED.length] = r.creditTenths;
    added.set(r, v);
  }
  return v;
}
const added = new WeakMap<QualitySchoolRow, Float64Array>();
