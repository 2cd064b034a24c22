// Phase 2 of the seed: online enrollments with their assessment results, and transcript credit
// for completed ones (term "OL", linked by enrollmentId). Planned for everyone first (so a
// district-wide target can be met exactly enough), then played out and written in batches.
import type { Rng } from "./prng";
import { isoDay, schoolYearOf } from "@/lib/calendar";
import { dateOf, type Day } from "./calendar";
import type { CatalogCourse } from "./catalog";
import type { Writers } from "./tables";
import type { Scale } from "./scale";
import { oneActivePerCourse, planOthers, planRecovery, TIER_WEIGHT, type EnrollmentPlan, type Learner } from "./enrollments";
import { playEnrollment } from "./attempts";
import { providerEnrollmentKey } from "@/lib/enrollments/source-key";

const BATCH = 400;

/** Splits `total` over items by weight, in order, with whole numbers that add up (systematic rounding). */
export function allocate(weights: number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  let given = 0;
  return weights.map((w) => {
    acc += sum > 0 ? (w * total) / sum : 0;
    const n = Math.round(acc) - given;
    given += n;
    return n;
  });
}

function planAll(rng: Rng, scale: Scale, learners: Learner[], catalog: CatalogCourse[], asOf: Day): EnrollmentPlan[][] {
  const plans = learners.map((l) => planRecovery(rng, l, catalog, asOf));
  const weights = learners.map((l) => l.years.length * TIER_WEIGHT[l.tier]);
  const count = () => plans.reduce((n, p) => n + p.length, 0);
  if (scale.onlineTarget === null) {
    const sum = weights.reduce((a, b) => a + b, 0);
    allocate(weights, Math.round(sum * scale.onlinePerStudentYear)).forEach((n, i) => {
      plans[i] = oneActivePerCourse([...plans[i], ...planOthers(rng, learners[i], n, catalog, asOf)]);
    });
    return plans;
  }
  // Top up until the target is met: some planned enrollments cannot be placed (no room before exit).
  for (let round = 0; round < 4 && count() < scale.onlineTarget; round++) {
    allocate(weights, scale.onlineTarget - count()).forEach((n, i) => {
      if (n > 0) plans[i] = oneActivePerCourse([...plans[i], ...planOthers(rng, learners[i], n, catalog, asOf)]);
    });
  }
  return plans;
}

const ts = (d: Day) => `${isoDay(dateOf(d))} 12:00:00`;

/**
 * The demo's rigor policy for credit recovery (issue #18; written by quality.ts): the fewest
 * calendar days from start to completion, and the share of credit-recovery completions the seed
 * makes faster than that (7 days to the minimum − 1; the program quality report flags them).
 */
export const RECOVERY_MIN_DAYS = 20;
const TOO_FAST_SHARE = 0.035;
/** Share of summative attempts stated proctored by each provider's file; the rest split not proctored / not stated. */
const PROCTORED: Record<string, number> = { APEX: 0.93, EDGE: 0.86, EDMT: 0.72 };

/** What the quality seed (quality.ts) reads of the enrollments written. */
export interface OnlineSummary {
  /** Enrollments started, by provider code and school year of the start: `${code}|${year}`. */
  seats: Map<string, number>;
  /** Each student's completed credit-recovery courses: subject and school year of completion. */
  recovered: Map<string, { subject: string; year: number }[]>;
  /** Credit-recovery completions finished in fewer days than RECOVERY_MIN_DAYS. */
  tooFast: { id: string; studentId: string; start: Day; end: Day }[];
}

/**
 * A credit-recovery completion the seed makes too fast: its last day moved to 7–19 days after the
 * start, within the same school year (so its credit stays in the year it was). Draws from the
 * quality generator only, so every other figure of the seed stays as it was.
 */
function tooFastPlan(q: Rng, plan: EnrollmentPlan): EnrollmentPlan {
  const chosen = q.chance(TOO_FAST_SHARE);
  const days = q.int(7, RECOVERY_MIN_DAYS - 1);
  if (!chosen || plan.status !== "COMPLETED" || plan.course.program !== "CREDIT_RECOVERY") return plan;
  const end = plan.start + days;
  if (plan.end <= end || schoolYearOf(dateOf(end)) !== schoolYearOf(dateOf(plan.end))) return plan;
  return { ...plan, end };
}

