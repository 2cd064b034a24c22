import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { enrollIn, rosterAndAlgebraCourse } from "@/lib/imports/test-course";
import { db } from "@/lib/db";
import { runImport } from "@/lib/imports/run";
import { copySet, fixture } from "@/lib/imports/test-helpers";
import { openSource } from "@/lib/imports/source";
import { ImportFileError } from "@/lib/imports/report";
import { readGradebookSet, writeGradebook } from "@/lib/imports/gradebook";

useTestDatabase();
const SET = "oneroster-1.2-gradebook";
const read = (f: string) => fs.readFileSync(path.join(fixture(SET), f), "utf8");
/** The fixture set with one file's text changed. */
const changed = (f: string, from: string, to: string) => {
  const text = read(f);
  expect(text).toContain(from);
  return copySet(SET, { [f]: text.replace(from, to) });
};
let ben = "";
let chloe = "";

beforeAll(async () => {
  const { courseId } = await rosterAndAlgebraCourse();
  ben = await enrollIn(courseId, "100002");
  chloe = await enrollIn(courseId, "100004");
});

const resultsOf = (enrollmentId: string) =>
  db().assessmentResult.findMany({ where: { enrollmentId }, include: { assessment: true }, orderBy: { assessment: { position: "asc" } } });

describe("OneRoster 1.2 gradebook import", () => {
  it("previews without writing", async () => {
    const r = await runImport(null, "gradebook", fixture(SET), { dryRun: true });
    expect(r.errors).toEqual([]);
    expect(r.counts.results).toMatchObject({ created: 3, skipped: 3 });
    expect(await db().assessmentResult.count()).toBe(0);
  });

  it("records the fully graded results on each assessment's scale and moves progress", async () => {
    const r = await runImport(null, "gradebook", fixture(SET));
    expect(r.errors).toEqual([]);
    expect(r.status).toBe("succeeded");
    expect(r.counts.results).toMatchObject({ created: 3, updated: 0, skipped: 3 });
    expect(r.counts.enrollments).toMatchObject({ updated: 2 });
    // Ben by users.csv identifier; 45 of the lineItem's 50 is 90 on the assessment's 100.
    expect((await resultsOf(ben)).map((x) => [x.assessment.title, Number(x.score), x.attempt, x.takenOn.toISOString().slice(0, 10), x.source])).toEqual([
      ["Unit 1 Quiz", 90, 1, "2025-10-02", "IMPORT"],
      ["Unit 2 Quiz", 85, 1, "2025-10-08", "IMPORT"],
    ]);
    const b = await db().enrollment.findUniqueOrThrow({ where: { id: ben } });
    expect(b).toMatchObject({ progress: 67, status: "ACTIVE", sourceKey: null });
    expect(b.lastActivityOn?.toISOString().slice(0, 10)).toBe("2025-10-08");
    // Chloe has no users.csv row: matched by the roster's sourcedId. Her exempt and not-submitted results are not recorded.
    expect((await resultsOf(chloe)).map((x) => [x.assessment.position, Number(x.score)])).toEqual([[1, 80]]);
    expect(await db().enrollment.findUniqueOrThrow({ where: { id: chloe } })).toMatchObject({ progress: 33 });
    const notes = r.warnings.map((w) => [w.column, w.value, w.line]);
    expect(notes).toEqual(
      expect.arrayContaining([
        ["scoreStatus", "submitted", 4],
        ["scoreStatus", "exempt", 6],
        ["scoreStatus", "not submitted", 7],
      ]),
    );
    expect(r.warnings.find((w) => w.value === "exempt")!.message).toMatch(/1 result with scoreStatus "exempt" was not recorded.*no exemption/);
    const run = await db().importRun.findUniqueOrThrow({ where: { id: r.runId } });
    expect(run).toMatchObject({ kind: "gradebook", status: "succeeded" });
    expect(await db().auditEvent.count({ where: { action: "import.gradebook" } })).toBe(1);
  });

  it("changes nothing when the same set is imported again", async () => {
    const versions = (await db().enrollment.findMany({ where: { id: { in: [ben, chloe] } }, orderBy: { id: "asc" } })).map((e) => e.version);
    const r = await runImport(null, "gradebook", fixture(SET));
    expect(r.errors).toEqual([]);
    expect(r.counts.results).toMatchObject({ created: 0, updated: 0, unchanged: 3, skipped: 3 });
    expect(r.counts.enrollments).toMatchObject({ updated: 0, unchanged: 2 });
    expect(await db().assessmentResult.count()).toBe(3);
    expect((await db().enrollment.findMany({ where: { id: { in: [ben, chloe] } }, orderBy: { id: "asc" } })).map((e) => e.version)).toEqual(versions);
  });

  it("updates a changed score in place: a result is the student's one score on the lineItem", async () => {
    const r = await runImport(null, "gradebook", changed("results.csv", "apx-u-2002,Fully Graded,85,", "apx-u-2002,Fully Graded,60,"));
    expect(r.counts.results).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    expect((await resultsOf(ben)).map((x) => Number(x.score))).toEqual([90, 60]);
    expect(await db().enrollment.findUniqueOrThrow({ where: { id: ben } })).toMatchObject({ progress: 33 });
    await runImport(null, "gradebook", fixture(SET));
    expect((await resultsOf(ben)).map((x) => Number(x.score))).toEqual([90, 85]);
  });

  it("refuses an unknown lineItem, class and student with file, line and column, and writes nothing", async () => {
    const badResult = changed("results.csv", "apx-r-4,active,2025-10-03T12:00:00.000Z,apx-li-1,u-s4,", "apx-r-4,active,2025-10-03T12:00:00.000Z,apx-li-9,u-s9,");
    const text = fs
      .readFileSync(path.join(badResult, "results.csv"), "utf8")
      .replace("apx-r-1,active,2025-10-02T17:00:00.000Z,apx-li-1,apx-u-2002,", "apx-r-1,active,2025-10-02T17:00:00.000Z,apx-li-1,u-s9,");
    fs.writeFileSync(path.join(badResult, "results.csv"), text);
    const r = await runImport(null, "gradebook", badResult);
    expect(r.status).toBe("failed");
    // Rows are read first (an unknown lineItem), then matched (an unknown student).
    expect(r.errors).toEqual([
      expect.objectContaining({
        file: "results.csv",
        line: 5,
        column: "lineItemSourcedId",
        value: "apx-li-9",
        message: 'Unknown lineItemSourcedId: no lineItems.csv row has sourcedId "apx-li-9"',
      }),
      expect.objectContaining({
        file: "results.csv",
        line: 2,
        column: "studentSourcedId",
        value: "u-s9",
        message: expect.stringMatching(/Unknown studentSourcedId: no users.csv row or student in CreditTrack/),
      }),
    ]);
    expect(await db().assessmentResult.count()).toBe(3);
    const unknownClass = await runImport(null, "gradebook", changed("lineItems.csv", "2025-10-13,apx-cl-77,apx-cat-q", "2025-10-13,apx-cl-99,apx-cat-q"));
    expect(unknownClass.errors).toEqual([
      expect.objectContaining({
        file: "lineItems.csv",
        line: 3,
        column: "classSourcedId",
        value: "apx-cl-99",
        message: 'Unknown classSourcedId: no classes.csv row has sourcedId "apx-cl-99"',
      }),
    ]);
    // With --partial the other results are written; the refused lineItem's result is not.
    const partial = await runImport(null, "gradebook", changed("lineItems.csv", "2025-10-13,apx-cl-77,apx-cat-q", "2025-10-13,apx-cl-99,apx-cat-q"), { partial: true });
    expect(partial.status).toBe("partial");
    expect(partial.counts.results).toMatchObject({ unchanged: 2 });
  });

  it("refuses a class whose code is not in the catalog, a title that names no assessment, and a score off the scale", async () => {
    const noCourse = await runImport(null, "gradebook", changed("courses.csv", ",ALG1-CR,", ",ALG2-CR,"));
    expect(noCourse.errors).toEqual([
      expect.objectContaining({
        file: "lineItems.csv",
        column: "classSourcedId",
        value: "apx-cl-77",
        message: expect.stringContaining('has "ALG2-CR" or "ALG1-CR-LHS": provider APEX has no such course'),
      }),
      expect.objectContaining({ file: "lineItems.csv", column: "classSourcedId" }),
    ]);
    const noTitle = await runImport(null, "gradebook", changed("lineItems.csv", ",Unit 1 Quiz,", ",Unit 1 Test,"));
    // Once on the lineItem, not once per result.
    expect(noTitle.errors).toEqual([
      expect.objectContaining({
        file: "lineItems.csv",
        line: 2,
        column: "title",
        value: "Unit 1 Test",
        message: expect.stringContaining("has no assessment with this position or title"),
      }),
    ]);
    const offScale = await runImport(null, "gradebook", changed("results.csv", "apx-u-2002,fully graded,45,", "apx-u-2002,fully graded,55,"));
    expect(offScale.errors).toEqual([expect.objectContaining({ file: "results.csv", line: 2, column: "score", value: "55" })]);
    expect(await db().assessmentResult.count()).toBe(3);
  });

  it("is strict on fully graded results and on scoreStatus, lenient on rows only read", async () => {
    const r = await runImport(null, "gradebook", changed("results.csv", "apx-u-2002,fully graded,45,2025-10-02,", "apx-u-2002,fully graded,,10/2/2025,"));
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [2, "score"],
      [2, "scoreDate"],
    ]);
    const status = await runImport(null, "gradebook", changed("results.csv", ",exempt,", ",excused,"));
    expect(status.errors).toEqual([expect.objectContaining({ line: 6, column: "scoreStatus", value: "excused" })]);
    // A bad weight in categories.csv and a score scale without a title are warnings, not errors.
    const set = copySet(SET, {
      "categories.csv": read("categories.csv").replace("Quizzes,50", "Quizzes,half"),
      "scoreScales.csv": read("scoreScales.csv").replace("Percent to letter", ""),
    });
    const lenient = await runImport(null, "gradebook", set);
    expect(lenient.errors).toEqual([]);
    expect(lenient.warnings.map((w) => [w.file, w.column])).toEqual(
      expect.arrayContaining([
        ["categories.csv", "weight"],
        ["scoreScales.csv", "title"],
      ]),
    );
  });

  it("refuses a second result with one sourcedId, naming its line; a second lineItem row is a warning", async () => {
    const results = read("results.csv");
    const second = results.split(/\r?\n/)[2]!; // apx-r-2's row
    const set = copySet(SET, {
      "results.csv": `${results.trimEnd()}\r\n${second}\r\n`,
      "lineItems.csv": `${read("lineItems.csv").trimEnd()}\r\n${read("lineItems.csv").split(/\r?\n/)[1]!}\r\n`, // apx-li-1's row again
    });
    const r = await runImport(null, "gradebook", set, { dryRun: true });
    const lines = results.trimEnd().split(/\r?\n/).length;
    expect(r.errors).toEqual([
      expect.objectContaining({ file: "results.csv", line: lines + 1, column: "sourcedId", value: "apx-r-2", message: "Duplicate sourcedId in this file" }),
    ]);
    expect(r.warnings).toContainEqual(
      expect.objectContaining({ file: "lineItems.csv", column: "sourcedId", value: "apx-li-1", message: expect.stringMatching(/Duplicate sourcedId/) }),
    );
  });

  it("refuses a set without lineItems.csv, and a manifest naming a provider not in the catalog", async () => {
    const dir = copySet(SET);
    fs.rmSync(path.join(dir, "lineItems.csv"));
    const r = await runImport(null, "gradebook", dir);
    expect(r.errors[0]!.message).toMatch(/Not a OneRoster gradebook set: lineItems.csv is missing/);
    const other = await runImport(null, "gradebook", changed("manifest.csv", "source.systemCode,APEX", "source.systemCode,EDGENUITY"));
    expect(other.errors).toEqual([expect.objectContaining({ file: "manifest.csv", column: "value", value: "EDGENUITY" })]);
  });

  it("finds the provider from the catalog when the manifest does not name it", async () => {
    const r = await runImport(null, "gradebook", changed("manifest.csv", "source.systemCode,APEX\r\n", ""));
    expect(r.errors).toEqual([]);
    expect(r.counts.results).toMatchObject({ unchanged: 3 });
  });

  it("refuses the set when an enrollment it writes changed while the set was read, naming the result's student", async () => {
    const source = await openSource(changed("results.csv", "apx-u-2002,Fully Graded,85,", "apx-u-2002,Fully Graded,70,"));
    const run = await db().importRun.create({ data: { kind: "gradebook", fileName: source.name, checksum: source.checksum, status: "running" } });
    const ctx = { viewer: null, source, opts: {}, runId: run.id };
    const read = await readGradebookSet(ctx);
    expect(read.report.errors).toEqual([]);
    // A counselor records something on Ben's enrollment in between (every write bumps its version).
    await db().enrollment.update({ where: { id: ben }, data: { version: { increment: 1 } } });
    const e = await writeGradebook(ctx, read).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(ImportFileError);
    expect((e as ImportFileError).errors).toEqual([
      expect.objectContaining({
        file: "results.csv",
        line: 2,
        column: "studentSourcedId",
        value: "apx-u-2002",
        message: expect.stringContaining("changed while the file was read"),
      }),
    ]);
    expect((await resultsOf(ben)).map((x) => Number(x.score))).toEqual([90, 85]);
    await source.cleanup();
  });
});
