// Phase 3 of the seed: what the program quality report (issue #18) reads besides the enrollments —
// a few administrators' overrides of a credit-recovery minimum of 20 days, its course
// sequence, what it pays each provider per school year, and state test results. Draws from its own
// generator, so the students, enrollments and results of phases 1–2 stay as they were.
import type { Rng } from "./prng";
import { isoDay, schoolYearOf } from "@/lib/calendar";
import { guardrailBreaches, limitsFor, NO_COURSE_RIGOR, type RigorPolicy } from "@/lib/enrollments/guardrails";
import { dateOf, day, type Day } from "./calendar";
import { courseSequence, PROVIDERS, type Subject } from "./catalog";
import { arrayLiteral, type Sql } from "./bulk";
import type { Writers } from "./tables";
import type { Learner } from "./enrollments";
import { RECOVERY_MIN_DAYS, type OnlineSummary } from "./online";

/**
 * The credit-recovery policy the seeded overrides were made under: at least RECOVERY_MIN_DAYS days
 * enrolled; a broken guardrail warns (an administrator may override with a written reason). The
 * demo district has no RigorPolicy row: a district sets its own on Settings, and a seeded one would
 * refuse the same-day completions the demo's walkthroughs and tests make.
 */
const RECOVERY_POLICY: RigorPolicy = {
  minDaysEnrolled: RECOVERY_MIN_DAYS,
  minActiveMinutesPerCredit: null,
  requireProctoredSummative: false,
  maxAttemptsPerAssessment: null,
  maxConcurrentPerStudent: null,
  priorityGrades: [],
  priorityNote: null,
  mode: "WARN",
};

/** The policy dates from the start of last school year: a too-fast completion since then carries an administrator's override. */
const policyFrom = (sy: number): Day => day(sy - 1, 7, 1);

const OVERRIDE_REASONS = [
  "Completed in the recovery lab every school day over the break; the teacher of record verified the work.",
  "The student had finished most units in an earlier attempt; the provider's placement test exempted them.",
  "Summer session: full-time attendance in the recovery lab, with the work checked by the teacher of record.",
  "Senior needing the credit to graduate on time; mastery confirmed on a proctored final exam.",
];

async function writePolicy(sql: Sql, summary: OnlineSummary, sy: number, q: Rng): Promise<number> {
  const p = RECOVERY_POLICY;
  const limits = limitsFor(p, NO_COURSE_RIGOR);
  const overridden = summary.tooFast.filter((e) => e.end >= policyFrom(sy));
  if (overridden.length === 0) return 0;
  // The breach in the app's own words (what complete.ts keeps), by an administrator of the student's
  // school (the district administrator when it has none), on the day the course was completed.
  const breach = (e: (typeof overridden)[number]) =>
    guardrailBreaches(limits, {
      startDate: dateOf(e.start),
      completedOn: dateOf(e.end),
      credits: 1,
      activeSeconds: null,
      assessments: [],
      results: [],
      masteryThreshold: 0,
      reported: false,
    })
      .map((b) => b.message)
      .join("\n");
  await sql.query(
    `UPDATE "Enrollment" e SET "overrideReason" = u.reason, "overrideAt" = u.at::timestamp, "overrideBreaches" = string_to_array(u.breaches, E'\\n'),
       "overrideById" = COALESCE(
         (SELECT a.id FROM "User" a JOIN "Student" s ON s."schoolId" = a."schoolId" WHERE s.id = e."studentId" AND a.role = 'SCHOOL_ADMIN' AND a.active ORDER BY a.id LIMIT 1),
         (SELECT a.id FROM "User" a WHERE a.role = 'DISTRICT_ADMIN' ORDER BY a.id LIMIT 1))
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(id, reason, at, breaches) WHERE e.id = u.id`,
    [
      arrayLiteral(overridden.map((e) => e.id)),
      arrayLiteral(overridden.map((_, i) => OVERRIDE_REASONS[i % OVERRIDE_REASONS.length]!)),
      arrayLiteral(overridden.map((e) => `${isoDay(dateOf(e.end))} ${String(q.int(13, 16))}:${String(q.int(0, 59)).padStart(2, "0")}:00`)),
      arrayLiteral(overridden.map(breach)),
    ],
  );
  return overridden.length;
}

/** A yearly license plus a price per enrollment, by provider (sized so the demo's contracts are $40,000–$250,000). */
const PRICING: Record<string, { base: number; perSeat: number; note: string | null }> = {
  APEX: { base: 38_000, perSeat: 340, note: "Seat licenses; renewed each July" },
  EDGE: { base: 32_000, perSeat: 310, note: null },
  EDMT: { base: 30_000, perSeat: 280, note: "Includes the summer session" },
};

/**
 * A contract per provider and school year, from the first year its students started a course to
 * the current one: the license plus the year's enrollments at its price (rising ~3% a year), the
 * current year's sized on last year's enrollments (it is signed before this year's are known).
 */
