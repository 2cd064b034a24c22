import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gapTone, groupTallies, type Cell } from "./equity";
import { GENDER_KEYS, GROUPS, RACE_KEYS, type Group } from "./groups";

describe("gapTone", () => {
  it("colours gaps by whether higher is better", () => {
    expect(gapTone(-3, true)).toBe("worse");
    expect(gapTone(-3, false)).toBe("better");
    expect(gapTone(0, true)).toBe("even");
    expect(gapTone(null, true)).toBe("none");
  });
});

describe("groupTallies", () => {
  // Each group's counts by testing every cell against every group: what the kept memberships (one
  // test per demographic combination and list of groups) must give.
  const naive = (cells: Cell[], groups: readonly Group[]) =>
    groups.map((g) => {
      const mine = cells.filter((c) => g.test(c));
      const width = Math.max(1, ...cells.map((c) => 1 + (c.also?.length ?? 0)));
      return {
        size: mine.reduce((n, c) => n + (c.students ?? c.denominator), 0),
        denominator: mine.reduce((n, c) => n + c.denominator, 0),
        numerators: Array.from({ length: width }, (_, k) => mine.reduce((n, c) => n + (k === 0 ? c.numerator : (c.also?.[k - 1] ?? 0)), 0)),
      };
    });
  const cell = fc.record({
    raceEthnicity: fc.constantFrom(...RACE_KEYS),
    gender: fc.constantFrom(...GENDER_KEYS),
    specialEducation: fc.boolean(),
    englishLearner: fc.boolean(),
    lowIncome: fc.boolean(),
    numerator: fc.nat(20),
    denominator: fc.nat(40),
    students: fc.option(fc.nat(40), { nil: undefined }),
    also: fc.option(fc.array(fc.nat(9), { maxLength: 2 }), { nil: undefined }),
  });
  it("every group's counts, for every list of groups (GROUPS, a part of it, one with a group of its own)", () => {
    const own: Group = { key: "few", label: "Few", dimension: "all", test: (s) => s.lowIncome && s.gender === "MALE" };
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 30 }), (cells) => {
        for (const groups of [GROUPS, GROUPS.filter((g) => g.dimension !== "raceGender"), [...GROUPS.slice(0, 4), own]])
          expect(groupTallies(cells, groups)).toEqual(naive(cells, groups));
      }),
      { numRuns: 200, seed: 41 },
    );
  });
});
