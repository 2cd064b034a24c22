import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { runImport } from "@/lib/imports/run";
import { fixture } from "@/lib/imports/test-helpers";
import { landingTick } from "@/lib/imports/landing/tick";
import { deleteExpired } from "@/lib/imports/landing/files";
import { staleFeeds, staleText } from "@/lib/imports/staleness";
import { revertImportRun } from "@/lib/imports/revert";
import { tempDir } from "@/lib/test/temp-dir";

// The landing folder's tick (issue #15) against a real database and a real folder.

useTestDatabase();
let folder = "";
let enrollmentId = "";
const tick = () => landingTick({ folder, settleMs: 50 });
const inFolder = (sub: string) => (fs.existsSync(path.join(folder, sub)) ? fs.readdirSync(path.join(folder, sub)).sort() : []);
const report = (sub: string, name: string) => JSON.parse(fs.readFileSync(path.join(folder, sub, name), "utf8"));

beforeAll(async () => {
  folder = tempDir("ct-landing-");
  const provider = await db().provider.create({ data: { code: "APEX", name: "Apex Learning" } });
  await db().onlineCourse.create({
    data: {
      providerId: provider.id,
      providerCourseCode: "ALG1-CR",
      title: "Algebra I (Credit Recovery)",
      subjectArea: "MATHEMATICS",
      programType: "CREDIT_RECOVERY",
      credits: 1,
      masteryThreshold: 70,
      expectedWeeks: 12,
      assessments: {
        create: [
          { position: 1, title: "Unit 1 Quiz", kind: "FORMATIVE", weight: 25, maxScore: 100 },
          { position: 2, title: "Unit 2 Quiz", kind: "FORMATIVE", weight: 25, maxScore: 100 },
          { position: 3, title: "Final Exam", kind: "SUMMATIVE", weight: 50, maxScore: 100 },
        ],
      },
    },
  });
});

