import { afterEach, describe, expect, it, vi } from "vitest";
import { csvField, csvLine, datedFileName, formulaUnescaped } from "@/lib/exports/csv";

describe("csvField (RFC 4180, formula-safe)", () => {
  it.each<[string | number | boolean | null, string]>([
    ["plain", "plain"],
    ["Kim, Jr.", '"Kim, Jr."'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    [null, ""],
    [true, "Y"],
    [false, "N"],
    [93.5, "93.5"],
    [-1.5, "-1.5"],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ["+1 555", "'+1 555"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["-", "'-"],
    ["'=x", "''=x"],
    ["'plain", "'plain"],
    // One case per character that starts a formula (OWASP CSV Injection): = + - @ tab CR.
    ["=1+1", "'=1+1"],
    ["+cmd", "'+cmd"],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ["@cmd", "'@cmd"],
    ["\tx", "'\tx"],
    ["\rx", '"\'\rx"'],
    // A plain number stays a number, written by us as a number or as text.
    [-3.5, "-3.5"],
    ["-3.5", "-3.5"],
    ["+3", "+3"],
    ["-1e5", "'-1e5"],
  ])("%j → %s", (v, out) => expect(csvField(v)).toBe(out));

  it.each(["=SUM(A1)", "'=SUM(A1)", "''-x", "-1.5", "+1", "-", "'", "'plain", "@home", "APX-7781", "\tx"])(
    "an import reading the cell back gets %j exactly (formulaUnescaped)",
    (v) =>
      expect(
        formulaUnescaped(
          csvField(v)
            .replace(/^"(.*)"$/s, "$1")
            .replace(/""/g, '"'),
        ),
      ).toBe(v),
  );

  it("ends a line with CRLF", () => expect(csvLine(["a", 1, null])).toBe("a,1,\r\n"));
});

describe("export file names carry the district's date", () => {
  afterEach(() => vi.unstubAllEnvs());
  it.each([
    ["June 30, 10 pm in New York is July 1 in UTC", "2027-07-01T02:00:00Z", "students-2027-06-30.csv"],
    ["July 1, 00:30 in New York", "2027-07-01T04:30:00Z", "students-2027-07-01.csv"],
    ["December 31, 11:30 pm in New York (EST)", "2027-01-01T04:30:00Z", "students-2026-12-31.csv"],
  ])("%s", (_n, now, name) => {
    vi.stubEnv("DISTRICT_TIME_ZONE", "America/New_York");
    expect(datedFileName("students", new Date(now))).toBe(name);
  });
});
