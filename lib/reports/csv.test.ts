import { describe, expect, it } from "vitest";
import { equityCsv, toCsv } from "./csv";
import type { Cell } from "./equity";
import { publishUnits } from "./published";

describe("CSV exports", () => {
  it("quotes commas and quotes, and defuses spreadsheet formulas", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          ["x, y", 'say "hi"'],
          ["=SUM(A1)", -3.5],
          [null, "@cmd"],
        ],
      ),
    ).toBe('a,b\r\n"x, y","say ""hi"""\r\n\'=SUM(A1),-3.5\r\n—,\'@cmd\r\n');
  });

  it("writes through the one CSV writer: a number as text stays a number, a quote before a formula is kept", () => {
    expect(toCsv(["a"], [["-12.5"], ["'=x"], ["\tx"]])).toBe("a\r\n-12.5\r\n''=x\r\n'\tx\r\n");
  });

  it("exports suppressed and coded groups as shown: no rate, no size, no count behind them", () => {
    const c = (raceEthnicity: Cell["raceEthnicity"], numerator: number, denominator: number): Cell => ({
      raceEthnicity,
      gender: "FEMALE",
      specialEducation: false,
      englishLearner: false,
      lowIncome: false,
      numerator,
      denominator,
    });
    const cells = [c("HISPANIC_LATINO", 0, 10), c("WHITE", 3, 4), c("ASIAN", 5, 9), c("BLACK_AFRICAN_AMERICAN", 0, 12), c("TWO_OR_MORE", 6, 15)];
    const rows = publishUnits(new Map([["s", cells]]), false, true).get("s")!.rows;
    const lines = equityCsv("acgr4", rows).trim().split("\r\n");
    expect(lines[1]).toBe("All students,28,50,,,,"); // 14 of 50
    // White (4) is small; a coded group is hidden with it first (Hispanic, 0 of 10): sizes too.
    expect(lines.find((l) => l.startsWith("White,"))).toBe("White,—,—,—,—,suppressed,");
    expect(lines.find((l) => l.startsWith("Hispanic or Latino,"))).toBe("Hispanic or Latino,—,—,—,—,suppressed,");
    // None of 12: coded, its size shown, no count and no gap.
    expect(lines.find((l) => l.startsWith("Black or African American,"))).toBe("Black or African American,≤ 8.3,12,—,—,coded,");
    // 5 of 9 = 55.555…%, all 28%: the gap is 27.6 from the unrounded rate.
    expect(lines.find((l) => l.startsWith("Asian,"))).toBe("Asian,55.6,9,27.6,0,,");
  });
});
