// Online enrollments: which ones each student gets (planning), and how each one played out
// (assessment attempts, progress, grade, credit). Credit recovery follows the student's own
// failed courses; the other programs are spread over student-years by risk tier.
import type { Rng } from "./prng";
import { schoolYearOf } from "@/lib/calendar";
import { dateOf, type Day } from "./calendar";
import type { CatalogCourse, Program } from "./catalog";
import type { LifeYear, Status, Tier } from "./lifecycle";
import type { Failure } from "./transcripts";
import { recoversCode } from "@/lib/students/recovery";

export interface Learner {
  id: string;
  sisId: string;
  counselorId: string | null;
  tier: Tier;
  ability: number;
  raceEthnicity: string;
  gender: string;
  status: Status;
  /** Last day the student could take a course: the as-of date, or the exit date. */
  until: Day;
  graduated: boolean;
  years: LifeYear[];
  failures: Failure[];
}

export type EnrollmentStatus = "ACTIVE" | "COMPLETED" | "WITHDRAWN" | "FAILED";

export interface EnrollmentPlan {
  course: CatalogCourse;
  status: EnrollmentStatus;
  start: Day;
  /** Latest day of activity (ended: the end of the course; active: the as-of date). */
  end: Day;
  replacesId: string | null;
}

const ACTIVE_WINDOW = 98; // active enrollments started 1–14 weeks ago

function endedStatus(rng: Rng, l: Learner): EnrollmentStatus {
  if (l.graduated) return rng.chance(0.93) ? "COMPLETED" : "WITHDRAWN";
  return rng.weighted({ COMPLETED: 0.5, WITHDRAWN: 0.28, FAILED: 0.22 });
}

/** Places an enrollment that may start from `earliest`: active if recent and still enrolled, else ended. */
function place(rng: Rng, l: Learner, course: CatalogCourse, earliest: Day, latestStart: Day, asOf: Day, replacesId: string | null): EnrollmentPlan | null {
  const last = Math.min(latestStart, l.until - 7);
  if (earliest > last) return null;
  const start = earliest + rng.int(0, last - earliest);
  const length = Math.round(course.expectedWeeks * 7 * (0.6 + rng.next() * 0.8));
  const enrolled = l.status === "ENROLLED";
  if (enrolled && asOf - start <= ACTIVE_WINDOW && asOf - start >= 7 && !rng.chance(0.12)) {
    return { course, status: "ACTIVE", start, end: asOf, replacesId };
  }
  if (enrolled && asOf - start < 7) return null;
  const end = Math.min(start + length, l.until - 1, asOf - 1);
  return { course, status: endedStatus(rng, l), start, end: Math.max(end, start + 7), replacesId };
}

/** Credit recovery for failed transcript courses: graduates recovered nearly all theirs. */
export function planRecovery(rng: Rng, l: Learner, catalog: CatalogCourse[], asOf: Day): EnrollmentPlan[] {
  const out: EnrollmentPlan[] = [];
  const p = l.graduated ? 0.9 : l.status === "ENROLLED" ? 0.65 : 0.3;
  for (const f of l.failures) {
    if (!rng.chance(p)) continue;
    // The course that recovers the failed SIS code; the subject's other recovery courses only when
    // none does (the student page's rule: lib/students/recovery.ts recoveryOffers).
    const recovery = catalog.filter((c) => c.program === "CREDIT_RECOVERY");
    const replacements = recovery.filter((c) => recoversCode(c.recovers, f.code));
    const options = replacements.length > 0 ? replacements : recovery.filter((c) => c.subject === f.subject);
    if (options.length === 0) continue;
    const plan = place(rng, l, rng.pick(options), f.final + 7, f.final + 7 + rng.int(0, 200), asOf, f.id);
    if (plan) out.push(plan);
  }
  return out;
}

const PROGRAMS: Record<Tier, Partial<Record<Program, number>>> = {
  0: { ADVANCED_PLACEMENT: 0.35, ORIGINAL_CREDIT: 0.5, SKILL_DEVELOPMENT: 0.15 },
  1: { ORIGINAL_CREDIT: 0.4, SKILL_DEVELOPMENT: 0.3, DROPOUT_PREVENTION: 0.2, ADVANCED_PLACEMENT: 0.1 },
  2: { DROPOUT_PREVENTION: 0.4, SKILL_DEVELOPMENT: 0.35, ORIGINAL_CREDIT: 0.25 },
};
/**
 * The district's own finding (issue 18): Black and Latino male students had less access to the
 * rigorous courses. The demo says so too, so the access view has a gap to show: for them an
 * advanced-placement enrollment is a third as likely, the rest going to original credit (one draw
 * either way, as before).
 */
const AP_ACCESS_SHIFT = 2 / 3;
function programWeights(l: Learner): Record<Program, number> {
  const w = { ...PROGRAMS[l.tier] } as Record<Program, number>;
  const lessAccess = l.gender === "MALE" && (l.raceEthnicity === "BLACK_AFRICAN_AMERICAN" || l.raceEthnicity === "HISPANIC_LATINO");
  if (!lessAccess || !w.ADVANCED_PLACEMENT) return w;
  const moved = w.ADVANCED_PLACEMENT * AP_ACCESS_SHIFT;
  return { ...w, ADVANCED_PLACEMENT: w.ADVANCED_PLACEMENT - moved, ORIGINAL_CREDIT: (w.ORIGINAL_CREDIT ?? 0) + moved };
}

export const TIER_WEIGHT: Record<Tier, number> = { 0: 1, 1: 1.5, 2: 2 };

/** `n` enrollments outside credit recovery, each in one of the student's school years. */
export function planOthers(rng: Rng, l: Learner, n: number, catalog: CatalogCourse[], asOf: Day): EnrollmentPlan[] {
  const out: EnrollmentPlan[] = [];
  for (let i = 0; i < n && l.years.length > 0; i++) {
    const program = rng.weighted(programWeights(l));
    const course = rng.pick(catalog.filter((c) => c.program === program));
    const y = rng.chance(0.4) ? l.years[l.years.length - 1] : rng.pick(l.years);
    const plan = place(rng, l, course, y.from, Math.min(y.to, asOf), asOf, null);
    if (plan) out.push(plan);
  }
  return out;
}

/** Drops a second ACTIVE enrollment in the same course (one active per student and course). */
export function oneActivePerCourse(plans: EnrollmentPlan[]): EnrollmentPlan[] {
  const seen = new Set<string>();
  return plans.filter((p) => {
    if (p.status !== "ACTIVE") return true;
    if (seen.has(p.course.id)) return false;
    seen.add(p.course.id);
    return true;
  });
}

/** School year of an ended enrollment's credit (the year it was completed). */
export const creditYear = (endedOn: Day) => schoolYearOf(dateOf(endedOn));
