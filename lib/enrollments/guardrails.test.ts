import { describe, expect, it } from "vitest";
import { concurrentBreach, guardrailBreaches, limitsFor, priorityLine, rigorLine, type RigorFacts, type RigorLimits, type RigorPolicy } from "./guardrails";
import { creditDecision } from "./credit";

const day = (s: string) => new Date(`${s}T00:00:00Z`);
const POLICY: RigorPolicy = {
  minDaysEnrolled: 20,
  minActiveMinutesPerCredit: 600,
  requireProctoredSummative: true,
  maxAttemptsPerAssessment: 3,
  maxConcurrentPerStudent: 2,
  priorityGrades: [12],
  priorityNote: "Seniors short of credits first",
  mode: "REFUSE",
};
const LIMITS = limitsFor(POLICY, { minDaysEnrolled: null, minActiveMinutesPerCredit: null, requireProctoredSummative: null, maxAttemptsPerAssessment: null })!;
const assessments = [
  { id: "q1", position: 1, kind: "FORMATIVE" as const, weight: 40, maxScore: 50, title: "Quiz 1" },
  { id: "ex", position: 2, kind: "SUMMATIVE" as const, weight: 60, maxScore: 100, title: "Final Exam" },
];
const facts = (over: Partial<RigorFacts> = {}): RigorFacts => ({
  startDate: day("2026-09-01"),
  completedOn: day("2026-09-21"),
  credits: 1,
  activeSeconds: 600 * 60,
  assessments,
  results: [
    { assessmentId: "q1", score: 40, attempt: 1, takenOn: day("2026-09-05"), proctored: null },
    { assessmentId: "ex", score: 80, attempt: 1, takenOn: day("2026-09-20"), proctored: true },
  ],
  masteryThreshold: 70,
  reported: false,
  ...over,
});
const rules = (limits: RigorLimits | null, f: RigorFacts) => guardrailBreaches(limits, f).map((b) => b.rule);

describe("limitsFor", () => {
  it("takes each of the course's own limits over its program type's, and is null when none is set", () => {
    expect(limitsFor(POLICY, { minDaysEnrolled: 5, minActiveMinutesPerCredit: null, requireProctoredSummative: false, maxAttemptsPerAssessment: null })).toEqual({
      minDaysEnrolled: 5,
      minActiveMinutesPerCredit: 600,
      requireProctoredSummative: false,
      maxAttemptsPerAssessment: 3,
      mode: "REFUSE",
    });
    expect(limitsFor(null, { minDaysEnrolled: null, minActiveMinutesPerCredit: null, requireProctoredSummative: null, maxAttemptsPerAssessment: null })).toBeNull();
    // A course's own limit applies without any policy (refuse, the default mode).
    expect(limitsFor(null, { minDaysEnrolled: 10, minActiveMinutesPerCredit: null, requireProctoredSummative: null, maxAttemptsPerAssessment: null })?.mode).toBe("REFUSE");
  });
});

describe("guardrailBreaches at their boundaries", () => {
  it("passes exactly at every limit", () => {
    // 20 days (Sep 1 → Sep 21), 600 minutes for 1 credit, the exam proctored at 80% ≥ 70%, 1 attempt ≤ 3.
    expect(guardrailBreaches(LIMITS, facts())).toEqual([]);
  });
  it("days enrolled: 19 days is one short of 20", () => {
    const b = guardrailBreaches(LIMITS, facts({ completedOn: day("2026-09-20") }));
    expect(b).toEqual([{ rule: "minDays", message: "Finished 19 days after the start; the district's minimum is 20 days." }]);
  });
  it("active time: minutes per credit × credits, and no check without time on task", () => {
    expect(rules(LIMITS, facts({ activeSeconds: 600 * 60 - 1 }))).toEqual(["minActive"]);
    // 1.5 credits need 900 minutes: 899 is short.
    const b = guardrailBreaches(LIMITS, facts({ credits: 1.5, activeSeconds: 899 * 60 }));
    expect(b[0]!.message).toBe("899 active minutes on record; the minimum is 900 minutes (600 per credit × 1.5).");
    expect(rules(LIMITS, facts({ activeSeconds: null }))).toEqual([]);
  });
  it("proctored: the attempt at mastery must be proctored; not stated is not proctored", () => {
    const r = (proctored: boolean | null, score = 80) => [{ assessmentId: "ex", score, attempt: 1, takenOn: day("2026-09-20"), proctored }];
    expect(rules(LIMITS, facts({ results: r(null) }))).toEqual(["proctored"]);
    expect(rules(LIMITS, facts({ results: r(false) }))).toEqual(["proctored"]);
    // Proctored but below mastery (69%) is not a proctored attempt at mastery.
    expect(rules(LIMITS, facts({ results: r(true, 69) }))).toEqual(["proctored"]);
    // 70% is mastery: passes.
    expect(rules(LIMITS, facts({ results: r(true, 70) }))).toEqual([]);
    // A provider's completion with no summative recorded here has no proctored summative.
    expect(guardrailBreaches(LIMITS, facts({ results: [], reported: true }))[0]!.message).toBe("No proctored summative result is recorded; a proctored summative is required.");
  });
  it("attempts: 3 allowed, the 4th breaks it", () => {
    const tries = (n: number) => Array.from({ length: n }, (_, i) => ({ assessmentId: "q1", score: 30, attempt: i + 1, takenOn: day("2026-09-05"), proctored: null }));
    const exam = facts().results[1]!;
    expect(rules(LIMITS, facts({ results: [...tries(3), exam] }))).toEqual([]);
    expect(guardrailBreaches(LIMITS, facts({ results: [...tries(4), exam] }))).toEqual([{ rule: "maxAttempts", message: "Quiz 1 has 4 attempts; the most allowed is 3." }]);
  });
});

