import { describe, expect, it } from "vitest";
import {
  assessmentDueDate,
  daysInactive,
  defaultTargetDate,
  dueCount,
  expectedProgress,
  finalGrade,
  gradeToDate,
  isInactive,
  meetsMastery,
  onScheduleRate,
  paceStatus,
  percentOf,
  progressOf,
  scheduleColour,
  type AssessmentFacts,
  type ResultFacts,
} from "./rules";

const d = (s: string) => new Date(`${s}T00:00:00Z`);
// 2 formative + 2 summative, max 50/50/100/100, weights 10/10/40/40.
const A: AssessmentFacts[] = [
  { id: "q1", position: 1, kind: "FORMATIVE", weight: 10, maxScore: 50 },
  { id: "q2", position: 2, kind: "FORMATIVE", weight: 10, maxScore: 50 },
  { id: "e1", position: 3, kind: "SUMMATIVE", weight: 40, maxScore: 100 },
  { id: "e2", position: 4, kind: "SUMMATIVE", weight: 40, maxScore: 100 },
];
const r = (assessmentId: string, score: number, attempt = 1, takenOn = "2026-09-10"): ResultFacts => ({ assessmentId, score, attempt, takenOn: d(takenOn) });

describe("percent and mastery", () => {
  it.each([
    [35, 50, 70],
    [50, 50, 100],
    [0, 100, 0],
    [69.5, 100, 69.5],
  ])("percentOf(%d, %d) = %d", (s, m, p) => expect(percentOf(s, m)).toBeCloseTo(p));
  it.each([
    [70, 70, true], // exactly the threshold passes
    [69.99, 70, false],
    [100, 70, true],
  ])("meetsMastery(%d, %d) = %s", (p, t, ok) => expect(meetsMastery(p, t)).toBe(ok));
});

describe("progress = passed ÷ all assessments", () => {
  it.each<[string, ResultFacts[], number]>([
    ["nothing recorded", [], 0],
    ["one quiz exactly at 70% (35/50)", [r("q1", 35)], 25],
    ["one quiz at 68% counts nothing", [r("q1", 34)], 0],
    ["best attempt counts", [r("q1", 20, 1), r("q1", 40, 2)], 25],
    ["3 of 4 passed → 75", [r("q1", 40), r("q2", 40), r("e1", 80)], 75],
  ])("%s", (_n, results, p) => expect(progressOf(A, results, 70)).toBe(p));
  it("rounds 1 of 3 to 33 and 2 of 3 to 67", () => {
    const three = A.slice(0, 3);
    expect(progressOf(three, [r("q1", 50)], 70)).toBe(33);
    expect(progressOf(three, [r("q1", 50), r("q2", 50)], 70)).toBe(67);
  });
});

describe("pace", () => {
  // 100-day course from Sep 1 to Dec 10 2026.
  const start = d("2026-09-01"),
    target = d("2026-12-10");
  it.each([
    ["2026-08-20", 0],
    ["2026-09-01", 0],
    ["2026-10-11", 40],
    ["2026-12-10", 100],
    ["2027-01-05", 100],
  ])("expected on %s is %d%%", (asOf, e) => expect(expectedProgress(start, target, d(asOf))).toBeCloseTo(e));
  it.each([
    [43, 40, "ON_PACE"], // exactly +3
    [37, 40, "ON_PACE"], // exactly −3
    [43.01, 40, "AHEAD"],
    [36.99, 40, "BEHIND"],
    [0, 50, "BEHIND"],
    [100, 100, "ON_PACE"],
  ])("progress %d vs expected %d → %s", (p, e, s) => expect(paceStatus(p, e)).toBe(s));
});

describe("on-schedule %", () => {
  // 4 assessments over 100 days: due on day 25, 50, 75, 100.
  const start = d("2026-09-01"),
    target = d("2026-12-10");
  it("spreads due dates evenly", () => {
    expect(assessmentDueDate(start, target, 1, 4)).toEqual(d("2026-09-26"));
    expect(assessmentDueDate(start, target, 4, 4)).toEqual(target);
  });
  it.each([
    ["2026-09-25", 0],
    ["2026-09-26", 1],
    ["2026-11-15", 3],
    ["2026-12-10", 4],
  ])("due by %s: %d", (asOf, n) => expect(dueCount(start, target, 4, d(asOf))).toBe(n));
  it.each<[number, number, number | null]>([
    [0, 0, null],
    [5, 4, 80],
    [5, 3, 60],
    [3, 2, 67],
    [4, 4, 100],
  ])("%d due, %d done → %s", (due, done, rate) => expect(onScheduleRate(due, done)).toBe(rate));
  it.each([
    [80, "GREEN"],
    [79, "YELLOW"],
    [60, "YELLOW"],
    [59, "RED"],
    [100, "GREEN"],
  ])("%d%% is %s", (rate, c) => expect(scheduleColour(rate)).toBe(c));
});

describe("inactivity", () => {
  it.each<[string | null, string, number, boolean]>([
    [null, "2026-09-08", 7, true], // nothing since the start, 7 days
    ["2026-09-05", "2026-09-11", 6, false],
    ["2026-09-05", "2026-09-12", 7, true],
  ])("last %s, today %s → %d days", (last, today, days, inactive) => {
    const n = daysInactive(last ? d(last) : null, d("2026-09-01"), d(today));
    expect(n).toBe(days);
    expect(isInactive(n)).toBe(inactive);
  });
  it("sets the default target the course's weeks after the start", () => {
    expect(defaultTargetDate(d("2026-09-01"), 10)).toEqual(d("2026-11-10"));
  });
});

describe("completion and grade", () => {
  it("weights the best percent of each assessment; unattempted counts 0", () => {
    // q1 80%×10 + q2 0×10 + e1 90%×40 + e2 70%×40 = 8 + 0 + 36 + 28 = 72
    expect(finalGrade(A, [r("q1", 40), r("e1", 90), r("e2", 60, 1), r("e2", 70, 2)])).toBe(72);
    // grade to date over attempted only: (8 + 36 + 28) ÷ 90 × 100 = 80
    expect(gradeToDate(A, [r("q1", 40), r("e1", 90), r("e2", 70)])).toBe(80);
    expect(gradeToDate(A, [])).toBeNull();
  });
});