describe("landing folder tick", () => {
  it("imports a dropped OneRoster folder and files it under processed/ with its report", async () => {
    fs.cpSync(fixture("oneroster-1.1"), path.join(folder, "roster"), { recursive: true });
    const [o] = await tick();
    expect(o).toMatchObject({ file: "roster", status: "imported", kind: "oneroster" });
    expect(inFolder("")).toEqual(["processed"]);
    const [filed, rep] = inFolder("processed");
    expect(filed).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ_roster$/);
    expect(rep).toBe(`${filed}.report.json`);
    expect(report("processed", rep!)).toMatchObject({ file: "roster", status: "imported", kind: "oneroster", report: { status: "succeeded" } });
    const run = await db().importRun.findUniqueOrThrow({ where: { id: o!.runId! } });
    expect(run).toMatchObject({ kind: "oneroster", source: "landing", userId: null, status: "succeeded" });
    expect(await db().student.count({ where: { sisId: "100002" } })).toBe(1);
  });

  it("imports a dropped provider progress file and records when each touched enrollment's data is as of", async () => {
    const ben = await db().student.findUniqueOrThrow({ where: { sisId: "100002" } });
    const course = await db().onlineCourse.findFirstOrThrow();
    enrollmentId = (await db().enrollment.create({ data: { studentId: ben.id, courseId: course.id, startDate: new Date("2025-09-29"), targetDate: new Date("2025-12-22") } })).id;
    const before = new Date();
    fs.copyFileSync(fixture("progress/progress.csv"), path.join(folder, "apex-gradebook.csv"));
    const [o] = await tick();
    expect(o).toMatchObject({ file: "apex-gradebook.csv", status: "imported", kind: "progress" });
    const e = await db().enrollment.findUniqueOrThrow({ where: { id: enrollmentId } });
    expect(e.dataAsOf!.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect((await db().provider.findFirstOrThrow()).resultsAsOf).toEqual(e.dataAsOf);
    expect(inFolder("processed").filter((n) => n.endsWith("_apex-gradebook.csv"))).toHaveLength(1);
  });

  it("never imports the same file twice: dropped again, it is filed as a duplicate", async () => {
    const runs = await db().importRun.count();
    fs.copyFileSync(fixture("progress/progress.csv"), path.join(folder, "apex-again.csv"));
    const [o] = await tick();
    expect(o).toMatchObject({ file: "apex-again.csv", status: "duplicate" });
    expect(o!.reason).toMatch(/Already imported from the landing folder/);
    expect(await db().importRun.count()).toBe(runs);
    expect(inFolder("processed").filter((n) => /_apex-again\.csv(\.report\.json)?$/.test(n))).toHaveLength(2);
  });

  it("imports a file again once its earlier run was reverted", async () => {
    const earlier = await db().landingFile.findFirstOrThrow({ where: { fileName: "apex-gradebook.csv", status: "imported" } });
    expect(await revertImportRun(null, earlier.runId!)).toMatchObject({ ok: true });
    expect(await db().assessmentResult.count({ where: { enrollmentId } })).toBe(0);
    fs.copyFileSync(fixture("progress/progress.csv"), path.join(folder, "apex-after-revert.csv"));
    const [o] = await tick();
    expect(o).toMatchObject({ file: "apex-after-revert.csv", status: "imported", kind: "progress" });
    expect(await db().assessmentResult.count({ where: { enrollmentId } })).toBe(4);
  });

  it("files an unknown file under failed/ with the reason, in its report and the log", async () => {
    fs.writeFileSync(path.join(folder, "lunch-menu.csv"), "day,meal\nMonday,pizza\n");
    const [o] = await tick();
    expect(o).toMatchObject({ file: "lunch-menu.csv", status: "failed" });
    const rep = inFolder("failed").find((n) => n.endsWith("_lunch-menu.csv.report.json"))!;
    expect(report("failed", rep).reason).toMatch(/Not a file CreditTrack knows: its header \(day, meal\)/);
    expect(await db().landingFile.findFirst({ where: { fileName: "lunch-menu.csv" } })).toMatchObject({ status: "failed", runId: null });
  });

  it("files a file the import refuses under failed/ with the run's errors", async () => {
    fs.writeFileSync(path.join(folder, "bad.csv"), "provider,student_id,course_code,enrollment_id,assessment,score,max_score,date\nAPEX,999999,ALG1-CR,,1,40,50,2025-10-02\n");
    const [o] = await tick();
    expect(o).toMatchObject({ file: "bad.csv", status: "failed", kind: "progress" });
    expect(o!.reason).toMatch(/The import refused the file \(1 error; nothing was written\)/);
    expect(await db().importRun.findUniqueOrThrow({ where: { id: o!.runId! } })).toMatchObject({ status: "failed", source: "landing" });
  });

  it("leaves a file that grows between the two looks for the next tick", async () => {
    const p = path.join(folder, "growing.csv");
    fs.writeFileSync(p, "provider,student_id,course_code,enrollment_id,assessment,score,max_score,date,attempt,course_status,final_grade\n");
    // The writer appends after the first look, while the tick waits for the second.
    const outcomes = await landingTick({ folder, settleMs: 50, betweenLooks: () => fs.appendFileSync(p, "APEX,100002,ALG1-CR,APX-7781,1,45,50,2025-10-02,1,,\n") });
    expect(outcomes).toEqual([{ file: "growing.csv", status: "unsettled" }]);
    expect(fs.existsSync(p)).toBe(true);
    const [next] = await tick();
    expect(next).toMatchObject({ file: "growing.csv", status: "imported" });
  });
});

describe("retention", () => {
  it("deletes filed files older than the setting, and only those", async () => {
    const dir = tempDir("ct-retention-");
    const now = new Date("2026-12-01T12:00:00Z");
    const put = (rel: string, daysAgo: number, isDir = false) => {
      const p = path.join(dir, rel);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      if (isDir) fs.mkdirSync(p);
      else fs.writeFileSync(p, "x");
      const t = new Date(now.getTime() - daysAgo * 86_400_000);
      fs.utimesSync(p, t, t);
    };
    put("processed/old.csv", 31);
    put("processed/old.csv.report.json", 31);
    put("processed/old-roster", 40, true);
    put("processed/new.csv", 29);
    put("failed/old.csv", 30.5);
    put("failed/new.csv", 1);
    put("waiting.csv", 100);
    expect((await deleteExpired(dir, 30, now)).sort()).toEqual(["failed/old.csv", "processed/old-roster", "processed/old.csv", "processed/old.csv.report.json"]);
    expect(fs.readdirSync(path.join(dir, "processed"))).toEqual(["new.csv"]);
    expect(fs.readdirSync(path.join(dir, "failed"))).toEqual(["new.csv"]);
    expect(fs.existsSync(path.join(dir, "waiting.csv"))).toBe(true);
  });
});