describe("creditDecision with guardrails", () => {
  // A course finished on 2026-09-05: its results are dated no later.
  const base = {
    assessments,
    results: facts().results.map((r) => ({ ...r, takenOn: day("2026-09-05") })),
    masteryThreshold: 70,
    passingGrade: 60,
    credits: 1,
  };
  const short = { startDate: day("2026-09-01"), completedOn: day("2026-09-05"), activeSeconds: null };
  it("refuses with the reason under a refuse policy", () => {
    const d = creditDecision({ ...base, rigor: { limits: LIMITS, facts: short } });
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.overridable).toBe(false);
    expect(d.failing.guardrails).toEqual(["Finished 4 days after the start; the district's minimum is 20 days."]);
    expect(d.reasons.at(-1)).toBe("District rigor policy: Finished 4 days after the start; the district's minimum is 20 days.");
  });
  it("under a warn policy: overridable, and awarded only with the override", () => {
    const warn = { ...LIMITS, mode: "WARN" as const };
    const d = creditDecision({ ...base, rigor: { limits: warn, facts: short } });
    expect(d.ok === false && d.overridable).toBe(true);
    const o = creditDecision({ ...base, rigor: { limits: warn, facts: short, override: true } });
    expect(o.ok).toBe(true);
    expect(o.breaches.map((b) => b.rule)).toEqual(["minDays"]);
    // An override never covers the grade or mastery: a failing grade is not overridable.
    const failing = creditDecision({ ...base, passingGrade: 95, rigor: { limits: warn, facts: short, override: true } });
    expect(failing.ok === false && failing.overridable).toBe(false);
    // Refuse mode ignores an override.
    expect(creditDecision({ ...base, rigor: { limits: LIMITS, facts: short, override: true } }).ok).toBe(false);
  });
});

describe("enrolling: concurrent courses and priority", () => {
  it("counts the active courses of the program type against the most at once", () => {
    expect(concurrentBreach(POLICY, 1, "credit recovery")).toBeNull();
    expect(concurrentBreach(POLICY, 2, "credit recovery")).toBe("With this course the student would have 3 active credit recovery courses; the district's most at once is 2.");
    expect(concurrentBreach(null, 9, "credit recovery")).toBeNull();
  });
  it("says the priority rule and where the student stands", () => {
    expect(priorityLine(POLICY, 12)).toBe("Priority: grade 12 first — Seniors short of credits first; this student (grade 12) is in a priority grade.");
    expect(priorityLine({ priorityGrades: [11, 12], priorityNote: null }, 10)).toBe("Priority: grades 12 and 11 first; this student is in grade 10, not a priority grade.");
    expect(priorityLine({ priorityGrades: [], priorityNote: null }, 10)).toBeNull();
  });
  it("names the guardrails in force in one line", () => {
    expect(rigorLine({ ...LIMITS, minActiveMinutesPerCredit: null, maxAttemptsPerAssessment: null, mode: "WARN" })).toBe(
      "District rigor policy: at least 20 days enrolled and a proctored attempt at mastery on every summative (an administrator may override with a reason).",
    );
  });
});
