// How one online enrollment played out: assessment attempts in course order, scores, dates, and
// the enrollment fields that follow from them under the house conventions:
// - an assessment is passed when its best attempt's percent (score ÷ maxScore × 100) reaches the
//   course's mastery threshold; progress = round(100 × passed ÷ assessments in the course);
// - lastActivityOn = the latest result date;
// - COMPLETED: credit under the app's one rule (lib/enrollments/credit.ts): every summative at
//   mastery and finalGrade = Σ weight × best percent ÷ 100 at or above the district's passing grade
//   (the seeded courses set none, so the district's default, 60). A completion whose weak quizzes
//   would leave the grade below it gets its weakest quizzes' best attempts raised to mastery
//   (T ≥ 60, so the grade reaches it) — no draw from the generator, so nothing else shifts.
import type { Rng } from "./prng";
import type { Day } from "./calendar";
import type { CatalogAssessment } from "./catalog";
import type { EnrollmentPlan, EnrollmentStatus } from "./enrollments";
import type { Tier } from "./lifecycle";
import { creditDecision, DEFAULT_PASSING_GRADE } from "@/lib/enrollments/credit";

export interface PlayedResult {
  assessmentId: string;
  score: number;
  attempt: number;
  takenOn: Day;
}
export interface Played {
  status: EnrollmentStatus;
  progress: number;
  finalGrade: number | null;
  creditAwarded: number | null;
  targetDate: Day;
  endedOn: Day | null;
  endReason: string | null;
  lastActivityOn: Day | null;
  results: PlayedResult[];
}

const WITHDRAW_REASONS = ["Schedule conflict", "Student request", "Moved to an in-person section", "No activity for 30+ days", "Left the school"];

/** Score on the assessment's scale (halves up to 20 points, whole points above) for a percent. */
function scoreFor(a: CatalogAssessment, pct: number): number {
  const step = a.maxScore <= 20 ? 0.5 : 1;
  return Math.min(a.maxScore, Math.max(0, Math.round((pct * a.maxScore) / 100 / step) * step));
}
/** Passed: score ÷ maxScore × 100 ≥ threshold, compared without division. */
export const masters = (score: number, maxScore: number, threshold: number) => score * 100 >= threshold * maxScore;

