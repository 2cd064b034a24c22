import { describe, expect, it } from "vitest";
import { creditDecision, finishedOn, passingGradeFor, type CreditAssessment } from "./credit";
import type { ResultFacts } from "./rules";

// 3 formative quizzes (weight 10 each) + 2 summative tests (35 each), max 100, mastery 70.
const A: CreditAssessment[] = [
  { id: "q1", position: 1, kind: "FORMATIVE", weight: 10, maxScore: 100, title: "Quiz 1" },
  { id: "q2", position: 2, kind: "FORMATIVE", weight: 10, maxScore: 100, title: "Quiz 2" },
  { id: "q3", position: 3, kind: "FORMATIVE", weight: 10, maxScore: 100, title: "Quiz 3" },
  { id: "e1", position: 4, kind: "SUMMATIVE", weight: 35, maxScore: 100, title: "Unit 2 test" },
  { id: "e2", position: 5, kind: "SUMMATIVE", weight: 35, maxScore: 100, title: "Final exam" },
];
const r = (assessmentId: string, score: number, attempt = 1): ResultFacts => ({ assessmentId, score, attempt, takenOn: new Date("2026-09-10T00:00:00Z") });
const decide = (results: ResultFacts[], passingGrade = 60, assessments = A) => creditDecision({ assessments, results, masteryThreshold: 70, passingGrade, credits: 1 });

describe("creditDecision: completion rule and passing grade", () => {
  it.each<[string, ResultFacts[], number, boolean, number | null, string[]]>([
    // 10 + 1 + 0 + 24.5 + 24.5 = 60
    ["exactly the passing grade passes", [r("q1", 100), r("q2", 10), r("q3", 0), r("e1", 70), r("e2", 70)], 60, true, 60, []],
    // 10 + 0.99 + 0 + 24.5 + 24.5 = 59.99
    [
      "0.01 below the passing grade fails",
      [r("q1", 100), r("q2", 9.9), r("q3", 0), r("e1", 70), r("e2", 70)],
      60,
      false,
      59.99,
      ["Final grade 59.99 is below the passing grade 60."],
    ],
    // 30 + 35 + 0 = 65: the grade passes, the rule does not
    [
      "a missing summative fails",
      [r("q1", 100), r("q2", 100), r("q3", 100), r("e1", 100)],
      60,
      false,
      65,
      ["Final exam (summative) has not been taken; it must reach mastery (70%)."],
    ],
    [
      "two missing summatives are named together",
      [r("q1", 100)],
      60,
      false,
      10,
      [
        "2 summative assessments have not been taken (Unit 2 test and Final exam); each must reach mastery (70%).",
        "Final grade 10 is below the passing grade 60: 4 assessments not taken count 0.",
      ],
    ],
    // the case: both summatives at mastery, the quizzes never taken → 28 + 28 = 56
    [
      "missing formatives count 0 and drop the grade below passing",
      [r("e1", 80), r("e2", 80)],
      60,
      false,
      56,
      ["Final grade 56 is below the passing grade 60: 3 assessments not taken count 0."],
    ],
    [
      "one missing formative is named in the singular",
      [r("q1", 0), r("q2", 0), r("e1", 80), r("e2", 80)],
      60,
      false,
      56,
      ["Final grade 56 is below the passing grade 60: 1 assessment not taken counts 0."],
    ],
    [
      "a summative below mastery fails even with a passing grade",
      [r("q1", 100), r("q2", 100), r("q3", 100), r("e1", 45), r("e2", 100)],
      60,
      false,
      80.75,
      ["Unit 2 test is at 45%, mastery is 70%."],
    ],
    ["a retake counts its best attempt", [r("q1", 90), r("q2", 90), r("q3", 90), r("e1", 45, 1), r("e1", 75, 2), r("e2", 80)], 60, true, 81.25, []],
    ["the course's lower passing grade lets 56 pass", [r("e1", 80), r("e2", 80)], 55, true, 56, []],
    [
      "the course's higher passing grade refuses 65",
      [r("q1", 100), r("q2", 100), r("q3", 100), r("e1", 70), r("e2", 70)],
      80,
      false,
      79,
      ["Final grade 79 is below the passing grade 80."],
    ],
  ])("%s", (_name, results, passing, ok, grade, reasons) => {
    const d = decide(results, passing);
    expect(d.ok).toBe(ok);
    expect(d.finalGrade).toBe(grade);
    expect(d.ok ? [] : d.reasons).toEqual(reasons);
    expect(d.passingGrade).toBe(passing);
  });

  it("a course with no summative assessment never awards credit (mastery cannot be shown)", () => {
    const quizzes = A.filter((a) => a.kind === "FORMATIVE").map((a) => ({ ...a, weight: 100 / 3 }));
    const d = decide([r("q1", 100), r("q2", 100), r("q3", 100)], 60, quizzes);
    expect(d).toMatchObject({ ok: false, finalGrade: 100, reasons: ["The course has no summative assessment, so mastery cannot be shown: fix the course in the catalog."] });
  });

  it("names an assessment without a title by its position", () => {
    const untitled = A.map(({ title: _t, ...a }) => a);
    expect(decide([r("e1", 45), r("e2", 90)], 60, untitled)).toMatchObject({
      ok: false,
      reasons: ["Assessment 4 is at 45%, mastery is 70%.", "Final grade 47.25 is below the passing grade 60: 3 assessments not taken count 0."],
    });
  });
});

