// Online-course rules: progress, pace, on-schedule %, inactivity, completion and final grade.
// Pure functions (no I/O, no hidden clock): every "today" is an `asOf` parameter. Dates are
// calendar days at UTC midnight, the way Prisma returns @db.Date columns (day arithmetic:
// lib/calendar.ts).
import { addDays, daysBetween } from "@/lib/calendar";

export type PaceStatus = "AHEAD" | "ON_PACE" | "BEHIND";
export type ScheduleColour = "GREEN" | "YELLOW" | "RED";

/** Default target date: the start plus the course's expected weeks (provider catalog figure). */
export function defaultTargetDate(start: Date, expectedWeeks: number): Date {
  return addDays(start, expectedWeeks * 7);
}

/** Percent of the maximum score, 0..100 (score ÷ maxScore × 100). */
export function percentOf(score: number, maxScore: number): number {
  return maxScore > 0 ? (score / maxScore) * 100 : 0;
}

/** Mastery is met when the percent reaches the course's threshold (≥, so exactly the threshold passes). */
export function meetsMastery(percent: number, threshold: number): boolean {
  return percent >= threshold;
}

export type AssessmentFacts = { id: string; position: number; kind: "FORMATIVE" | "SUMMATIVE"; weight: number; maxScore: number };
export type ResultFacts = { assessmentId: string; score: number; attempt: number; takenOn: Date };

/** Best percent per assessment across all attempts (the best attempt counts, as in Edgenuity/Apex retakes). */
export function bestPercents(assessments: AssessmentFacts[], results: ResultFacts[]): Map<string, number> {
  const max = new Map(assessments.map((a) => [a.id, a.maxScore]));
  const best = new Map<string, number>();
  for (const r of results) {
    const m = max.get(r.assessmentId);
    if (m === undefined) continue;
    const p = percentOf(r.score, m);
    if (p > (best.get(r.assessmentId) ?? -1)) best.set(r.assessmentId, p);
  }
  return best;
}

/**
 * Progress = round(100 × assessments passed ÷ assessments in the course). We count *passed*
 * (best attempt ≥ mastery threshold), not merely recorded: a failed attempt is not progress.
 */
export function progressOf(assessments: AssessmentFacts[], results: ResultFacts[], threshold: number): number {
  if (assessments.length === 0) return 0;
  const best = bestPercents(assessments, results);
  const passed = assessments.filter((a) => meetsMastery(best.get(a.id) ?? -1, threshold)).length;
  return Math.round((100 * passed) / assessments.length);
}

/** Latest result date (Enrollment.lastActivityOn), or null without results. */
export function lastActivity(results: { takenOn: Date }[]): Date | null {
  let last: Date | null = null;
  for (const r of results) if (!last || r.takenOn > last) last = r.takenOn;
  return last;
}

/**
 * Expected progress: a straight line from 0% on the start date to 100% on the target date,
 * clamped to 0..100 (Edgenuity's "target" line; Apex's pacing guide spreads work evenly the same way).
 */
export function expectedProgress(start: Date, target: Date, asOf: Date): number {
  const total = daysBetween(start, target);
  if (total <= 0) return asOf >= target ? 100 : 0;
  const elapsed = daysBetween(start, asOf);
  return Math.min(100, Math.max(0, (100 * elapsed) / total));
}

/** On pace within ±3 percentage points of the expected line (Edgenuity's band, inclusive); ahead above, behind below. */
export function paceStatus(progress: number, expected: number): PaceStatus {
  const diff = progress - expected;
  if (diff > 3) return "AHEAD";
  if (diff < -3) return "BEHIND";
  return "ON_PACE";
}

export function paceFor(e: { progress: number; startDate: Date; targetDate: Date }, asOf: Date): { expected: number; status: PaceStatus } {
  const expected = expectedProgress(e.startDate, e.targetDate, asOf);
  return { expected, status: paceStatus(e.progress, expected) };
}

/**
 * Due date of the assessment at `position` (1..count): assessments are spread evenly from start to
 * target, so assessment k of n is due at start + (target − start) × k ÷ n (the last on the target date).
 */
export function assessmentDueDate(start: Date, target: Date, position: number, count: number): Date {
  const total = Math.max(0, daysBetween(start, target));
  return addDays(start, Math.floor((total * position) / count));
}

/** How many of `count` evenly spread assessments are due by `asOf` (positions 1..dueCount). */
export function dueCount(start: Date, target: Date, count: number, asOf: Date): number {
  let n = 0;
  for (let k = 1; k <= count; k++) if (assessmentDueDate(start, target, k, count) <= asOf) n = k;
  return n;
}

/**
 * Apex-style "on schedule %": assessments due by today that are done ÷ assessments due by today,
 * where done = at least one attempt recorded. Null when nothing is due yet.
 */
export function onScheduleRate(due: number, doneOfDue: number): number | null {
  if (due <= 0) return null;
  return Math.round((100 * doneOfDue) / due);
}

/** Apex's colours: green ≥ 80%, yellow 60–79%, red < 60%. */
export function scheduleColour(rate: number): ScheduleColour {
  if (rate >= 80) return "GREEN";
  if (rate >= 60) return "YELLOW";
  return "RED";
}

/** Days with no activity: since the last result, or since the start when nothing was recorded yet. */
export function daysInactive(lastActivityOn: Date | null, startDate: Date, asOf: Date): number {
  return Math.max(0, daysBetween(lastActivityOn ?? startDate, asOf));
}

/** Inactive = no result in 7 days (7 or more days since the last activity). */
export const INACTIVE_DAYS = 7;
export function isInactive(days: number): boolean {
  return days >= INACTIVE_DAYS;
}

/**
 * Final grade = Σ(weight × best percent) ÷ Σ weight over all the course's assessments, an
 * assessment never attempted counting 0 (the provider's weighted gradebook). Rounded to 2 decimals.
 * Grade-to-date uses the same weights over attempted assessments only.
 */
export function finalGrade(assessments: AssessmentFacts[], results: ResultFacts[]): number {
  const best = bestPercents(assessments, results);
  const totalWeight = assessments.reduce((s, a) => s + a.weight, 0);
  if (totalWeight <= 0) return 0;
  const sum = assessments.reduce((s, a) => s + a.weight * (best.get(a.id) ?? 0), 0);
  return Math.round((100 * sum) / totalWeight) / 100;
}

export function gradeToDate(assessments: AssessmentFacts[], results: ResultFacts[]): number | null {
  const best = bestPercents(assessments, results);
  const done = assessments.filter((a) => best.has(a.id));
  if (done.length === 0) return null;
  return finalGrade(done, results);
}

// "Mastery failed" (a risk input) is one SQL rule, lib/sql/fragments/mastery-failed.ts, which the
// caseload and the student page both select; it is no longer also written here.
