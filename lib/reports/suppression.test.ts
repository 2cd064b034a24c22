import { describe, expect, it } from "vitest";
import { isSuppressed, suppressPartition } from "./suppression";
import { equityTable, gapTone, type Cell } from "./equity";

describe("suppression (MA DESE: fewer than 6 students)", () => {
  it("suppresses 5 students and shows 6", () => {
    expect(isSuppressed(5)).toBe(true);
    expect(isSuppressed(6)).toBe(false);
  });
  it.each([
    ["nothing small: nothing hidden", [40, 30, 6], true, ["none", "none", "none"]],
    ["one small cell in a partition: the next smallest is hidden too", [40, 5, 30, 12], true, ["none", "primary", "none", "complementary"]],
    ["two small cells protect each other", [40, 5, 3, 12], true, ["none", "primary", "primary", "none"]],
    ["an empty cell protects nothing", [40, 5, 0, 12], true, ["none", "primary", "primary", "complementary"]],
    ["only empty small cells: nothing to protect", [40, 0, 12], true, ["none", "primary", "none"]],
    ["a group shown without its complement needs no partner", [40, 5], false, ["none", "primary"]],
    ["ties: the first listed smallest is taken", [9, 2, 9], true, ["complementary", "primary", "none"]],
  ] as const)("%s", (_n, sizes, exhaustive, want) => {
    expect(suppressPartition([...sizes], exhaustive)).toEqual(want);
  });
});

describe("equityTable", () => {
  const cell = (raceEthnicity: Cell["raceEthnicity"], gender: Cell["gender"], numerator: number, denominator: number, flags: Partial<Cell> = {}): Cell => ({
    raceEthnicity, gender, specialEducation: false, englishLearner: false, lowIncome: false, numerator, denominator, ...flags,
  });
  // 20 Hispanic (15 grad), 10 White (9), 5 Asian (5) → all 35 (29) = 82.9%.
  const cells = [
    cell("HISPANIC_LATINO", "FEMALE", 8, 10, { lowIncome: true }),
    cell("HISPANIC_LATINO", "MALE", 7, 10, { englishLearner: true }),
    cell("WHITE", "FEMALE", 5, 5),
    cell("WHITE", "MALE", 4, 5),
    cell("ASIAN", "FEMALE", 5, 5, { specialEducation: true }),
  ];
  const t = Object.fromEntries(equityTable(cells).map((r) => [r.key, r]));

  it("shows all students with their rate", () => {
    expect(t.all).toMatchObject({ n: 35, numerator: 29, value: 82.9, suppression: "none" });
  });
  it("hides the group of 5 and, complementarily, the next smallest race group", () => {
    expect(t["race:ASIAN"]).toMatchObject({ n: null, numerator: null, value: null, gapToAll: null, suppression: "primary" });
    expect(t["race:WHITE"]).toMatchObject({ n: 10, numerator: null, value: null, suppression: "complementary" });
    expect(t["race:HISPANIC_LATINO"]).toMatchObject({ n: 20, value: 75, gapToAll: -7.9, suppression: "none" });
  });
  it("computes gaps to all students and to the highest shown group", () => {
    // Shown subgroups: Hispanic 75, Female 90 (18/20), Male 73.3 (11/15), EL 70 (7/10), low income 80 (8/10).
    expect(t["gender:FEMALE"]).toMatchObject({ value: 90, gapToAll: 7.1, gapToHighest: 0 });
    expect(t["gender:MALE"]).toMatchObject({ value: 73.3, gapToHighest: -16.7 });
    expect(t.el).toMatchObject({ value: 70, gapToHighest: -20 });
    expect(t.sped).toMatchObject({ suppression: "primary", value: null });
    expect(t["race:ASIAN"].n).toBeNull();
  });
  it("colours gaps by whether higher is better", () => {
    expect(gapTone(-3, true)).toBe("worse");
    expect(gapTone(-3, false)).toBe("better");
    expect(gapTone(0, true)).toBe("even");
    expect(gapTone(null, true)).toBe("none");
  });
});