export function playEnrollment(rng: Rng, plan: EnrollmentPlan, tier: Tier, ability: number, asOf: Day, practice: number): Played {
  const { course, status, start } = plan;
  const list = course.assessments;
  const k = list.length;
  const T = course.masteryThreshold;
  const targetDate = start + course.expectedWeeks * 7;
  let attempted: number;
  let last = plan.end;
  if (status === "COMPLETED") attempted = k;
  else if (status === "FAILED") attempted = rng.chance(0.5) ? k : k - 1;
  else if (status === "WITHDRAWN") attempted = rng.int(0, k - 1);
  else {
    // Active: ahead of, on or behind pace (elapsed share of the expected weeks), some gone quiet.
    const pace = rng.weighted({ ahead: 0.2, on: 0.45, behind: 0.35 });
    const share = (asOf - start) / 7 / course.expectedWeeks;
    attempted = Math.max(0, Math.min(k - 1, Math.round(k * share * (pace === "ahead" ? 1.35 : pace === "on" ? 1 : 0.5))));
    const quiet = rng.chance(tier === 2 ? 0.4 : 0.15);
    last = quiet ? asOf - rng.int(7, 30) : asOf - rng.int(0, 3);
    if (last < start) attempted = 0;
    else if (!quiet) attempted = Math.max(1, attempted);
  }
  const failIdx = status === "FAILED" ? list.findLastIndex((a, i) => a.kind === "SUMMATIVE" && i < attempted) : -1;
  const mu = T + 10 + ability - 4 * tier;
  const seq: { a: CatalogAssessment; score: number; attempt: number }[] = [];
  const best: number[] = new Array(k).fill(-1);
  for (let p = 0; p < attempted; p++) {
    const a = list[p];
    const summative = a.kind === "SUMMATIVE";
    const maxAttempts = summative ? 3 : 1 + practice;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      let score = scoreFor(a, rng.normal(mu + (attempt - 1) * 8, 12));
      const lastTry = attempt === maxAttempts;
      if (p === failIdx) while (masters(score, a.maxScore, T)) score -= a.maxScore <= 20 ? 0.5 : 1;
      if (status === "COMPLETED" && summative && lastTry && !masters(score, a.maxScore, T)) score = scoreFor(a, T + rng.int(0, 15));
      if (status === "COMPLETED" && summative) while (lastTry && !masters(score, a.maxScore, T)) score += a.maxScore <= 20 ? 0.5 : 1;
      seq.push({ a, score, attempt });
      best[p] = Math.max(best[p], score);
      const passed = masters(score, a.maxScore, T);
      let retry: boolean;
      if (p === failIdx) retry = rng.chance(0.7);
      else if (passed)
        retry = !summative && rng.chance(0.15 * practice); // practice retakes of quizzes
      else retry = (status === "COMPLETED" && summative) || rng.chance(0.6);
      if (!retry) break;
    }
  }
  if (status === "COMPLETED") passOnCompletion(seq, T, list);
  for (let p = 0; p < k; p++) best[p] = Math.max(-1, ...seq.filter((r) => r.a === list[p]).map((r) => r.score));
  // Dates: in order, spread over start..last.
  const span = Math.max(0, last - start);
  // The latest result lands on the last day of activity, so lastActivityOn tells pace and quiet apart.
  const offsets = seq.map(() => rng.int(0, span)).sort((x, y) => x - y);
  if (offsets.length) offsets[offsets.length - 1] = span;
  const results = seq.map((r, i) => ({ assessmentId: r.a.id, score: r.score, attempt: r.attempt, takenOn: start + offsets[i] }));
  const lastActivityOn = results.length ? results[results.length - 1].takenOn : null;
  const passed = best.filter((b, i) => b >= 0 && masters(b, list[i].maxScore, T)).length;
  const progress = Math.round((100 * passed) / k);
  const weighted = best.reduce((sum, b, i) => sum + (b < 0 ? 0 : (list[i].weight * b * 100) / list[i].maxScore / 100), 0);
  const done = lastActivityOn ?? start;
  let endedOn: Day | null = null;
  if (status === "COMPLETED") endedOn = done;
  else if (status === "FAILED") endedOn = Math.max(done, plan.end);
  else if (status === "WITHDRAWN") endedOn = Math.max(done, Math.min(done + rng.int(7, 30), plan.end));
  return {
    status,
    progress,
    finalGrade: status === "COMPLETED" ? Math.round(weighted * 100) / 100 : null,
    creditAwarded: status === "COMPLETED" ? course.credits : null,
    targetDate,
    endedOn,
    endReason: status === "WITHDRAWN" ? rng.pick(WITHDRAW_REASONS) : status === "FAILED" ? "Did not reach mastery on every summative by the end date" : null,
    lastActivityOn,
    results,
  };
}

/** The seeded district's passing grade: DistrictSettings' default (prisma/seed/seed.ts sets none). */
export const SEED_PASSING_GRADE = DEFAULT_PASSING_GRADE;

/** Whether a completed enrollment's results earn credit under the app's rule (lib/enrollments/credit.ts). */
export function earnsCredit(attempts: { a: CatalogAssessment; score: number; attempt: number }[], threshold: number, assessments: CatalogAssessment[]): boolean {
  const results = attempts.map((r) => ({ assessmentId: r.a.id, score: r.score, attempt: r.attempt, takenOn: new Date(0) }));
  return creditDecision({ assessments, results, masteryThreshold: threshold, passingGrade: SEED_PASSING_GRADE, credits: 1 }).ok;
}

/**
 * A completion must earn its credit: while the rule refuses, the weakest formative's best attempt is
 * raised to the lowest mastering score (summatives are already at mastery, and every assessment at
 * mastery gives a grade ≥ the threshold ≥ 60).
 */
function passOnCompletion(seq: { a: CatalogAssessment; score: number; attempt: number }[], T: number, assessments: CatalogAssessment[]): void {
  const top = (a: CatalogAssessment) => seq.filter((r) => r.a === a).reduce((x, y) => (y.score > x.score ? y : x), { a, score: -1, attempt: 0 });
  while (!earnsCredit(seq, T, assessments)) {
    const weakest = assessments
      .filter((a) => a.kind === "FORMATIVE" && top(a).attempt > 0 && !masters(top(a).score, a.maxScore, T))
      .sort((x, y) => top(x).score / x.maxScore - top(y).score / y.maxScore || x.position - y.position)[0];
    if (!weakest) break;
    const r = top(weakest);
    const step = weakest.maxScore <= 20 ? 0.5 : 1;
    while (!masters(r.score, weakest.maxScore, T)) r.score += step;
  }
}