describe("staleness", () => {
  it("names a provider and the roster whose last import is older than the setting", async () => {
    const now = new Date();
    const days = (n: number) => new Date(now.getTime() - n * 86_400_000 - 60_000);
    await db().provider.updateMany({ data: { resultsAsOf: days(4) } });
    await db().provider.create({ data: { code: "EDG", name: "Edgenuity", resultsAsOf: days(1) } });
    await db().provider.create({ data: { code: "NEVER", name: "Never Imported" } });
    let r = await staleFeeds(now);
    expect(r.thresholdDays).toBe(3);
    expect(r.stale.map(staleText)).toEqual(["Apex Learning results last arrived more than 4 days ago (expected within 3 days)"]);
    // A roster that last arrived 5 days ago; a preview since does not count.
    await db().importRun.updateMany({ where: { kind: "oneroster" }, data: { finishedAt: days(5) } });
    await runImport(null, "oneroster", fixture("oneroster-1.1"), { dryRun: true });
    await db().districtSettings.upsert({ where: { id: 1 }, create: { id: 1, staleAfterDays: 2 }, update: { staleAfterDays: 2 } });
    r = await staleFeeds(now);
    expect(r.stale.map(staleText)).toEqual([
      "The roster last arrived more than 5 days ago (expected within 2 days)",
      "Apex Learning results last arrived more than 4 days ago (expected within 2 days)",
    ]);
  });
});

describe("landing folder: one look at a time, no links, no half-written names, no second import", () => {
  const fresh = () => tempDir("ct-landing-review-");
  const catalogCsv = fixture("catalog/catalog.csv");

  it("takes a file once when two looks run at the same time", async () => {
    const dir = fresh();
    fs.copyFileSync(catalogCsv, path.join(dir, "catalog.csv"));
    const [a, b] = await Promise.all([landingTick({ folder: dir, settleMs: 50 }), landingTick({ folder: dir, settleMs: 50 })]);
    const taken = [...a, ...b].filter((o) => o.file === "catalog.csv");
    expect(taken).toHaveLength(1);
    expect(taken[0]!.status).toBe("imported");
  });

  it("files a symbolic link under failed/ without following it, and skips names uploads write under", async () => {
    const dir = fresh();
    fs.symlinkSync(catalogCsv, path.join(dir, "linked.csv"));
    fs.copyFileSync(catalogCsv, path.join(dir, "catalog.csv.filepart"));
    const out = await landingTick({ folder: dir, settleMs: 50 });
    expect(out).toEqual([expect.objectContaining({ file: "linked.csv", status: "failed", reason: expect.stringMatching(/symbolic link/) })]);
    expect(fs.existsSync(catalogCsv)).toBe(true);
    expect(fs.existsSync(path.join(dir, "catalog.csv.filepart"))).toBe(true);
  });

  it("does not import again a file whose import committed but which was never filed", async () => {
    const dir = fresh();
    // Another file than the one imported above (one more line end): only the ImportRun knows it.
    fs.writeFileSync(path.join(dir, "again.csv"), fs.readFileSync(catalogCsv, "utf8") + "\n");
    const { sha256File } = await import("@/lib/imports/source");
    await db().importRun.create({
      data: { kind: "catalog", fileName: "again.csv", checksum: await sha256File(path.join(dir, "again.csv")), status: "succeeded", source: "landing", finishedAt: new Date() },
    });
    const [o] = await landingTick({ folder: dir, settleMs: 50 });
    expect(o).toMatchObject({ file: "again.csv", status: "duplicate", reason: expect.stringMatching(/was not filed then/) });
  });

  it("refuses a landing folder that leads out of IMPORT_LANDING_ROOT through a link", async () => {
    const { landingFolderProblem } = await import("@/lib/imports/landing/settings");
    const root = fresh();
    const outside = fresh();
    fs.symlinkSync(outside, path.join(root, "drop"));
    const before = process.env.IMPORT_LANDING_ROOT;
    process.env.IMPORT_LANDING_ROOT = root;
    try {
      expect(await landingFolderProblem(path.join(root, "drop"))).toMatch(/must be inside .*leads to/);
      fs.mkdirSync(path.join(root, "real"));
      expect(await landingFolderProblem(path.join(root, "real"))).toBeNull();
    } finally {
      if (before === undefined) delete process.env.IMPORT_LANDING_ROOT;
      else process.env.IMPORT_LANDING_ROOT = before;
    }
  });
});
