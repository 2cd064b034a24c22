import type { ProgramRowsRow } from "@/lib/sql/queries/program-rows";
import type { ProgramSchoolRow } from "@/lib/sql/queries/program-school-rows";
import { keptRows, rowsFromParts, spliced, unchanged, type Since } from "./rows-from-parts";

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
 * `percentilesOf(lists, ps)` for a district row added up again after a write (`slot`: its report,
 * year, key and which values): the same doubles, from the values it was last worked out over, kept
 * sorted, with the lists a write replaced taken out and their new ones put in, in one pass
 * (a write replaces one school's lists: ~0.1 ms for the city's 100,000 days of a year, where
 * selecting from 400 lists again was ~0.5 ms a row, ~40 ms of the district quality view's ~70 rows
 * after every write). A list is the same values while it is the same array: callers pass only
 * lists frozen with their school rows (cache.ts). Few values, or more than a quarter of them changed:
 * worked out as percentilesOf does, and kept from there.
 */
export function percentilesKept(slot: string, lists: readonly (readonly number[])[], ps: readonly number[]): (number | null)[] {
  let n = 0;
  for (const l of lists) n += l.length;
  if (lists.length < 2 || n < KEEP_FROM) return percentilesOf(lists, ps);
  const last = merges.get(slot);
  let merge = last && mergedSince(last, lists, n);
  if (merge) mergedFromLast++;
  else merge = mergedAll(lists, n);
  if (last) ((keptValues -= held(last)), merges.delete(slot));
  merges.set(slot, merge);
  keptValues += held(merge);
  for (const [k, m] of merges) {
    if (keptValues <= KEPT_VALUES) break;
    keptValues -= held(m);
    merges.delete(k);
  }
  const values = merge.values;
  return ps.map((p) => percentileCont(values, p));
}
/** How many times percentilesKept has merged from the values kept since the process began (tests). */
let mergedFromLast = 0;
export const keptMerges = () => mergedFromLast;
/**
 * Lists merged: the lists (a copy: the caller may change its array), their values sorted, and
 * whether none of those is NaN or −0 (a sort orders those apart from what equals them, which
 * mergedSince does not follow).
 */
type Merge = { lists: readonly (readonly number[])[]; values: Float64Array; plain: boolean; spare?: Float64Array };
/**
 * Values a merge holds: its own and its spare, the array the values before it were in, which the
 * next merge of the slot writes into when they fit (a write's merges made ~5.6 MB of arrays a read
 * of the city's district quality view otherwise).
 */
const held = (m: Merge) => m.values.buffer.byteLength / 8 + (m.spare?.length ?? 0);
/** A slot's last merge (percentilesKept), least recently used first. */
const merges = new Map<string, Merge>();
let keptValues = 0;
/** Values kept at most (8 bytes each: 32 MB), and the fewest a row's are kept for (below, merging and sorting them again is as fast). */
const KEPT_VALUES = 4_000_000;
const KEEP_FROM = 256;
const odd = (v: number) => Number.isNaN(v) || Object.is(v, -0);

function mergedAll(lists: readonly (readonly number[])[], n: number): Merge {
  const values = new Float64Array(n);
  let at = 0;
  for (const l of lists) (values.set(l, at), (at += l.length));
  values.sort();
  return { lists: [...lists], values, plain: !values.some(odd) };
}

/**
 * `last`'s values without those of its lists that `lists` does not share at its start or end, with
 * `lists`' own there: `lists`' values sorted as a sort gives them, the runs between the values
 * moved copied whole. Undefined (merge them all) when more than a quarter moved, or a value moved
 * or kept is NaN or −0.
 */
