import type { ProgramRowsRow } from "@/lib/sql/queries/program-rows";
import type { ProgramSchoolRow } from "@/lib/sql/queries/program-school-rows";
import { keptRows, rowsFromParts } from "./rows-from-parts";

// The program tables' rows (lib/sql/queries/program-rows.ts) put together from each school's rows
// (program-school-rows.ts), which lib/reports/cache.ts keeps per school: after a write only the
// schools it touched are read again. The district's rows — by program type and provider, and the
// total — are the schools' rows added up: a student has one current school, so distinct students
// add up across schools; counts and credits (in tenths: exact) add up; the median of completion
// days is PostgreSQL's percentile_cont over the schools' days merged. The result equals the
// statement's rows exactly (school-pieces.int.test.ts compares them after random writes).

/**
 * PostgreSQL's `percentile_cont(p)` over `sorted` (ascending), with its float8 arithmetic in its
 * order (orderedsetaggs.c: first + (second − first) × proportion), so the value is the same double.
 */
export function percentileCont(sorted: ArrayLike<number>, p: number): number | null {
  return interpolated(sorted.length, p, (k) => sorted[k]);
}

/** percentile_cont's arithmetic over `n` sorted values, the k-th (from 0) given by `at`. */
function interpolated(n: number, p: number, at: (k: number) => number): number | null {
  if (n === 0) return null;
  const x = p * (n - 1);
  const lo = Math.floor(x);
  const hi = Math.ceil(x);
  if (hi === lo) return at(lo);
  const first = at(lo);
  return first + (at(hi) - first) * (x - lo);
}

/**
 * `percentileCont` at each of `ps` over the schools' values taken together (the district's row),
 * each school's list sorted ascending (as the statement gives them): the same doubles as over them
 * merged and sorted. Few values for the lists (a course's row:
 * a few days a school) are merged and sorted; many (the district's total row: ~100,000 days of
 * 400 schools) are not: the one or two values each percentile needs are selected (nthOf). Merging
 * and sorting every district row's values again after every write was ~50 ms of the city's
 * district quality view.
 */
export function percentilesOf(lists: readonly (readonly number[])[], ps: readonly number[]): (number | null)[] {
  if (lists.length === 1) return ps.map((p) => percentileCont(lists[0], p));
  let n = 0;
  for (const l of lists) n += l.length;
  if (n < SELECT_FROM || n < SELECT_PER_LIST * lists.length) {
    if (scratch.length < n) scratch = new Float64Array(Math.max(n, 2 * scratch.length));
    const merged = scratch.subarray(0, n);
    let at = 0;
    for (const l of lists) (merged.set(l, at), (at += l.length));
    merged.sort(); // numerically, no comparator called
    return ps.map((p) => percentileCont(merged, p));
  }
  return ps.map((p) => interpolated(n, p, (k) => nthOf(lists, k)));
}
/**
 * percentilesOf selects from this many values, at least this many a list: below either, merging and
 * sorting was as fast or faster (measured: 400 lists of 10 values, 0.11 ms sorted, 0.20 selected;
 * of 25, 0.58 and 0.27; of 200, 3.6 and 0.25).
 */
const SELECT_FROM = 1024;
const SELECT_PER_LIST = 20;
/** The values merged to be sorted (one row's at a time, synchronously): reused, grown to the largest. */
let scratch = new Float64Array(1024);

/**
 * The k-th smallest (from 0) of the values of `lists`, each sorted ascending (0 ≤ k < their total).
 * Each list keeps a window of where the answer may still be; each step takes one value of the
 * windows as the pivot (at random, with a fixed seed: the answer never depends on it), counts the
 * values below it and equal to it (a binary search a list), and either has the answer or narrows
 * every window to one side of it: ~2 ln n steps expected (~25 for 100,000 values).
 */