async function writeContracts(W: Writers, summary: OnlineSummary, providerIds: string[], sy: number, q: Rng): Promise<void> {
  for (const [i, p] of PROVIDERS.entries()) {
    const years = [...summary.seats.keys()].filter((k) => k.startsWith(`${p.code}|`)).map((k) => Number(k.split("|")[1]));
    if (years.length === 0) continue;
    const first = Math.min(...years);
    const price = PRICING[p.code]!;
    for (let y = first; y <= sy; y++) {
      const seats = summary.seats.get(`${p.code}|${y === sy ? y - 1 : y}`) ?? 0;
      const perSeat = price.perSeat * 1.03 ** (y - first) * (0.95 + 0.1 * q.next());
      const cost = Math.round((price.base + seats * perSeat) / 500) * 500;
      await W.contract.add(providerIds[i], y, cost.toFixed(2), y === sy ? "Estimated on last year's enrollments until the spring invoice" : price.note);
    }
  }
  await W.contract.flush();
}

/**
 * MCAS-like tests (Massachusetts' next-generation scale 440–560): grade 10 English language arts
 * and mathematics, and the high school biology test, most students at the end of grade 9 (when the
 * SIS sequence has them take Biology), the rest in grade 10. Days are the spring sessions'.
 */
const TESTS = [
  { test: "MCAS Grade 10 English Language Arts", subject: "ENGLISH", month: 3, date: 24, shift: 4 },
  { test: "MCAS Grade 10 Mathematics", subject: "MATHEMATICS", month: 5, date: 12, shift: -2 },
  { test: "MCAS High School Biology", subject: "SCIENCE", month: 6, date: 4, shift: -4 },
] as const satisfies readonly { test: string; subject: Subject; month: number; date: number; shift: number }[];
const LEVELS = [
  [530, "Exceeding Expectations"],
  [500, "Meeting Expectations"],
  [470, "Partially Meeting Expectations"],
  [440, "Not Meeting Expectations"],
] as const;
/**
 * How much lower a student who completed online credit recovery in the test's subject (that school
 * year or the one before) scores, beyond what their ability and risk already say: Georgia's finding
 * that ~90% pass online recovery while far fewer are proficient (issue #18). In the demo about 1 in
 * 10 such completers is proficient, against nearly half of the other students.
 */
const RECOVERY_GAP = 6;

async function writeStateTests(W: Writers, learners: Learner[], summary: OnlineSummary, asOf: Day, q: Rng, nextId: () => string): Promise<number> {
  let n = 0;
  for (const l of learners) {
    const firstOf = (grade: number) => l.years.find((y) => y.grade === grade);
    const nine = firstOf(9);
    const ten = firstOf(10);
    // Biology at the end of grade 9 for most; the others (and anyone who entered in grade 10) in grade 10.
    const bioIn = nine && q.chance(0.85) ? nine : ten;
    const absent = q.chance(0.04);
    for (const t of TESTS) {
      const y = t.subject === "SCIENCE" ? bioIn : ten;
      const noise = q.normal(0, 16);
      if (!y || absent) continue;
      const on = day(y.year + 1, t.month, t.date);
      if (on > asOf || on < y.from || on > y.to) continue;
      const recovered = (summary.recovered.get(l.id) ?? []).some((r) => r.subject === t.subject && (r.year === y.year || r.year === y.year - 1));
      const mean = 502 + 2.6 * l.ability - 10 * l.tier + t.shift - (recovered ? RECOVERY_GAP : 0);
      const score = Math.max(440, Math.min(560, Math.round(mean + noise)));
      const level = LEVELS.find(([cut]) => score >= cut)![1];
      await W.stateTest.add(nextId(), l.id, t.test, t.subject, y.year, score, level);
      n++;
    }
  }
  await W.stateTest.flush();
  return n;
}

export interface QualityCounts {
  sequence: number;
  overrides: number;
  tooFast: number;
  stateTests: number;
}

export async function writeQuality(
  q: Rng,
  learners: Learner[],
  summary: OnlineSummary,
  providerIds: string[],
  asOf: Day,
  sql: Sql,
  W: Writers,
  nextId: () => string,
): Promise<QualityCounts> {
  const sy = schoolYearOf(dateOf(asOf));
  const overrides = await writePolicy(sql, summary, sy, q.fork(1));
  const sequence = courseSequence();
  for (const [from, to] of sequence) await W.sequence.add(from, to);
  await W.sequence.flush();
  await writeContracts(W, summary, providerIds, sy, q.fork(2));
  const stateTests = await writeStateTests(W, learners, summary, asOf, q.fork(3), nextId);
  return { sequence: sequence.length, overrides, tooFast: summary.tooFast.length, stateTests };
}
