// The words the command line and the report API answer bad input with (issue 12): a school year
// written wrongly, a year in the future, a flag without its value — never "expected number,
// received NaN".
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseArgs, UsageError } from "@/scripts/report";
import { cohortYear, drillParams, graduationParams, schoolYear, yearParams } from "./schema";

const messages = (schema: z.ZodType, v: unknown) => {
  const r = schema.safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe("school year and class inputs", () => {
  it.each([
    ["2024", 2024],
    ["2024-25", 2024],
    [" 2023-24 ", 2023],
    ["2000-01", 2000],
  ])("reads %j as %i", (raw, want) => {
    expect(schoolYear.parse(raw)).toBe(want);
  });

  it.each([
    ["2024-26", "2024-26 is not a school year: write it as 2024-25"],
    ["2024-2025", "2024-2025 is not a school year: write it like 2024-25"],
    ["abc", "abc is not a school year: write it like 2024-25"],
    ["", "Give a school year, like 2024-25"],
    ["2040-41", "2040-41 is in the future"],
    ["2040", "2040-41 is in the future"],
    ["1899", "1899-00 is too early: CreditTrack reports school years from 2000-01"],
  ])("refuses %j: %s", (raw, want) => {
    expect(messages(schoolYear, raw)).toEqual([want]);
  });

  it.each([
    ["abc", "abc is not a class: write the year it graduates, like 2024"],
    ["2024.5", "2024.5 is not a class: write the year it graduates, like 2024"],
    ["", "Give a class: the year it graduates, like 2024"],
    ["1899", "The class of 1899 is out of range: classes 2000 to 2100"],
  ])("refuses the class %j: %s", (raw, want) => {
    expect(messages(cohortYear, raw)).toEqual([want]);
  });

  it("never says 'expected number' or 'NaN' to an API caller", () => {
    for (const [schema, q] of [
      [graduationParams, { cohort: "abc" }],
      [graduationParams, {}],
      [yearParams, { year: "x" }],
      [yearParams, {}],
      [drillParams, { figure: "acgr9", cohort: "soon" }],
    ] as const) {
      for (const m of messages(schema, q)) expect(m).not.toMatch(/expected|NaN|received|Invalid input/i);
    }
  });
});

describe("npm run report arguments", () => {
  it("reads a command with its flags", () => {
    expect(parseArgs(["graduation", "--cohort", "2024", "--school", "0101", "--json"])).toEqual({ command: "graduation", cohort: 2024, school: "0101", json: true });
    expect(parseArgs(["dropout", "--year", "2024-25"])).toMatchObject({ command: "dropout", year: 2024, json: false });
  });

  it.each([
    [[], "Name a report: graduation, dropout, program or completers."],
    [["graduate", "--cohort", "2024"], 'There is no report "graduate": use graduation, dropout, program or completers.'],
    [["dropout", "--year", "2024-26"], "--year: 2024-26 is not a school year: write it as 2024-25"],
    [["dropout", "--year", "2040-41"], "--year: 2040-41 is in the future"],
    [["dropout", "--year", "2024", "--school"], "--school needs a value: a school's state code or id."],
    [["dropout", "--school", "--year", "2024"], "--school needs a value: a school's state code or id."],
    [["dropout", "--year"], "--year needs a value: a school year, like 2024-25."],
    [["graduation", "--cohort", "abc"], "--cohort: abc is not a class: write the year it graduates, like 2024"],
    [["graduation"], "graduation needs --cohort (the class, like 2024)."],
    [["dropout"], "dropout needs --year (a school year, like 2024-25)."],
    [["graduation", "--year", "2024"], "graduation takes --cohort, not --year."],
    [["dropout", "--year", "2024", "--cohort", "2025"], "dropout takes --year, not --cohort."],
    [["dropout", "--year", "2024", "--verbose"], 'Unknown argument "--verbose".'],
  ])("refuses %j with words and the usage", (argv, want) => {
    let error: unknown;
    try {
      parseArgs(argv);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message.split("\n")[0]).toBe(want);
    expect((error as Error).message).toContain("Usage:");
  });
});
