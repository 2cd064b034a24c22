import type { ProgramRowsRow } from "@/lib/sql/queries/program-rows";
import type { ProgramSchoolRow } from "@/lib/sql/queries/program-school-rows";

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
  const n = sorted.length;
  if (n === 0) return null;
  const at = p * (n - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  if (hi === lo) return sorted[lo];
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/**
 * The schools' sorted values merged into one sorted list: copied into one Float64Array and sorted
 * there (numerically, with no comparator called: the district quality view's rows put together from
 * 30 schools' took 25–38 ms with Array sort and a comparator, on the district seed).
 */
export function mergedSorted(lists: readonly (readonly number[])[]): Float64Array {
  let n = 0;
  for (const l of lists) n += l.length;
  const out = new Float64Array(n);
  let at = 0;
  for (const l of lists) {
    out.set(l, at);
    at += l.length;
  }
  return out.sort();
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
 * empty grouping set gives one over no enrollments.
 */
export function programRowsFromParts(rows: readonly ProgramSchoolRow[], year: number, district: boolean): ProgramRowsRow[] {
  const out = rows.map(strip);
  if (!district) return out;
  const sums = new Map<string, { programType: ProgramSchoolRow["programType"]; providerName: string | null; sum: Sum }>();
  const add = (key: string, programType: ProgramSchoolRow["programType"], providerName: string | null, r: ProgramSchoolRow) => {
    let e = sums.get(key);
    if (!e) sums.set(key, (e = { programType, providerName, sum: { students: 0, started: 0, passed: 0, failed: 0, withdrawn: 0, active: 0, tenths: 0, days: [] } }));
    const s = e.sum;
    s.students += r.students;
    s.started += r.started;
    s.passed += r.passed;
    s.failed += r.failed;
    s.withdrawn += r.withdrawn;
    s.active += r.active;
    s.tenths += r.creditTenths;
    if (r.days) s.days.push(r.days);
  };
  sums.set("", { programType: null, providerName: null, sum: { students: 0, started: 0, passed: 0, failed: 0, withdrawn: 0, active: 0, tenths: 0, days: [] } });
  for (const r of rows) {
    // A school's total row (no program) adds to the district's total; its program rows to the district's.
    if (r.programType === null) add("", null, null, r);
    else add(`${r.programType}\u0000${r.providerName ?? ""}`, r.programType, r.providerName, r);
  }
  for (const { programType, providerName, sum } of sums.values()) {
    out.push({
      year,
      schoolId: null,
      programType,
      providerName,
      students: sum.students,
      started: sum.started,
      passed: sum.passed,
      failed: sum.failed,
      withdrawn: sum.withdrawn,
      active: sum.active,
      medianDays: percentileCont(mergedSorted(sum.days), 0.5),
      credits: sum.tenths / 10,
    });
  }
  return out;
}