function mergedSince(last: Merge, lists: readonly (readonly number[])[], n: number): Merge | undefined {
  if (!last.plain) return undefined;
  // The lists between the longest common start and end (rows-from-parts.ts: a write replaces one school's, in place).
  const [start, end] = unchanged(last.lists, lists);
  const added: number[] = [];
  for (let k = start; k < lists.length - end; k++) for (const v of lists[k]) added.push(v);
  const removed: number[] = [];
  for (let k = start; k < last.lists.length - end; k++) for (const v of last.lists[k]) removed.push(v);
  if (added.length + removed.length > n / 4 || added.some(odd) || removed.some(odd)) return undefined;
  const add = Float64Array.from(added).sort();
  const rem = Float64Array.from(removed).sort();
  const from = last.values;
  // Into the slot's spare array when it holds them (room for a few more each time: the counts
  // move by a few a write), the values before becoming the next spare.
  const room = last.spare && last.spare.length >= n ? last.spare : new Float64Array(n + Math.min(1024, n >> 4));
  const out = room.subarray(0, n);
  let o = 0;
  let at = 0; // in `from`: what is before it is in `out`
  // The values moved in order, each after the run of kept values below it (ties: either first).
  for (let a = 0, r = 0; a < add.length || r < rem.length;) {
    const adding = a < add.length && (r >= rem.length || add[a] <= rem[r]);
    const v = adding ? add[a] : rem[r];
    let lo = at; // the first kept value from `at` not below v
    let hi = from.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (from[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    if (o + (lo - at) + (adding ? 1 : 0) > n) return undefined;
    out.set(from.subarray(at, lo), o);
    o += lo - at;
    at = lo;
    if (adding) ((out[o++] = v), a++);
    else if (from[at] === v) (at++, r++);
    else return undefined; // not among the kept values: they were not those lists' (never, unless changed)
  }
  if (o + (from.length - at) !== n) return undefined;
  out.set(from.subarray(at), o);
  return { lists: [...lists], values: out, plain: true, spare: new Float64Array(from.buffer) };
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

/** A district row's sums, and its lists of days: one a school row (NONE for none). */
type Sum = { students: number; started: number; passed: number; failed: number; withdrawn: number; active: number; tenths: number; days: (readonly number[])[] };

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
    addUp: (from, since, frozen) => districtRow(from, year, since, frozen),
    kept,
  });
}
const kept = keptRows<ProgramRowsRow>();

/**
 * The district's row of one program type and provider (or the total): its schools' rows added up —
 * from the row last added up for it (`since`: its sums less the school rows gone, plus those come;
 * whole numbers, so exactly the same sums), or from every one.
 */
function districtRow(from: readonly ProgramSchoolRow[], year: number, since?: Since<ProgramSchoolRow, ProgramRowsRow>, frozen = false): ProgramRowsRow {
  const last = since && sums.get(since.row);
  const sum: Sum = last ? { ...last, days: [] } : { students: 0, started: 0, passed: 0, failed: 0, withdrawn: 0, active: 0, tenths: 0, days: [] };
  const add = (r: ProgramSchoolRow, sign: number) => {
    sum.students += sign * r.students;
    sum.started += sign * r.started;
    sum.passed += sign * r.passed;
    sum.failed += sign * r.failed;
    sum.withdrawn += sign * r.withdrawn;
    sum.active += sign * r.active;
    sum.tenths += sign * r.creditTenths;
  };
  if (since && last) {
    for (const r of since.removed) add(r, -1);
    for (const r of since.added) add(r, 1);
    sum.days = spliced(last.days, since, (r) => r.days ?? NONE);
  } else for (const r of from) (add(r, 1), sum.days.push(r.days ?? NONE));
  const programType = from[0]?.programType ?? null;
  const row: ProgramRowsRow = {
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
    // (Kept only for school rows from frozen pieces: their lists are frozen with them.)
    medianDays: frozen
      ? percentilesKept(`program ${year} ${programType ?? ""}\u0000${programType === null ? "" : (from[0].providerName ?? "")}`, sum.days, [0.5])[0]
      : percentilesOf(sum.days, [0.5])[0],
    credits: sum.tenths / 10,
  };
  sums.set(row, sum);
  return row;
}
const NONE: readonly number[] = Object.freeze([]);
/** Each district row's sums as added up (districtRow): where the next is added up from. */
const sums = new WeakMap<ProgramRowsRow, Sum>();