export function nthOf(lists: readonly (readonly number[])[], k: number): number {
  const s = lists.length;
  const lo = new Int32Array(s);
  const hi = new Int32Array(s);
  let left = 0; // values in the windows
  for (let i = 0; i < s; i++) left += hi[i] = lists[i].length;
  if (k < 0 || k >= left || !Number.isInteger(k)) throw new RangeError(`nthOf: no value ${k} of ${left}`);
  let r = k; // the answer's rank among the values in the windows
  const firstAt = new Int32Array(s); // each window's first value not below the pivot
  const pastAt = new Int32Array(s); // and its first above it
  let seed = 0x2545f491;
  for (;;) {
    // A value of the windows at random: the t-th of them, in list order.
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    let t = Math.floor((seed / 4294967296) * left);
    let i = 0;
    for (; t >= hi[i] - lo[i]; i++) t -= hi[i] - lo[i];
    const pivot = lists[i][lo[i] + t];
    if (Number.isNaN(pivot)) return sortedRest(lists, lo, hi, left)[r]; // (no order to select by: as a sort puts it)
    let below = 0;
    let upTo = 0;
    for (let j = 0; j < s; j++) {
      // (Two binary searches, written out: through a comparison function every step was a call.)
      const l = lists[j];
      let a = lo[j];
      let b = hi[j];
      while (a < b) {
        const mid = (a + b) >> 1;
        if (l[mid] < pivot) a = mid + 1;
        else b = mid;
      }
      firstAt[j] = a;
      b = hi[j];
      while (a < b) {
        const mid = (a + b) >> 1;
        if (l[mid] <= pivot) a = mid + 1;
        else b = mid;
      }
      pastAt[j] = a;
      below += firstAt[j] - lo[j];
      upTo += pastAt[j] - lo[j];
    }
    if (r >= below && r < upTo) return pivot;
    if (r < below) {
      for (let j = 0; j < s; j++) hi[j] = firstAt[j];
      left = below;
    } else {
      r -= upTo;
      for (let j = 0; j < s; j++) lo[j] = pastAt[j];
      left -= upTo;
    }
  }
}

/** The values left in the windows, sorted (numerically; NaN last, as a Float64Array sorts). */
function sortedRest(lists: readonly (readonly number[])[], lo: Int32Array, hi: Int32Array, left: number): Float64Array {
  const rest = new Float64Array(left);
  let at = 0;
  for (let i = 0; i < lists.length; i++) for (let j = lo[i]; j < hi[i]; j++) rest[at++] = lists[i][j];
  return rest.sort();
}

type Sum = { students: number; started: number; passed: number; failed: number; withdrawn: number; active: number; tenths: number; days: number[][] };

const strip = (r: ProgramSchoolRow): ProgramRowsRow => ({
  year: r.year,
  schoolId: r.schoolId,
  programType: r.programType,
  providerName: r.providerName,
  students: r.students,
  started: r.started,
  passed: r.passed,
  failed: r.failed,
  withdrawn: r.withdrawn,
  active: r.active,
  medianDays: r.medianDays,
  credits: r.credits,
});

/**
 * The rows program-rows.ts gives for `year`: each school's rows as read, and with `district` the
 * district's rows (null schoolId) added up from them — its total row always, as the statement's
 * empty grouping set gives one over no enrollments. A school's total row (no program) adds to the
 * district's total; its program rows to the district's. A school's rows as read are kept
 * with its piece (rows-from-parts.ts).
 */
export function programRowsFromParts(rows: readonly ProgramSchoolRow[], year: number, district: boolean): ProgramRowsRow[] {
  return rowsFromParts(rows, district, {
    asRead: strip,
    key: (r) => (r.programType === null ? "" : `${r.programType}\u0000${r.providerName ?? ""}`),
    total: "",
    addUp: (from) => districtRow(from, year),
    kept,
  });
}
const kept = keptRows<ProgramRowsRow>();

/** The district's row of one program type and provider (or the total): its schools' rows added up. */
function districtRow(from: readonly ProgramSchoolRow[], year: number): ProgramRowsRow {
  const sum: Sum = { students: 0, started: 0, passed: 0, failed: 0, withdrawn: 0, active: 0, tenths: 0, days: [] };
  for (const r of from) {
    sum.students += r.students;
    sum.started += r.started;
    sum.passed += r.passed;
    sum.failed += r.failed;
    sum.withdrawn += r.withdrawn;
    sum.active += r.active;
    sum.tenths += r.creditTenths;
    if (r.days) sum.days.push(r.days);
  }
  const programType = from[0]?.programType ?? null;
  return {
    year,
    schoolId: null,
    programType,
    providerName: programType === null ? null : from[0].providerName,
    students: sum.students,
    started: sum.started,
    passed: sum.passed,
    failed: sum.failed,
    withdrawn: sum.withdrawn,
    active: sum.active,
    medianDays: percentilesOf(sum.days, [0.5])[0],
    credits: sum.tenths / 10,
  };
}
