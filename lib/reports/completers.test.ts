import { describe, expect, it } from "vitest";
import { completerFate, completerGrade, completerYearOf } from "./completers";
import { windowFlags } from "./groups";
import { completerGradesOf } from "./figures";

describe("completer year: September 1 – August 31", () => {
  it.each([
    ["2024-08-31", 2023],
    ["2024-09-01", 2024],
    ["2025-06-30", 2024],
    ["2025-07-15", 2024],
    ["2025-08-31", 2024],
    ["2025-09-01", 2025],
  ])("%s → %i", (d, y) => expect(completerYearOf(d)).toBe(y));
});

describe("grade at completion (2024-25)", () => {
  it.each([
    ["the roll's grade wins", 11, 2025, 11], // a retained senior of the class of 2025 on the roll in grade 11
    ["class of 2025 without a roll: grade 12", null, 2025, 12],
    ["class of 2026: grade 11", null, 2026, 11],
    ["class of 2027: grade 10", null, 2027, 10],
    ["class of 2029: grade 8, shown as 9 or below", null, 2029, 9],
    ["class of 2024: past their class (13)", null, 2024, 13],
  ] as const)("%s", (_n, roll, cohort, grade) => expect(completerGrade(roll, cohort, 2024)).toBe(grade));
});

describe("what became of a completer of 2024-25 (as of today)", () => {
  const ev = (
    kind: "ENTERED" | "GRADUATED" | "DROPPED_OUT" | "TRANSFERRED_OUT" | "REENGAGED" | "EARNED_EQUIVALENCY",
    d: string,
    credential: "REGULAR_DIPLOMA" | "CERTIFICATE" | null = null,
  ) => ({ kind, effectiveDate: d, credential });
  it.each([
    ["diploma on August 31 after the year: by the end of the year", [ev("ENTERED", "2021-09-01"), ev("GRADUATED", "2025-08-31", "REGULAR_DIPLOMA")], "graduatedByYearEnd"],
    ["diploma on September 1: later", [ev("GRADUATED", "2025-09-01", "REGULAR_DIPLOMA")], "graduatedLater"],
    ["no history: still enrolled", [], "stillEnrolled"],
    ["re-engaged after a dropout: still enrolled", [ev("DROPPED_OUT", "2025-02-01"), ev("REENGAGED", "2025-09-05")], "stillEnrolled"],
    ["dropped out", [ev("ENTERED", "2021-09-01"), ev("DROPPED_OUT", "2025-02-01")], "droppedOut"],
    ["transferred out", [ev("TRANSFERRED_OUT", "2025-02-01")], "exited"],
    ["equivalency: other exit", [ev("EARNED_EQUIVALENCY", "2025-05-01")], "exited"],
    ["certificate: other exit, not a graduation", [ev("GRADUATED", "2025-06-10", "CERTIFICATE")], "exited"],
  ] as const)("%s", (_n, events, fate) => expect(completerFate([...events], 2024)).toBe(fate));
});

describe("group flags over a window (groups.ts windowFlags)", () => {
  const s = { raceEthnicity: "WHITE" as const, gender: "FEMALE" as const, specialEducation: false, englishLearner: false, lowIncome: true };
  const y = (schoolYear: number, englishLearner: boolean | null, lowIncome: boolean | null = null) => ({ schoolYear, englishLearner, lowIncome, specialEducation: null });
  it("EL in one year of the window, not now: in the group", () => {
    expect(windowFlags(s, [y(2021, false), y(2022, true), y(2023, false)], 2021, 2024).englishLearner).toBe(true);
  });
  it("EL only outside the window: not in the group", () => {
    expect(windowFlags(s, [y(2020, true), y(2021, false)], 2021, 2024).englishLearner).toBe(false);
  });
  it("no roll row of the window gives the flag: the current flag", () => {
    expect(windowFlags(s, [y(2022, null, null)], 2021, 2024)).toMatchObject({ englishLearner: false, lowIncome: true });
    expect(windowFlags({ ...s, englishLearner: true }, [], 2021, 2024).englishLearner).toBe(true);
  });
  it("flagged false in every year of the window though flagged now: not in the group", () => {
    expect(windowFlags(s, [y(2023, null, false), y(2024, null, false)], 2021, 2024).lowIncome).toBe(false);
  });
});

describe("completers by grade as a table of counts (completer-grades.ts)", () => {
  const cube = (
    grade: number,
    completers: number,
    byYearEnd: number,
    byNow: number,
    stillEnrolled: number,
    droppedOut: number,
    exited: number,
    race: "WHITE" | "HISPANIC_LATINO" = "WHITE",
  ) => ({
    year: 2024,
    schoolId: "s",
    raceEthnicity: race,
    gender: "FEMALE" as const,
    specialEducation: false,
    englishLearner: false,
    lowIncome: false,
    grade,
    completers,
    byYearEnd,
    byNow,
    stillEnrolled,
    droppedOut,
    exited,
  });
  it("sums the cube by grade, in grade order; graduated later = by now − by year end", () => {
    const cubes = { acgr: [], dropout: [], program: [], completers: [cube(12, 20, 14, 16, 1, 2, 1), cube(12, 10, 5, 7, 1, 1, 1, "HISPANIC_LATINO"), cube(11, 14, 2, 5, 5, 2, 2)] };
    const rows = completerGradesOf(cubes, 2024, "s");
    expect(rows.map((r) => [r.group, r.completers, r.graduatedByYearEnd, r.graduatedLater, r.stillEnrolled, r.droppedOut, r.exited, r.suppression])).toEqual([
      ["Grade 11", 14, 2, 3, 5, 2, 2, "none"],
      ["Grade 12", 30, 19, 4, 2, 3, 2, "none"],
    ]);
  });
});
