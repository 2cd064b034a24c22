import { describe, expect, it } from "vitest";
import { csvField, csvLine } from "@/lib/exports/csv";

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
    ["=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""],
    ["+1 555", "'+1 555"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["-", "'-"],
  ])("%j → %s", (v, out) => expect(csvField(v)).toBe(out));

  it("ends a line with CRLF", () => expect(csvLine(["a", 1, null])).toBe("a,1,\r\n"));
});