/** Whether a summative attempt was proctored, as the provider's file says (null: not stated); formatives say nothing. */
function proctoredFlag(q: Rng, kind: string, provider: string): boolean | null {
  if (kind !== "SUMMATIVE") return null;
  if (q.chance(PROCTORED[provider] ?? 0.8)) return true;
  return q.chance(0.5) ? false : null;
}

export async function writeOnline(
  rng: Rng,
  scale: Scale,
  learners: Learner[],
  catalog: CatalogCourse[],
  asOf: Day,
  W: Writers,
  nextId: { enrollment: () => string; result: () => string; transcript: () => string },
  /** The quality seed's own generator (too-fast completions, proctored flags): the main one's draws stay as they were. */
  q: Rng,
  /** Students whose enrollments and results are written, of all (the seed's progress bar). */
  onProgress?: (done: number, total: number) => void,
): Promise<OnlineSummary> {
  const plans = planAll(rng, scale, learners, catalog, asOf);
  const kindOf = new Map(catalog.flatMap((c) => c.assessments.map((a) => [a.id, a.kind] as const)));
  const summary: OnlineSummary = { seats: new Map(), recovered: new Map(), tooFast: [] };
  for (let b = 0; b < learners.length; b += BATCH) {
    onProgress?.(b, learners.length);
    const results: unknown[][] = [];
    const credits: unknown[][] = [];
    for (let i = b; i < Math.min(b + BATCH, learners.length); i++) {
      const l = learners[i];
      for (const [n, planned] of plans[i].entries()) {
        const plan = tooFastPlan(q, planned);
        const p = playEnrollment(rng, plan, l.tier, l.ability, asOf, scale.practice);
        const id = nextId.enrollment();
        const c = plan.course;
        const seat = `${c.providerCode}|${schoolYearOf(dateOf(plan.start))}`;
        summary.seats.set(seat, (summary.seats.get(seat) ?? 0) + 1);
        if (p.status === "COMPLETED" && p.endedOn !== null && c.program === "CREDIT_RECOVERY") {
          summary.recovered.set(l.id, [...(summary.recovered.get(l.id) ?? []), { subject: c.subject, year: schoolYearOf(dateOf(p.endedOn)) }]);
          if (p.endedOn - plan.start < RECOVERY_MIN_DAYS) summary.tooFast.push({ id, studentId: l.id, start: plan.start, end: p.endedOn });
        }
        await W.enrollment.add(
          id,
          l.id,
          c.id,
          plan.replacesId,
          l.counselorId,
          isoDay(dateOf(plan.start)),
          isoDay(dateOf(p.targetDate)),
          p.status,
          p.progress,
          p.finalGrade,
          p.creditAwarded,
          p.endedOn === null ? null : isoDay(dateOf(p.endedOn)),
          p.endReason,
          p.lastActivityOn === null ? null : isoDay(dateOf(p.lastActivityOn)),
          providerEnrollmentKey(c.providerCode, `${c.providerCode}-${l.sisId}-${n + 1}`),
          ts(plan.start),
        );
        for (const r of p.results) {
          const manual = rng.chance(0.15);
          results.push([
            nextId.result(),
            id,
            r.assessmentId,
            r.score,
            r.attempt,
            isoDay(dateOf(r.takenOn)),
            manual ? l.counselorId : null,
            manual ? "MANUAL" : "IMPORT",
            ts(r.takenOn),
            proctoredFlag(q, kindOf.get(r.assessmentId)!, c.providerCode),
          ]);
        }
        if (p.status === "COMPLETED" && p.endedOn !== null && p.finalGrade !== null) {
          credits.push([
            nextId.transcript(),
            l.id,
            c.code,
            c.title,
            c.subject,
            schoolYearOf(dateOf(p.endedOn)),
            "OL",
            String(Math.round(p.finalGrade)),
            c.credits,
            c.credits,
            id,
            `online:${id}`,
          ]);
        }
      }
    }
    await W.enrollment.flush();
    for (const r of results) await W.result.add(...(r as Parameters<typeof W.result.add>));
    for (const t of credits) await W.transcript.add(...(t as Parameters<typeof W.transcript.add>));
  }
  await W.result.flush();
  await W.transcript.flush();
  onProgress?.(learners.length, learners.length);
  return summary;
}
