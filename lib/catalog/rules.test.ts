import { describe, expect, it } from "vitest";
import {
  assessmentSetProblems,
  courseRigorWords,
  mapResultsByPosition,
  parseAssessmentKind,
  parseProgramType,
  parseRecovers,
  parseSubjectArea,
  setChange,
  type AssessmentSpec,
} from "./rules";

const A = (position: number, weight: number, kind: AssessmentSpec["kind"] = "FORMATIVE", maxScore = 100, title = `A${position}`): AssessmentSpec => ({
  position,
  title,
  kind,
  maxScore,
  weight,
});

describe("catalog words", () => {
  it.each([
    ["Mathematics", "MATHEMATICS"],
    ["math", "MATHEMATICS"],
    ["History / Social Studies", "HISTORY_SOCIAL_STUDIES"],
    ["social studies", "HISTORY_SOCIAL_STUDIES"],
    ["WORLD_LANGUAGE", "WORLD_LANGUAGE"],
    ["Fine Arts", "ARTS"],
    ["Cooking", null],
  ])("subject area %s → %s", (v, want) => expect(parseSubjectArea(v)).toBe(want));
  it.each([
    ["credit recovery", "CREDIT_RECOVERY"],
    ["Credit-Recovery", "CREDIT_RECOVERY"],
    ["CR", "CREDIT_RECOVERY"],
    ["AP", "ADVANCED_PLACEMENT"],
    ["summer", null],
  ])("program type %s → %s", (v, want) => expect(parseProgramType(v)).toBe(want));
  it("kinds and recovered SIS codes", () => {
    expect([parseAssessmentKind("Summative"), parseAssessmentKind(" formative "), parseAssessmentKind("quiz")]).toEqual(["SUMMATIVE", "FORMATIVE", null]);
    expect(parseRecovers(" MTH101; MTH102 | MTH101 ;; ")).toEqual(["MTH101", "MTH102"]);
  });
});

describe("assessment sets", () => {
  it("needs assessments, positions once, weights summing to 100 and a summative one", () => {
    expect(assessmentSetProblems([A(1, 40), A(2, 60, "SUMMATIVE")])).toEqual([]);
    expect(assessmentSetProblems([A(1, 33.33), A(2, 33.33), A(3, 33.34, "SUMMATIVE")])).toEqual([]);
    expect(assessmentSetProblems([])).toEqual([{ index: null, field: "set", message: "A course needs at least one assessment." }]);
    expect(assessmentSetProblems([A(1, 50), A(1, 40)]).map((p) => [p.index, p.field])).toEqual([
      [1, "position"],
      [null, "weight"],
      [null, "kind"],
    ]);
  });

  it("tells a grading change from a rename", () => {
    const v1 = [A(1, 40), A(2, 60, "SUMMATIVE")];
    expect(setChange(v1, [A(2, 60, "SUMMATIVE"), A(1, 40)])).toBe("same");
    expect(setChange(v1, [A(1, 40, "FORMATIVE", 100, "Quiz"), A(2, 60, "SUMMATIVE")])).toBe("titles");
    expect(setChange(v1, [A(1, 50), A(2, 50, "SUMMATIVE")])).toBe("grading");
    expect(setChange(v1, [A(1, 40), A(2, 60, "FORMATIVE")])).toBe("grading");
    expect(setChange(v1, [A(1, 40, "FORMATIVE", 50), A(2, 60, "SUMMATIVE")])).toBe("grading");
    expect(setChange(v1, [...v1, A(3, 0, "FORMATIVE")])).toBe("grading");
  });

  it("maps results by position, keeping the percent, and refuses a position the new set lacks", () => {
    const from = [
      { ...A(1, 40, "FORMATIVE", 50), id: "o1" },
      { ...A(2, 60, "SUMMATIVE"), id: "o2" },
    ];
    const to = [
      { ...A(1, 50, "FORMATIVE", 200), id: "n1" },
      { ...A(3, 50, "SUMMATIVE"), id: "n3" },
    ];
    expect(mapResultsByPosition(from, to, [{ id: "r1", assessmentId: "o1", score: 45 }])).toEqual({ ok: true, moves: [{ id: "r1", assessmentId: "n1", score: 180 }] });
    expect(
      mapResultsByPosition(from, to, [
        { id: "r1", assessmentId: "o1", score: 45 },
        { id: "r2", assessmentId: "o2", score: 70 },
      ]),
    ).toEqual({ ok: false, missing: [2] });
  });
});

describe("courseRigorWords", () => {
  const none = { minDaysEnrolled: null, minActiveMinutesPerCredit: null, requireProctoredSummative: null, maxAttemptsPerAssessment: null };
  it.each([
    [none, "the program type's policy (Settings)"],
    [{ ...none, minDaysEnrolled: 1 }, "at least 1 day enrolled; otherwise the program type's policy (Settings)"],
    [{ ...none, requireProctoredSummative: false }, "proctored summative not required; otherwise the program type's policy (Settings)"],
    [
      { minDaysEnrolled: 30, minActiveMinutesPerCredit: 3600, requireProctoredSummative: true, maxAttemptsPerAssessment: 3 },
      "at least 30 days enrolled; at least 3,600 active minutes per credit; proctored summative required; at most 3 attempts per assessment",
    ],
  ])("%j → %s", (r, words) => {
    expect(courseRigorWords(r)).toBe(words);
  });
});