describe("creditDecision on an import (the provider's final grade)", () => {
  const imported = (finalGrade: number | null, results: ResultFacts[] = []) =>
    creditDecision({ assessments: A, results, masteryThreshold: 70, passingGrade: 60, credits: 1, reported: { finalGrade } });
  it("the provider's completion stands for its mastery checks: no results needed", () => {
    expect(imported(84.5)).toEqual({ ok: true, finalGrade: 84.5, passingGrade: 60, credits: 1, breaches: [] });
    expect(imported(60).ok).toBe(true);
  });
  it("refuses a grade below passing, or none", () => {
    expect(imported(59.99)).toMatchObject({ ok: false, reasons: ["Final grade 59.99 is below the passing grade 60."] });
    expect(imported(null)).toMatchObject({ ok: false, finalGrade: null, reasons: ["No final grade was given; the passing grade is 60."] });
  });
  it("refuses a summative recorded here below mastery, whatever the provider's grade", () => {
    expect(imported(90, [r("e1", 45)])).toMatchObject({ ok: false, reasons: ["Unit 2 test is at 45%, mastery is 70%."] });
    expect(imported(90, [r("e1", 45, 1), r("e1", 70, 2)]).ok).toBe(true);
  });
});

describe("passing grade in force", () => {
  it.each<[number | null, number | null, number]>([
    [65, 60, 65],
    [null, 70, 70],
    [null, null, 60],
    [50, null, 50],
  ])("course %s, district %s → %s", (c, d, p) => expect(passingGradeFor(c, d)).toBe(p));
});

describe("finishedOn: the day the days enrolled run to", () => {
  const d = (s: string) => new Date(`${s}T00:00:00Z`);
  const start = d("2026-09-01");
  const taken = (...days: string[]) => days.map((s) => ({ takenOn: d(s) }));
  it("is the latest result on the card, the completion day without one, the provider's date on an import", () => {
    expect(finishedOn(taken("2026-09-05", "2026-09-09"), d("2026-10-01"), false, start)).toEqual(d("2026-09-09"));
    expect(finishedOn([], d("2026-10-01"), false, start)).toEqual(d("2026-10-01"));
    expect(finishedOn(taken("2026-09-09"), d("2026-09-20"), true, start)).toEqual(d("2026-09-20"));
  });
  it("stays within the enrollment: an imported result after the completion or before the start does not move it out", () => {
    expect(finishedOn(taken("2026-10-05"), d("2026-10-01"), false, start)).toEqual(d("2026-10-01"));
    expect(finishedOn(taken("2026-08-20"), d("2026-10-01"), false, start)).toEqual(start);
  });
});
