import { describe, expect, it } from "vitest";
import { equityCsv, toCsv } from "./csv";
import { equityTable, type Cell } from "./equity";

describe("CSV exports", () => {
  it("quotes commas and quotes, and defuses spreadsheet formulas", () => {
    expect(toCsv(["a", "b"], [["x, y", 'say "hi"'], ["=SUM(A1)", -3.5], [null, "@cmd"]])).toBe('a,b\r\n"x, y","say ""hi"""\r\n\'=SUM(A1),-3.5\r\n—,\'@cmd\r\n');
  });

  it("exports suppressed groups as shown: no rate, no count under 6", () => {
    const cells: Cell[] = [
      { raceEthnicity: "HISPANIC_LATINO", gender: "FEMALE", specialEducation: false, englishLearner: false, lowIncome: false, numerator: 8, denominator: 10 },
      { raceEthnicity: "WHITE", gender: "MALE", specialEducation: false, englishLearner: false, lowIncome: false, numerator: 3, denominator: 4 },
    ];
    const lines = equityCsv("acgr4", equityTable(cells)).trim().split("\r\n");
    expect(lines[1]).toBe("All students,78.6,14,,,,");
    expect(lines.find((l) => l.startsWith("White,"))).toBe("White,—,<6,—,—,primary,");
    // Hispanic is the only other race group with students: hidden complementarily, size shown.
    expect(lines.find((l) => l.startsWith("Hispanic or Latino,"))).toBe("Hispanic or Latino,—,10,—,—,complementary,");
  });
});
