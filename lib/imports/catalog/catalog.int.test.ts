import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { runImport } from "@/lib/imports/run";
import { fixture, writeTemp } from "@/lib/imports/test-helpers";

useTestDatabase();
const FILE = fixture("catalog/catalog.csv");
const TEXT = fs.readFileSync(FILE, "utf8");
const HEADER = TEXT.split("\n")[0] + "\n";
/** The catalog as last imported by the tests below. */
let current = TEXT;
const course = (code: string) =>
  db().onlineCourse.findFirstOrThrow({ where: { providerCourseCode: code }, include: { provider: true, assessments: { orderBy: [{ version: "asc" }, { position: "asc" }] } } });

describe("catalog import", () => {
  it("a dry run reports what it would create and writes nothing but the run", async () => {
    const r = await runImport(null, "catalog", FILE, { dryRun: true });
    expect(r).toMatchObject({ status: "dry-run", rows: 7, errors: [] });
    expect(r.counts.providers).toMatchObject({ created: 2 });
    expect(r.counts.courses).toMatchObject({ created: 3 });
    expect(r.counts.assessments).toMatchObject({ created: 7 });
    expect(await db().onlineCourse.count()).toBe(0);
    expect(await db().importRun.count({ where: { kind: "catalog", status: "dry-run" } })).toBe(1);
  });

  it("creates providers, courses and assessments from the words vendors write, audited", async () => {
    const r = await runImport(null, "catalog", FILE);
    expect(r.errors).toEqual([]);
    expect(r.status).toBe("succeeded");
    const alg = await course("ALG1-CR");
    expect(alg).toMatchObject({
      title: "Algebra I (Credit Recovery)",
      subjectArea: "MATHEMATICS",
      programType: "CREDIT_RECOVERY",
      expectedWeeks: 12,
      masteryThreshold: 70,
      passingGrade: null,
      recovers: ["MTH101", "MTH102"],
      active: true,
      currentVersion: 1,
      provider: { code: "APEX", name: "Apex Learning" },
    });
    expect(alg.assessments.map((a) => [a.version, a.position, a.title, a.kind, Number(a.weight)])).toEqual([
      [1, 1, "Unit 1 Quiz", "FORMATIVE", 25],
      [1, 2, "Unit 2 Quiz", "FORMATIVE", 25],
      [1, 3, "Final Exam", "SUMMATIVE", 50],
    ]);
    const eng = await course("ENG9-CR");
    expect(eng).toMatchObject({ title: "English 9, Semester A", passingGrade: 65, recovers: ["ENG9A"] });
    expect(Number(eng.credits)).toBe(0.5);
    expect(Number(eng.assessments[0]!.maxScore)).toBe(50);
    expect(await db().auditEvent.count({ where: { action: "import.catalog", entityId: r.runId } })).toBe(1);
  });

  it("changes nothing when the same file comes again", async () => {
    const r = await runImport(null, "catalog", FILE);
    expect(r.counts.providers).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(r.counts.courses).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(r.counts.versions).toMatchObject({ created: 0 });
    expect(r.counts.assessments).toMatchObject({ created: 0, updated: 0, unchanged: 7 });
    expect(await db().courseAssessment.count()).toBe(7);
  });

  it("updates course fields in place; a changed weight makes version 2 with the full set", async () => {
    const titleOnly = await runImport(null, "catalog", writeTemp("catalog.csv", TEXT.replaceAll("Biology,science,1,original_credit,18", "Biology I,science,1,original_credit,20")));
    expect(titleOnly.counts.courses).toMatchObject({ updated: 1, unchanged: 2 });
    expect(titleOnly.counts.versions).toMatchObject({ created: 0 });
    expect(await course("BIO-OC")).toMatchObject({ title: "Biology I", expectedWeeks: 20, currentVersion: 1 });

    const text = TEXT.replace("Cells Lab,formative,100,30", "Cells Lab,formative,100,40").replace("Semester Exam,summative,100,70", "Semester Exam,summative,100,60");
    const reweighted = await runImport(null, "catalog", writeTemp("catalog.csv", (current = text)));
    expect(reweighted.errors).toEqual([]);
    expect(reweighted.counts.versions).toMatchObject({ created: 1 });
    const bio = await course("BIO-OC");
    expect(bio.currentVersion).toBe(2);
    expect(bio.assessments.map((a) => [a.version, a.position, Number(a.weight)])).toEqual([
      [1, 1, 30],
      [1, 2, 70],
      [2, 1, 40],
      [2, 2, 60],
    ]);
  });

  it("renames an assessment in place: a title grades nothing, so it is not a new version", async () => {
    const r = await runImport(null, "catalog", writeTemp("catalog.csv", current.replaceAll("Unit 2 Quiz", "Unit 2 Check")));
    expect(r.counts.versions).toMatchObject({ created: 0 });
    expect(r.counts.assessments).toMatchObject({ updated: 1 });
    const alg = await course("ALG1-CR");
    expect(alg.currentVersion).toBe(1);
    expect(alg.assessments.map((a) => a.title)).toEqual(["Unit 1 Quiz", "Unit 2 Check", "Final Exam"]);
  });

  it("reports every kind of line error with file, line, column, value and why, and writes nothing", async () => {
    const before = await db().courseAssessment.count();
    const row = (over: Partial<Record<string, string>>) => {
      const base: Record<string, string> = {
        provider_code: "NEWP",
        provider_name: "New Provider",
        course_code: "X1",
        title: "X",
        subject_area: "math",
        credits: "1",
        program_type: "CR",
        expected_weeks: "10",
        mastery_threshold: "70",
        passing_grade: "",
        recovers: "",
        active: "",
        assessment_position: "1",
        assessment_title: "Exam",
        assessment_kind: "summative",
        max_score: "100",
        weight: "100",
      };
      const r = { ...base, ...over };
      return (
        HEADER.trim()
          .split(",")
          .map((c) => r[c])
          .join(",") + "\n"
      );
    };
    const file = writeTemp(
      "bad.csv",
      HEADER +
        row({ course_code: "A", subject_area: "Cooking" }) + // 2
        row({ course_code: "B", program_type: "summer school" }) + // 3
        row({ course_code: "C", assessment_kind: "quiz" }) + // 4
        row({ course_code: "D", credits: "abc" }) + // 5
        row({ course_code: "E", weight: "60" }) + // 6 weights sum to 60
        row({ course_code: "F", assessment_kind: "formative" }) + // 7 no summative
        row({ course_code: "G", weight: "50" }) + // 8
        row({ course_code: "G", weight: "50", assessment_title: "Exam 2" }) + // 9 position 1 twice
        row({ course_code: "H", weight: "50" }) + // 10
        row({ course_code: "H", weight: "50", title: "Other title", assessment_position: "2" }) + // 11 course fields disagree
        row({ course_code: "I", provider_name: "Another name" }) + // 12 provider name disagrees with line 2
        row({ course_code: "J", mastery_threshold: "101" }) + // 13
        row({ course_code: "K", recovers: "MTH1;;MTH2", active: "maybe" }), // 14
    );
    const r = await runImport(null, "catalog", file);
    expect(r.status).toBe("failed");
    const got = r.errors.map((e) => [e.line, e.column, e.value]);
    expect(got).toEqual(
      expect.arrayContaining([
        [2, "subject_area", "Cooking"],
        [3, "program_type", "summer school"],
        [4, "assessment_kind", "quiz"],
        [5, "credits", "abc"],
        [6, "weight", null],
        [7, "assessment_kind", null],
        [9, "assessment_position", "1"],
        [11, "title", "Other title"],
        [12, "provider_name", "Another name"],
        [13, "mastery_threshold", "101"],
        [14, "active", "maybe"],
      ]),
    );
    expect(r.errors.find((e) => e.line === 2)!.message).toMatch(/"Cooking" is not a subject area: use english, mathematics/);
    expect(r.errors.find((e) => e.line === 6)!.message).toMatch(/course NEWP E: The weights add up to 60; they must add up to 100/);
    expect(r.errors.find((e) => e.line === 11)!.message).toMatch(/differs from line 10, the first row of course NEWP H/);
    expect(r.errors.find((e) => e.line === 12)!.message).toMatch(/differs from line 6, where provider NEWP is "New Provider"/);
    expect(await db().provider.count({ where: { code: "NEWP" } })).toBe(0);
    expect(await db().courseAssessment.count()).toBe(before);
  });

  it("with --partial writes the valid courses and leaves out every course with an invalid row", async () => {
    const file = writeTemp(
      "p.csv",
      HEADER +
        "PART,Partial Provider,OK1,Good course,English,1,credit recovery,10,70,,,,1,Exam,summative,100,100\n" +
        "PART,Partial Provider,BAD1,Bad course,English,1,credit recovery,10,70,,,,1,Quiz,formative,100,50\n" +
        "PART,Partial Provider,BAD1,Bad course,English,1,credit recovery,10,70,,,,2,Exam,summative,100,oops\n",
    );
    const r = await runImport(null, "catalog", file, { partial: true });
    expect(r.status).toBe("partial");
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([[4, "weight"]]);
    expect(r.counts.courses).toMatchObject({ created: 1, skipped: 1 });
    expect(await db().onlineCourse.count({ where: { provider: { code: "PART" } } })).toBe(1);
  });

  it("sets a provider's own overdue days from stale_after_days: left out = unchanged, blank = the district's", async () => {
    const days = async () => Object.fromEntries((await db().provider.findMany({ where: { code: { in: ["APEX", "EDGENUITY"] } } })).map((p) => [p.code, p.staleAfterDays]));
    // The column after weight, the same on each row of a provider.
    const withDays = (apex: string, edg: string) =>
      current
        .trimEnd()
        .split("\n")
        .map((l, i) => `${l},${i === 0 ? "stale_after_days" : l.startsWith("APEX,") ? apex : edg}`)
        .join("\n") + "\n";
    expect(current.split("\n")[1]).toMatch(/^APEX,/);
    expect(current).toMatch(/\nEDGENUITY,/);
    let r = await runImport(null, "catalog", writeTemp("catalog.csv", withDays("7", "")));
    expect(r.errors).toEqual([]);
    expect(r.counts.providers).toMatchObject({ updated: 1, unchanged: 1 });
    expect(await days()).toEqual({ APEX: 7, EDGENUITY: null });
    // Without the column (an older file): unchanged.
    r = await runImport(null, "catalog", writeTemp("catalog.csv", current));
    expect(r.counts.providers).toMatchObject({ updated: 0, unchanged: 2 });
    expect(await days()).toEqual({ APEX: 7, EDGENUITY: null });
    // Blank: back to the district's.
    r = await runImport(null, "catalog", writeTemp("catalog.csv", withDays("", "")));
    expect(r.counts.providers).toMatchObject({ updated: 1 });
    expect(await days()).toEqual({ APEX: null, EDGENUITY: null });
    // Out of range, and two values for one provider: errors on the column, nothing written.
    r = await runImport(null, "catalog", writeTemp("catalog.csv", withDays("0", "")));
    expect(r.status).toBe("failed");
    expect(r.errors[0]).toMatchObject({ line: 2, column: "stale_after_days", value: "0", message: expect.stringMatching(/between 1 and 365/) });
    const split = withDays("5", "").replace(/^(APEX,[^\n]*),5\n(APEX,[^\n]*),5\n/m, "$1,5\n$2,6\n");
    r = await runImport(null, "catalog", writeTemp("catalog.csv", split));
    expect(r.errors).toEqual([
      expect.objectContaining({
        line: 3,
        column: "stale_after_days",
        value: "6",
        message: expect.stringMatching(/where provider APEX has "5": a provider has one number of days/),
      }),
    ]);
    expect(await days()).toEqual({ APEX: null, EDGENUITY: null });
  });

  it("refuses a file without the catalog's columns, naming them", async () => {
    const r = await runImport(null, "catalog", writeTemp("x.csv", "provider_code,course_code\nAPEX,ALG1-CR\n"));
    expect(r.status).toBe("failed");
    expect(r.errors.map((e) => e.column)).toContain("assessment_position");
  });
});
