import type { QualityRow } from "@/lib/sql/queries/quality-rows";
import type { QualitySchoolRow } from "@/lib/sql/queries/quality-school-rows";
import { mergedSorted, percentileCont } from "./program-parts";

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

type Sum = Record<(typeof ADDED)[number], number> & { tenths: number; days: number[][]; seconds: number[][] };

/** PostgreSQL's percentile_cont over sorted values, as quality-rows.ts's qualityPercentiles gives them. */
const percentiles = (days: ArrayLike<number>, seconds: ArrayLike<number>) => ({
  daysP25: percentileCont(days, 0.25),
  daysMedian: percentileCont(days, 0.5),
  daysP75: percentileCont(days, 0.75),
  secondsMedian: percentileCont(seconds, 0.5),
});

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
  ...percentiles(r.days ?? [], r.seconds ?? []),
});

/**
 * The rows quality-rows.ts gives for `year`: each school's rows as read, and with `district` the
 * district's rows (null schoolId) added up from them — its total row always, as the statement's
 * empty grouping set gives one over no enrollments.
 */
export function qualityRowsFromParts(rows: readonly QualitySchoolRow[], year: number, district: boolean): QualityRow[] {
  const out = rows.map(strip);
  if (!district) return out;
  const sums = new Map<string, { ids: Pick<QualityRow, "courseId" | "programType" | "providerId">; sum: Sum }>();
  const zero = (): Sum => ({ ...(Object.fromEntries(ADDED.map((k) => [k, 0])) as Record<(typeof ADDED)[number], number>), tenths: 0, days: [], seconds: [] });
  sums.set("||", { ids: { courseId: null, programType: null, providerId: null }, sum: zero() });
  for (const r of rows) {
    const key = `${r.courseId ?? ""}|${r.programType ?? ""}|${r.providerId ?? ""}`;
    let e = sums.get(key);
    if (!e) sums.set(key, (e = { ids: { courseId: r.courseId, programType: r.programType, providerId: r.providerId }, sum: zero() }));
    const s = e.sum;
    for (const k of ADDED) s[k] += r[k];
    s.tenths += r.creditTenths;
    if (r.days) s.days.push(r.days);
    if (r.seconds) s.seconds.push(r.seconds);
  }
  for (const { ids, sum } of sums.values()) {
    const { tenths, days, seconds, ...counts } = sum;
    out.push({
      year,
      schoolId: null,
      ...ids,
      ...counts,
      credits: tenths / 10,
      ...percentiles(mergedSorted(days), mergedSorted(seconds)),
    });
  }
  return out;
}
