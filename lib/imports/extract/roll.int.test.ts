import { beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import fs from "node:fs";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { runImport } from "@/lib/imports/run";
import { fixture, writeTemp } from "@/lib/imports/test-helpers";

// The October 1 roll (issue 12): a file of its own kind, told by its header, writing StudentYear
// and never the student's current grade or flags.

useTestDatabase();
const asOf = new Date("2025-10-01T12:00:00Z");
beforeAll(async () => {
  await runImport(null, "oneroster", fixture("oneroster-1.1"), { asOf });
});

const ROLL = "sis_id,school_year,school_code,grade,enrolled_oct1";
const current = () =>
  db().student.findMany({ orderBy: { sisId: "asc" }, select: { sisId: true, gradeLevel: true, englishLearner: true, specialEducation: true, lowIncome: true, version: true } });
const years = (sisId: string) =>
  db().studentYear.findMany({
    where: { student: { sisId } },
    orderBy: { schoolYear: "asc" },
    select: { schoolYear: true, gradeLevel: true, enrolledOct1: true, englishLearner: true, specialEducation: true, lowIncome: true, school: { select: { stateCode: true } } },
  });
const allYears = () => db().studentYear.findMany({ orderBy: [{ studentId: "asc" }, { schoolYear: "asc" }] });

describe("the October 1 roll", () => {
  it("loads with the extract: one StudentYear per student and year, with that year's flags", async () => {
    const r = await runImport(null, "students", fixture("extract"));
    expect(r.errors).toEqual([]);
    expect(r.counts.roll).toMatchObject({ created: 7, updated: 0, unchanged: 0, skipped: 0 });
    expect(await years("100004")).toEqual([
      { schoolYear: 2022, gradeLevel: 9, enrolledOct1: true, englishLearner: null, specialEducation: true, lowIncome: true, school: { stateCode: "01230510" } },
      { schoolYear: 2023, gradeLevel: 10, enrolledOct1: true, englishLearner: null, specialEducation: true, lowIncome: true, school: { stateCode: "01230510" } },
      { schoolYear: 2024, gradeLevel: 11, enrolledOct1: true, englishLearner: false, specialEducation: true, lowIncome: true, school: { stateCode: "01230510" } },
      { schoolYear: 2025, gradeLevel: 12, enrolledOct1: true, englishLearner: false, specialEducation: true, lowIncome: true, school: { stateCode: "01230510" } },
    ]);
    // "2023-24" and "2023" name the same year; "09" is grade 9.
    expect((await years("100002")).map((y) => [y.schoolYear, y.gradeLevel, y.lowIncome])).toEqual([
      [2023, 9, true],
      [2024, 10, false],
    ]);
    expect((await years("100001")).map((y) => [y.schoolYear, y.gradeLevel])).toEqual([[2025, 9]]);
  });

  it("changes nothing on a second import", async () => {
    const before = await allYears();
    const r = await runImport(null, "students", fixture("extract"));
    expect(r.counts.roll).toMatchObject({ created: 0, updated: 0, unchanged: 7 });
    expect(await allYears()).toEqual(before);
  });

  it("a roll-shaped file is not taken as a students file: the student's current grade and flags stay", async () => {
    const before = await current();
    const file = writeTemp("oct1.csv", `${ROLL},english_learner,special_education,low_income\n100002,2022,01230505,9,no,Y,Y,Y\n`);
    const r = await runImport(null, "students", file);
    expect(r.errors).toEqual([]);
    expect(r.counts.students).toMatchObject({ updated: 0, unchanged: 0 });
    expect(r.counts.roll).toMatchObject({ created: 1 });
    expect(await current()).toEqual(before);
    expect((await years("100002"))[0]).toMatchObject({ schoolYear: 2022, gradeLevel: 9, enrolledOct1: false, englishLearner: true });
  });

  it("a changed row updates; an empty flag is 'not known' and a missing flag column keeps the stored flag", async () => {
    const updated = await runImport(null, "students", writeTemp("oct1.csv", `${ROLL},english_learner,low_income\n100002,2022-23,01230505,9,no,,N\n`));
    expect(updated.counts.roll).toMatchObject({ created: 0, updated: 1 });
    expect((await years("100002"))[0]).toMatchObject({ englishLearner: null, specialEducation: true, lowIncome: false });
  });

  it("a dry run reports and writes nothing", async () => {
    const before = await allYears();
    const r = await runImport(null, "students", writeTemp("oct1.csv", `${ROLL}\n100006,2024,01230510,11,yes\n100006,2025-26,01230510,12,yes\n`), { dryRun: true });
    expect(r.status).toBe("dry-run");
    expect(r.counts.roll).toMatchObject({ created: 2 });
    expect(await allYears()).toEqual(before);
  });

  const BAD = [
    ROLL,
    "100006,2024,01230510,11,yes", // line 2: fine
    "999999,2024,01230510,11,yes", // 3: unknown student
    "100006,2024,99999999,11,yes", // 4: unknown school
    "100006,2023,01230510,13,yes", // 5: grade 13
    "100006,2024-25,01230510,11,yes", // 6: same student and year as line 2
    "100006,2023-25,01230510,10,yes", // 7: not a school year
    "100006,2022,01230510,9,maybe", // 8: not yes/no
    "100099,2024,01230505,8,yes", // 9: grade 8, skipped
    "100098,2024,01230505,K,yes", // 10: kindergarten, skipped
  ].join("\n");

  it("rejects bad lines with file, line, column, value and why, writing nothing", async () => {
    const before = await allYears();
    const r = await runImport(null, "students", writeTemp("oct1.csv", BAD + "\n"));
    expect(r.status).toBe("failed");
    expect(r.errors.map((e) => [e.line, e.column, e.value])).toEqual([
      [5, "grade", "13"],
      [7, "school_year", "2023-25"],
      [8, "enrolled_oct1", "maybe"],
      [3, "sis_id", "999999"],
      [4, "school_code", "99999999"],
      [6, "school_year", "2024"],
    ]);
    expect(r.errors.find((e) => e.line === 5)?.message).toBe("grade must be 9–12 (rows for grades K–8 are skipped)");
    expect(r.errors.find((e) => e.line === 6)?.message).toBe("Duplicate row: student 100006 already has a row for 2024-25 on line 2 of this file");
    expect(r.counts.roll).toMatchObject({ created: 1, skipped: 2 });
    expect(r.warnings).toEqual([expect.objectContaining({ file: "oct1.csv", column: "grade", message: "2 rows for grades K–8 skipped: the October 1 roll counts grades 9–12" })]);
    expect(await allYears()).toEqual(before);
  });

  it("--partial writes the valid rows and reports the rest", async () => {
    const r = await runImport(null, "students", writeTemp("oct1.csv", BAD + "\n"), { partial: true });
    expect(r.status).toBe("partial");
    expect(r.errors).toHaveLength(6);
    expect((await years("100006")).map((y) => [y.schoolYear, y.gradeLevel])).toEqual([[2024, 11]]);
  });
});

describe("file kinds are told by their header", () => {
  const listsKinds = (message: string) => {
    for (const k of [
      "students (sis_id and at least one of state_id, grade",
      "status events (sis_id, event, date)",
      "transcript (sis_id, course_code,",
      "October 1 roll (sis_id, school_year, school_code, grade, enrolled_oct1)",
    ]) {
      expect(message).toContain(k);
    }
  };

  it("an unrecognised header is an error naming the kinds and their required columns, never 'unchanged'", async () => {
    const r = await runImport(null, "students", writeTemp("mystery.csv", "student,year,school\n100002,2023,01230505\n"));
    expect(r.status).toBe("failed");
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ file: "mystery.csv", line: 1, column: null });
    expect(r.errors[0]!.message).toMatch(/^Unrecognised header \(student, year, school\)\./);
    listsKinds(r.errors[0]!.message);
  });

  it("a roll without enrolled_oct1 is an incomplete roll, not a students file that sets the grade", async () => {
    const before = await current();
    const r = await runImport(null, "students", writeTemp("oct1.csv", "\uFEFF sis_id , school_year,school_code,grade\n100002,2023,01230505,9\n"));
    expect(r.status).toBe("failed");
    expect(r.errors[0]!.message).toMatch(/^The header looks like an October 1 roll file without enrolled_oct1: add the missing columns\./);
    listsKinds(r.errors[0]!.message);
    expect(await current()).toEqual(before);
  });

  it("a header with all the columns of two kinds is ambiguous; only sis_id is not a students file", async () => {
    const both = await runImport(null, "students", writeTemp("both.csv", `${ROLL},event,date\n`));
    expect(both.errors[0]!.message).toMatch(/^The header has the columns of more than one kind of file \(status events, October 1 roll\)/);
    const bare = await runImport(null, "students", writeTemp("ids.csv", "sis_id\n100002\n"));
    expect(bare.errors[0]!.message).toMatch(/^Unrecognised header \(sis_id\)/);
  });

  it("a folder names every file whose header is not recognised, and writes nothing", async () => {
    const dir = fs.mkdtempSync(path.join(path.dirname(writeTemp("x", "")), "set-"));
    fs.writeFileSync(path.join(dir, "students.csv"), "sis_id,grade\n100002,11\n");
    fs.writeFileSync(path.join(dir, "a.csv"), "id,year\n");
    fs.writeFileSync(path.join(dir, "b.csv"), "sis_id,course_code,credits_earned\n");
    const before = await current();
    const r = await runImport(null, "students", dir);
    expect(r.errors.map((e) => e.file).sort()).toEqual(["a.csv", "b.csv"]);
    expect(r.errors.find((e) => e.file === "b.csv")!.message).toContain(
      "looks like a transcript file without course_title, subject_area, school_year, term, grade, credits_attempted",
    );
    expect(await current()).toEqual(before);
  });
});
