import { describe, expect, it } from "vitest";
import { equityCsv, toCsv, trendCsv } from "./csv";
import { FIGURE_KEYS, type FigureKey, type TrendPoint } from "./figures";
import type { Cell } from "./equity";
import { publishUnits } from "./published";

describe("CSV exports", () => {
  it("trend lines say which missing value is hidden, has no records or no rate yet, as the table view does", () => {
    const all = <T>(v: T) => Object.fromEntries(FIGURE_KEYS.map((k) => [k, v])) as Record<FigureKey, T>;
    const point = (year: number, over: Partial<TrendPoint>): TrendPoint => ({
      year,
      ...all<number | null>(50),
      final: all(true),
      closesOn: all("2020-01-01"),
      coded: all(null),
      hidden: all(false),
      noRecords: all(false),
      ...over,
    });
    const lines = trendCsv([
      point(2022, {}),
      point(2023, { acgr4: null, hidden: { ...all(false), acgr4: true }, dropout: null, noRecords: { ...all(false), dropout: true }, program: null }),
      point(2024, { acgr4: null, hidden: { ...all(false), acgr4: true }, final: { ...all(true), acgr4: false }, closesOn: { ...all("2020-01-01"), acgr4: "2025-08-31" } }),
    ])
      .trim()
      .split("\r\n");
    expect(lines[1].endsWith(",")).toBe(true);
    // The course completion rate has records but none ended yet: no rate, not "no records".
    expect(lines[2]).toMatch(
      /,4-year graduation rate: hidden to protect students’ privacy; Annual dropout rate: no records; Online course completion rate: no rate yet \(0 of 0\)$/,
    );
    expect(lines[3]).toMatch(/,"4-year graduation rate: hidden to protect students’ privacy, not final — closes August 31, 2025"$/);
  });

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
