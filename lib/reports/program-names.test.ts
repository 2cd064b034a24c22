// "Numbers say what they are": the program table's columns carry the same names on the page and in
// its CSV (the JSON's keys are the row's fields). The page once said "Median days" where the CSV
// said "median days to complete".
import { describe, expect, it } from "vitest";
import { PROGRAM_COLUMNS } from "@/components/reports/program-table";
import { programCsv } from "./csv";

describe("program table names", () => {
  it("the page's column headers are the CSV's, in order (the CSV adds units and its suppressed flag)", () => {
    const csv = programCsv([]).split(/\r?\n/)[0].split(",");
    const fromCsv = csv.filter((h) => h !== "suppressed").map((h) => h.replace(/ \(%\)$/, ""));
    expect(PROGRAM_COLUMNS.map((c) => String(c.header).toLowerCase())).toEqual(fromCsv);
    expect(fromCsv).toContain("median days to complete");
  });
});
