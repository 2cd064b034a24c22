import { beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { useTestDatabase } from "@/lib/test/db";
import { makeUser, viewerOf } from "@/lib/test/factory";
import { db } from "@/lib/db";
import { runImport } from "@/lib/imports/run";
import { detectImportKind } from "@/lib/imports/detect";
import { revertImportRun } from "@/lib/imports/revert";
import { fixture, writeTemp } from "@/lib/imports/test-helpers";
import type { Viewer } from "@/lib/access";

// The program quality report's files (issue #18): the course sequence and state test results, two
// more files of the district extract, each told by its header like the October 1 roll.

useTestDatabase();
const asOf = new Date("2025-10-01T12:00:00Z");
let admin: Viewer;
beforeAll(async () => {
  await runImport(null, "oneroster", fixture("oneroster-1.1"), { asOf });
  admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
});

const SEQ = "course_code,next_course_code";
const TESTS = "sis_id,test,subject,year,level,scaled_score,proficient";
const pairs = async () => (await db().courseSequence.findMany({ orderBy: [{ courseCode: "asc" }, { nextCode: "asc" }] })).map((p) => `${p.courseCode}→${p.nextCode}`);
const allPairs = () => db().courseSequence.findMany({ orderBy: [{ courseCode: "asc" }, { nextCode: "asc" }] });
const results = async (sisId?: string) =>
  (
    await db().stateTestResult.findMany({
      where: sisId ? { student: { sisId } } : {},
      orderBy: [{ schoolYear: "asc" }, { test: "asc" }],
      select: { test: true, subjectArea: true, schoolYear: true, scaledScore: true, level: true, proficient: true, student: { select: { sisId: true } } },
    })
  ).map(({ scaledScore, student, ...r }) => ({ sisId: student.sisId, ...r, scaledScore: scaledScore === null ? null : Number(scaledScore) }));
const allResults = () => db().stateTestResult.findMany({ orderBy: { id: "asc" } });

describe("the course sequence", () => {
  it("is told by its header in any case, with a BOM and quoted names, and adds each pair", async () => {
    const file = writeTemp("sequence.csv", `\uFEFFCourse_Code,"NEXT_COURSE_CODE"\nMA101,MA201\nMA101,MA205\n" MA201 ",MA301\n`);
    expect(await detectImportKind(file)).toEqual({ kind: "students" });
    const r = await runImport(null, "students", file);
    expect(r.errors).toEqual([]);
    expect(r.counts.sequence).toEqual({ created: 3, updated: 0, deleted: 0, unchanged: 0, skipped: 0 });
    expect(r.counts.students).toMatchObject({ updated: 0, unchanged: 0 });
    // A course may have several next courses; codes are trimmed.
    expect(await pairs()).toEqual(["MA101→MA201", "MA101→MA205", "MA201→MA301"]);
  });

  it("changes nothing on a second import: a file adds pairs, it never replaces the sequence", async () => {
    const before = await allPairs();
    const again = await runImport(null, "students", writeTemp("sequence.csv", `${SEQ}\nMA101,MA201\nMA101,MA205\nMA201,MA301\n`));
    expect(again.counts.sequence).toMatchObject({ created: 0, deleted: 0, unchanged: 3 });
    const one = await runImport(null, "students", writeTemp("more.csv", `${SEQ}\nEN101,EN201\n`));
    expect(one.counts.sequence).toMatchObject({ created: 1, unchanged: 0 });
    expect(await allPairs()).toEqual(expect.arrayContaining(before));
    expect(await pairs()).toEqual(["EN101→EN201", "MA101→MA201", "MA101→MA205", "MA201→MA301"]);
  });

  it("remove = yes deletes that pair; removing a pair that is not stored is nothing to do", async () => {
    const file = writeTemp("sequence.csv", `${SEQ},Remove\nMA101,MA205,yes\nMA101,MA999,1\nMA201,MA301,no\nEN101,EN201,\n`);
    const r = await runImport(null, "students", file);
    expect(r.errors).toEqual([]);
    expect(r.counts.sequence).toMatchObject({ created: 0, deleted: 1, unchanged: 3 });
    expect(await pairs()).toEqual(["EN101→EN201", "MA101→MA201", "MA201→MA301"]);
    const again = await runImport(null, "students", file);
    expect(again.counts.sequence).toMatchObject({ deleted: 0, unchanged: 4 });
  });

  const BAD = [
    `${SEQ},remove`,
    "SC101,SC201,", // line 2: fine
    "SC101,SC101,", // 3: a course cannot follow itself
    "SC101,SC201,yes", // 4: the same pair as line 2
    "SC201,SC301,maybe", // 5: not yes/no
    "SC301,,", // 6: no next course
  ].join("\n");

  it("rejects bad lines with file, line, column, value and why, writing nothing; --partial writes the rest", async () => {
    const before = await allPairs();
    const r = await runImport(null, "students", writeTemp("seq.csv", BAD + "\n"));
    expect(r.status).toBe("failed");
    expect(r.errors.map((e) => [e.line, e.column, e.value])).toEqual([
      [3, "next_course_code", "SC101"],
      [5, "remove", "maybe"],
      [6, "next_course_code", ""],
      [4, "next_course_code", "SC201"],
    ]);
    expect(r.errors.find((e) => e.line === 3)?.message).toBe("next_course_code is the same as course_code: a course cannot come after itself");
    expect(r.errors.find((e) => e.line === 4)?.message).toBe("Duplicate row: SC101 → SC201 is already on line 2 of this file");
    expect(r.errors.find((e) => e.line === 6)?.message).toBe("next_course_code is required");
    expect(await allPairs()).toEqual(before);
    const partial = await runImport(null, "students", writeTemp("seq.csv", BAD + "\n"), { partial: true });
    expect(partial.status).toBe("partial");
    expect(await pairs()).toContain("SC101→SC201");
    expect(await pairs()).not.toContain("SC101→SC101");
  });
});

describe("state test results", () => {
  it("are told by their header in any case, with a BOM and quoted names; year, subject and proficient as the extract reads them", async () => {
    const file = writeTemp(
      "mcas.csv",
      [
        `\uFEFF SIS_ID ,"Test",Subject,YEAR,Level,Scaled_Score,"proficient"`,
        `100002,MCAS Grade 10 Math,Math,2024-25,Meeting Expectations,512,Y`,
        `100002,"MCAS Grade 10 ELA, retest",ELA,2024,"Partially Meeting Expectations",488.5,`,
        `100004,MCAS Biology,SCIENCE,2023-2024,Exceeding Expectations,,no`,
        `100004,US History,History/Social Studies,2025,Proficient,,`,
      ].join("\n") + "\n",
    );
    expect(await detectImportKind(file)).toEqual({ kind: "students" });
    const r = await runImport(null, "students", file);
    expect(r.errors).toEqual([]);
    expect(r.counts.stateTests).toEqual({ created: 4, updated: 0, deleted: 0, unchanged: 0, skipped: 0 });
    expect(r.counts.students).toMatchObject({ updated: 0, unchanged: 0 });
    // The school year is named by the year it starts in, as the roll and transcript name it:
    // 2024, 2024-25 and 2024-2025 are all 2024-25.
    expect(await results()).toEqual([
      { sisId: "100004", test: "MCAS Biology", subjectArea: "SCIENCE", schoolYear: 2023, level: "Exceeding Expectations", proficient: false, scaledScore: null },
      {
        sisId: "100002",
        test: "MCAS Grade 10 ELA, retest",
        subjectArea: "ENGLISH",
        schoolYear: 2024,
        level: "Partially Meeting Expectations",
        proficient: null,
        scaledScore: 488.5,
      },
      { sisId: "100002", test: "MCAS Grade 10 Math", subjectArea: "MATHEMATICS", schoolYear: 2024, level: "Meeting Expectations", proficient: true, scaledScore: 512 },
      { sisId: "100004", test: "US History", subjectArea: "HISTORY_SOCIAL_STUDIES", schoolYear: 2025, level: "Proficient", proficient: null, scaledScore: null },
    ]);
  });

  it("upserts on student, test and year: the same file changes nothing, a changed row is replaced whole", async () => {
    const before = await allResults();
    const same = writeTemp(
      "mcas.csv",
      `${TESTS}\n100002,MCAS Grade 10 Math,mathematics,2024,Meeting Expectations,512.00,yes\n100004,MCAS Biology,science,2023-24,Exceeding Expectations,,N\n`,
    );
    const again = await runImport(null, "students", same);
    expect(again.counts.stateTests).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(await allResults()).toEqual(before);
    // No scaled_score or proficient column: those are not known now (a row is the whole result).
    const changed = await runImport(null, "students", writeTemp("mcas.csv", "sis_id,test,subject,year,level\n100002,MCAS Grade 10 Math,math,2024,Exceeding Expectations\n"));
    expect(changed.counts.stateTests).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const math = (await results("100002")).find((x) => x.test === "MCAS Grade 10 Math");
    expect(math).toMatchObject({ level: "Exceeding Expectations", scaledScore: null, proficient: null });
    const row = await db().stateTestResult.findFirstOrThrow({ where: { test: "MCAS Grade 10 Math" } });
    expect(row.id).toBe(before.find((b) => b.test === "MCAS Grade 10 Math")!.id);
    expect(await db().stateTestResult.count()).toBe(before.length);
  });

  const BAD = [
    TESTS,
    "100001,MCAS Grade 10 Math,math,2025,Not Meeting Expectations,455,no", // line 2: fine
    "999999,MCAS Grade 10 Math,math,2025,Meeting Expectations,,", // 3: unknown student
    "100001,MCAS Physics,chemistry,2025,Meeting Expectations,,", // 4: not a subject
    "100001,MCAS Grade 10 ELA,ELA,2025-27,Meeting Expectations,,", // 5: not a school year
    "100001,MCAS Grade 10 Math,math,2025-26,Meeting Expectations,,", // 6: same student, test and year as line 2
    "100001,MCAS Grade 10 ELA,ELA,2025,,,", // 7: no level
    "100001,MCAS Biology,science,2025,Meeting Expectations,high,maybe", // 8: two bad cells
  ].join("\n");

  it("rejects bad lines with file, line, column, value and why, writing nothing; --partial writes the rest", async () => {
    const before = await allResults();
    const r = await runImport(null, "students", writeTemp("tests.csv", BAD + "\n"));
    expect(r.status).toBe("failed");
    expect(r.errors.map((e) => [e.line, e.column, e.value])).toEqual([
      [4, "subject", "chemistry"],
      [5, "year", "2025-27"],
      [7, "level", ""],
      [8, "scaled_score", "high"],
      [8, "proficient", "maybe"],
      [3, "sis_id", "999999"],
      [6, "test", "MCAS Grade 10 Math"],
    ]);
    const message = (line: number) => r.errors.find((e) => e.line === line)?.message;
    expect(message(3)).toBe("no student has this SIS id (the roster import creates students)");
    expect(message(4)).toBe("subject must be english, mathematics, science, history_social_studies, world_language, arts or elective");
    expect(message(5)).toBe("not a school year (write 2023 or 2023-24 for the year that starts in the fall of 2023)");
    expect(message(6)).toBe("Duplicate row: student 100001 already has a result for MCAS Grade 10 Math in 2025-26 on line 2 of this file");
    expect(r.counts.stateTests).toMatchObject({ created: 1 });
    expect(await allResults()).toEqual(before);
    const partial = await runImport(null, "students", writeTemp("tests.csv", BAD + "\n"), { partial: true });
    expect(partial.status).toBe("partial");
    expect(await results("100001")).toEqual([
      { sisId: "100001", test: "MCAS Grade 10 Math", subjectArea: "MATHEMATICS", schoolYear: 2025, level: "Not Meeting Expectations", proficient: false, scaledScore: 455 },
    ]);
  });
});

describe("both files with the rest of the extract", () => {
  const folder = (files: Record<string, string>) => {
    const dir = fs.mkdtempSync(path.join(path.dirname(writeTemp("x", "")), "set-"));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
  };
  const set = () =>
    folder({
      "students.csv": "sis_id,grade\n100006,11\n",
      "sequence.csv": `${SEQ}\nWL101,WL201\nMA101,MA201\n`,
      "tests.csv": `${TESTS}\n100006,MCAS Grade 10 ELA,English Language Arts,2025,Meeting Expectations,501,\n100002,MCAS Grade 10 Math,math,2024,Meeting Expectations,512,yes\n`,
    });

  it("a dry run reports and writes nothing", async () => {
    const [p, t] = [await allPairs(), await allResults()];
    const r = await runImport(null, "students", set(), { dryRun: true });
    expect(r.status).toBe("dry-run");
    expect(r.errors).toEqual([]);
    expect(r.counts.sequence).toMatchObject({ created: 1, unchanged: 1 });
    expect(r.counts.stateTests).toMatchObject({ created: 1, updated: 1 });
    expect([await allPairs(), await allResults()]).toEqual([p, t]);
  });

  // Needs capture triggers on CourseSequence and StateTestResult (as StudentYear has them, migration
  // 20261201180000_import_changes): migration 20261202220000_program_quality created the tables
  // without. Until a migration adds them, a revert leaves these rows in place.
  it("a revert takes back what the run wrote: pairs added, results created and updated", async () => {
    const [p, t] = [await pairs(), await results()];
    const run = await runImport(null, "students", set());
    expect(run.status).toBe("succeeded");
    expect(await pairs()).toContain("WL101→WL201");
    const removal = await runImport(null, "students", writeTemp("sequence.csv", `${SEQ},remove\nEN101,EN201,yes\n`));
    expect(removal.counts.sequence).toMatchObject({ deleted: 1 });
    expect(await revertImportRun(admin, removal.runId)).toMatchObject({ ok: true });
    expect(await revertImportRun(admin, run.runId)).toMatchObject({
      ok: true,
      counts: { CourseSequence: { deleted: 1 }, StateTestResult: { deleted: 1, restored: 1 } },
    });
    expect(await results()).toEqual(t);
    // A removed pair is not put back (a revert never restores what a run deleted: lib/imports/revert.ts).
    expect(await pairs()).toEqual(p.filter((x) => x !== "EN101→EN201"));
  });
});

describe("the header tells the new files from the others", () => {
  it("a transcript header with next_course_code has the columns of two kinds: an error, never a guess", async () => {
    const r = await runImport(
      null,
      "students",
      writeTemp("both.csv", "sis_id,course_code,course_title,subject_area,school_year,term,grade,credits_attempted,credits_earned,next_course_code\n"),
    );
    expect(r.status).toBe("failed");
    expect(r.errors[0]!.message).toMatch(/^The header has the columns of more than one kind of file \(transcript, course sequence\)/);
  });

  it("a results file missing a column is named as one, never a students file that sets today's grade", async () => {
    const before = await db().student.findMany({ orderBy: { sisId: "asc" }, select: { sisId: true, gradeLevel: true } });
    const r = await runImport(null, "students", writeTemp("tests.csv", "sis_id,grade,subject,year,level\n100002,9,math,2024,Proficient\n"));
    expect(r.status).toBe("failed");
    expect(r.errors[0]!.message).toMatch(/^The header looks like a state test results file without test: add the missing columns\./);
    for (const k of ["course sequence (course_code, next_course_code)", "state test results (sis_id, test, subject, year, level)"]) expect(r.errors[0]!.message).toContain(k);
    expect(await db().student.findMany({ orderBy: { sisId: "asc" }, select: { sisId: true, gradeLevel: true } })).toEqual(before);
    const near = await detectImportKind(writeTemp("seq.csv", "next_course_code,after\n"));
    expect(near).toMatchObject({ kind: null, reason: expect.stringMatching(/^The header looks like a course sequence file without course_code/) });
  });
});
