import { describe, expect, it } from "vitest";
import {
  cohortFromFirstNinthGrade,
  genderFromSex,
  highSchoolGrade,
  inferCohortYear,
  parseFlag,
  parseSourceDate,
  raceEthnicityFromFlags,
  rescaleScore,
  statusAfter,
  type RaceFlags,
} from "@/lib/imports/rules";

const none: RaceFlags = {
  hispanicOrLatino: false,
  americanIndianOrAlaskaNative: false,
  asian: false,
  blackOrAfricanAmerican: false,
  nativeHawaiianOrOtherPacificIslander: false,
  white: false,
  twoOrMoreRaces: false,
};

describe("raceEthnicityFromFlags (OMB 1997 as ED reports it)", () => {
  it.each<[string, Partial<RaceFlags>, string | null]>([
    ["Hispanic overrides any race", { hispanicOrLatino: true, white: true, asian: true }, "HISPANIC_LATINO"],
    ["Hispanic alone", { hispanicOrLatino: true }, "HISPANIC_LATINO"],
    ["one race", { blackOrAfricanAmerican: true }, "BLACK_AFRICAN_AMERICAN"],
    ["Native Hawaiian", { nativeHawaiianOrOtherPacificIslander: true }, "NATIVE_HAWAIIAN_PACIFIC_ISLANDER"],
    ["American Indian", { americanIndianOrAlaskaNative: true }, "AMERICAN_INDIAN_ALASKA_NATIVE"],
    ["two race flags", { asian: true, white: true }, "TWO_OR_MORE"],
    ["the two-or-more flag alone", { twoOrMoreRaces: true }, "TWO_OR_MORE"],
    ["no flag: unknown", {}, null],
  ])("%s", (_, flags, expected) => expect(raceEthnicityFromFlags({ ...none, ...flags })).toBe(expected));
});

describe("genderFromSex", () => {
  it.each([
    ["female", "FEMALE"],
    ["Male", "MALE"],
    ["nonbinary", "NON_BINARY"],
    ["non-binary", "NON_BINARY"],
    ["other", null],
    ["unspecified", null],
    ["", null],
  ])("%s → %s", (s, g) => expect(genderFromSex(s)).toBe(g));
});

describe("cohorts", () => {
  it.each([
    [9, 2025, 2029],
    [10, 2025, 2028],
    [12, 2025, 2026],
    [11, 2024, 2026],
  ])("grade %i in school year %i infers class of %i", (g, y, c) => expect(inferCohortYear(g, y)).toBe(c));
  it("first-time 9th grade in 2022-23 is class of 2026", () => expect(cohortFromFirstNinthGrade(2022)).toBe(2026));
  it.each([
    ["09", 9],
    ["12", 12],
    ["9", 9],
    ["10,11", 10],
    ["07", null],
    ["KG", null],
    ["", null],
  ])("grade %s → %s", (g, n) => expect(highSchoolGrade(g)).toBe(n));
});

describe("parseSourceDate", () => {
  it.each([
    ["2025-08-27", "2025-08-27"],
    ["2025-08-27T00:00:00Z", "2025-08-27"],
    ["2025-08-27T23:30:00-04:00", "2025-08-27"],
    ["2025-08-27T08:00:00.000+02:00", "2025-08-27"],
    ["2024-02-29", "2024-02-29"],
  ])("%s → %s", (v, d) => expect(parseSourceDate(v)?.toISOString().slice(0, 10)).toBe(d));
  it.each(["08/27/2025", "2025-02-30", "2023-02-29", "2025-13-01", "20250827", "", "yesterday"])("rejects %s", (v) => expect(parseSourceDate(v)).toBeNull());
});

describe("parseFlag, statusAfter, rescaleScore", () => {
  it.each([
    ["true", true],
    ["Y", true],
    ["1", true],
    ["false", false],
    ["", false],
    ["no", false],
    ["maybe", null],
  ])("%s → %s", (v, b) => expect(parseFlag(v)).toBe(b));
  it("re-engagement returns a student to enrolled; equivalency is an exit", () => {
    expect(statusAfter("REENGAGED")).toBe("ENROLLED");
    expect(statusAfter("EARNED_EQUIVALENCY")).toBe("DROPPED_OUT");
    expect(statusAfter("TRANSFERRED_OUT")).toBe("TRANSFERRED_OUT");
  });
  it("rescales a score to the assessment's maximum", () => {
    expect(rescaleScore(45, 50, 100)).toBe(90);
    expect(rescaleScore(7, 9, 100)).toBe(77.78);
    expect(rescaleScore(80, 100, 100)).toBe(80);
  });
});
