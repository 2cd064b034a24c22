import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { makeUser, viewerOf } from "@/lib/test/factory";
import { enrollIn, rosterAndAlgebraCourse } from "@/lib/imports/test-course";
import { db } from "@/lib/db";
import { runImport } from "@/lib/imports/run";
import { copySet, fixture, writeTemp } from "@/lib/imports/test-helpers";
import { purgeImportChanges, revertImportRun, runChanges } from "@/lib/imports/revert";
import { ForbiddenError, type Viewer } from "@/lib/access";

// Reverting an import run (issue #15): what a run changed is recorded by the capture triggers, and
// an administrator can put back its creations and updates when nothing written later depends on them.

useTestDatabase();
const HEADER = "provider,student_id,course_code,enrollment_id,assessment,score,max_score,date,attempt,course_status,final_grade\n";
let enrollmentId = "";
let admin: Viewer;

const enrollment = () => db().enrollment.findUniqueOrThrow({ where: { id: enrollmentId }, include: { results: true, awardedCredit: true } });
/** The enrollment's columns that a revert puts back (all but updatedAt, and version: bumped, never back). */
const state = async () => {
  const { updatedAt: _u, version: _v, results, awardedCredit, ...e } = await enrollment();
  return { ...e, results: results.map((r) => `${r.assessmentId}:${r.attempt}:${r.score}`).sort(), credit: awardedCredit?.id ?? null };
};

beforeAll(async () => {
  const { courseId } = await rosterAndAlgebraCourse();
  enrollmentId = await enrollIn(courseId, "100002");
  admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
});

describe("what a run changed", () => {
  it("records each row a progress import inserts and updates, and nothing a preview reads", async () => {
    const preview = await runImport(null, "progress", fixture("progress/progress.csv"), { dryRun: true });
    expect(await runChanges(preview.runId)).toEqual([]);
    const before = await state();
    const run = await runImport(null, "progress", fixture("progress/progress.csv"));
    expect(run.status).toBe("succeeded");
    const changes = await runChanges(run.runId);
    expect(changes).toEqual(
      expect.arrayContaining([
        { table: "AssessmentResult", inserted: 4, updated: 0, deleted: 0 },
        { table: "Enrollment", inserted: 0, updated: 1, deleted: 0 },
        { table: "TranscriptCourse", inserted: 1, updated: 0, deleted: 0 },
      ]),
    );
    // Reverting puts the enrollment back exactly: no results, no credit, ACTIVE, its old version.
    const check = await revertImportRun(admin, run.runId, { dryRun: true });
    expect(check).toMatchObject({ ok: true, dryRun: true, counts: { AssessmentResult: { deleted: 4 }, TranscriptCourse: { deleted: 1 }, Enrollment: { restored: 1 } } });
    expect((await enrollment()).status).toBe("COMPLETED"); // the check wrote nothing
    const done = await revertImportRun(admin, run.runId, { reason: "wrong file" });
    expect(done).toMatchObject({ ok: true, dryRun: false });
    expect(await state()).toEqual(before);
    const r = await db().importRun.findUniqueOrThrow({ where: { id: run.runId } });
    expect(r.revertedAt).not.toBeNull();
    expect(r.revertedById).toBe(admin.id);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "import.revert", entityId: run.runId } });
    expect(audit.details).toMatchObject({ reason: "wrong file", kind: "progress" });
    // Once is enough; the same file imports again afterwards (no "already imported" shortcut).
    expect(await revertImportRun(admin, run.runId)).toMatchObject({ ok: false, message: "This run was already reverted." });
    const again = await runImport(null, "progress", fixture("progress/progress.csv"));
    expect(again.counts.results).toMatchObject({ created: 4 });
    expect((await enrollment()).status).toBe("COMPLETED");
    expect(await revertImportRun(admin, again.runId)).toMatchObject({ ok: true });
    expect(await state()).toEqual(before);
  });

  it("refuses a run whose rows were changed later, naming the later import; reverting newest first works", async () => {
    const before = await state();
    const first = await runImport(null, "progress", writeTemp("p1.csv", HEADER + "APEX,100002,ALG1-CR,APX-7781,1,80,100,2025-10-02,1,,\n"));
    const afterFirst = await state();
    const second = await runImport(null, "progress", writeTemp("p2.csv", HEADER + "APEX,100002,ALG1-CR,APX-7781,2,90,100,2025-10-09,1,,\n"));
    const refused = await revertImportRun(admin, first.runId);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.problems[0]).toMatchObject({ table: "Enrollment", row: "enrollment provider:APEX:APX-7781" });
    expect(refused.problems[0]!.message).toMatch(/^also written by the later import p2\.csv \(\d{4}-\d\d-\d\d \d\d:\d\d\), which is not reverted: revert that one first$/);
    expect(refused.message).toMatch(/written again afterwards; revert the later import first/);
    expect(await state()).toEqual(await state()); // nothing written
    expect((await revertImportRun(admin, second.runId)).ok).toBe(true);
    expect(await state()).toEqual(afterFirst);
    expect((await revertImportRun(admin, first.runId)).ok).toBe(true);
    expect(await state()).toEqual(before);
  });

  it("refuses when a person changed a row since, and names no later import", async () => {
    const run = await runImport(null, "progress", writeTemp("p3.csv", HEADER + "APEX,100002,ALG1-CR,APX-7781,1,70,100,2025-10-02,1,,\n"));
    await db().enrollment.update({ where: { id: enrollmentId }, data: { targetDate: new Date("2026-01-15"), version: { increment: 1 } } });
    const refused = await revertImportRun(admin, run.runId);
    expect(refused).toMatchObject({ ok: false, problemTotal: 1, problems: [{ table: "Enrollment", message: "changed since this run (by a person or another process)" }] });
  });

  it("only district administrators revert", async () => {
    const counselor = viewerOf(await makeUser("COUNSELOR", null));
    const run = await db().importRun.findFirstOrThrow({ where: { kind: "progress", revertedAt: null, dryRun: false } });
    await expect(revertImportRun(counselor, run.id)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("later imports depend on earlier ones (review findings)", () => {
  it("refuses to revert a run whose rows a later, unreverted file stated again as unchanged", async () => {
    // A provider's files are cumulative: Tuesday's repeats Monday's result. Reverting Monday would
    // delete a result Tuesday's file (not reverted) still says.
    const line = HEADER + "APEX,100002,ALG1-CR,APX-7781,1,66,100,2025-10-03,5,,\n";
    const monday = await runImport(null, "progress", writeTemp("monday.csv", line));
    const tuesday = await runImport(null, "progress", writeTemp("tuesday.csv", line));
    expect(tuesday.counts.results).toMatchObject({ created: 0, unchanged: 1 });
    const results = (await enrollment()).results.length;
    const refused = await revertImportRun(admin, monday.runId);
    expect(refused).toMatchObject({
      ok: false,
      problems: [{ table: "Enrollment", message: expect.stringMatching(/^also written by the later import tuesday\.csv .*revert that one first$/) }],
    });
    expect((await enrollment()).results.length).toBe(results);
    expect((await revertImportRun(admin, tuesday.runId)).ok).toBe(true);
    expect((await revertImportRun(admin, monday.runId)).ok).toBe(true);
    expect((await enrollment()).results.length).toBe(results - 1);
  });

  it("refuses to revert a progress run once a later activity file touched the enrollment", async () => {
    const H = "provider,student_id,course_code,enrollment_id,session_start,session_end,date,minutes\n";
    const progress = await runImport(null, "progress", writeTemp("p-act.csv", HEADER + "APEX,100002,ALG1-CR,APX-7781,2,77,100,2025-10-20,6,,\n"));
    const activity = await runImport(null, "activity", writeTemp("act.csv", H + "APEX,100002,ALG1-CR,APX-7781,,,2025-10-14,30\n"), { asOf: new Date("2025-10-28T16:00:00Z") });
    expect(activity.errors).toEqual([]);
    const refused = await revertImportRun(admin, progress.runId);
    expect(refused).toMatchObject({ ok: false, problems: [{ message: expect.stringMatching(/^also written by the later import act\.csv/) }] });
    expect((await revertImportRun(admin, activity.runId)).ok).toBe(true);
    expect((await revertImportRun(admin, progress.runId)).ok).toBe(true);
  });

  it("never moves an enrollment's version back: a form opened on the reverted state stays stale", async () => {
    const run = await runImport(null, "progress", writeTemp("aba1.csv", HEADER + "APEX,100002,ALG1-CR,APX-7781,2,91,100,2025-10-21,7,,\n"));
    const opened = (await enrollment()).version; // a counselor's form, opened on the run's state
    expect((await revertImportRun(admin, run.runId)).ok).toBe(true);
    expect((await enrollment()).version).toBe(opened + 1);
    await runImport(null, "progress", writeTemp("aba2.csv", HEADER + "APEX,100002,ALG1-CR,APX-7781,3,40,100,2025-10-22,7,,\n"));
    expect((await enrollment()).version).toBeGreaterThan(opened + 1);
    const [assessment] = await db().courseAssessment.findMany({ where: { position: 2 } });
    const { recordAssessmentResults } = await import("@/lib/enrollments/results");
    await expect(
      recordAssessmentResults(
        admin,
        { enrollmentId, version: opened, results: [{ assessmentId: assessment!.id, score: 10, takenOn: new Date("2025-10-23") }] },
        new Date("2025-10-28T16:00:00Z"),
      ),
    ).rejects.toThrow();
  });

  it("a column added by a later migration is no change: the run still reverts", async () => {
    const run = await runImport(null, "progress", writeTemp("col.csv", HEADER + "APEX,100002,ALG1-CR,APX-7781,1,61,100,2025-10-24,8,,\n"));
    await db().$executeRawUnsafe(`ALTER TABLE "Enrollment" ADD COLUMN "reviewExtra" integer`);
    try {
      expect(await revertImportRun(admin, run.runId, { dryRun: true })).toMatchObject({ ok: true, counts: { Enrollment: { restored: 1 } } });
    } finally {
      await db().$executeRawUnsafe(`ALTER TABLE "Enrollment" DROP COLUMN "reviewExtra"`);
    }
  });
});

describe("reverting a roster", () => {
  it("deletes the students a run created unless a record written since refers to them, and puts back updated names", async () => {
    // The same set, with Ana renamed and a new student, Newt Ortiz (SIS 199999).
    const fs = await import("node:fs");
    const orig = (f: string) =>
      fs
        .readFileSync(fixture(`oneroster-1.1/${f}`), "utf8")
        .trimEnd()
        .replaceAll("\r\n", "\n");
    const set = copySet("oneroster-1.1", {
      "users.csv": orig("users.csv").replace("alopez,{SIS:100001},Ana,", "alopez,{SIS:100001},Anabel,") + "\nu-s9,,,true,s1,student,nortiz,,Newt,Ortiz,,199999,,,,,10,,\n",
      "demographics.csv": orig("demographics.csv") + "\nu-s9,,,2009-05-01,male,false,false,false,false,true,false,false,,,,\n",
    });
    const nameBefore = (await db().student.findUniqueOrThrow({ where: { sisId: "100001" } })).firstName;
    const run = await runImport(null, "oneroster", set, { asOf: new Date("2025-10-01T12:00:00Z") });
    expect(run.errors).toEqual([]);
    const created = await db().student.findUniqueOrThrow({ where: { sisId: "199999" } });
    expect((await db().student.findUniqueOrThrow({ where: { sisId: "100001" } })).firstName).toBe("Anabel");
    const changes = await runChanges(run.runId);
    expect(changes.find((c) => c.table === "Student")).toMatchObject({ inserted: 1, updated: 1 });

    // A counselor's note on the new student is a record written since: the revert would lose it.
    const author = await makeUser("COUNSELOR", null);
    const note = await db().note.create({ data: { studentId: created.id, authorId: author.id, kind: "OTHER", body: "met today" } });
    const refused = await revertImportRun(admin, run.runId);
    expect(refused).toMatchObject({
      ok: false,
      problems: [{ table: "Student", row: "student 199999 (Newt Ortiz)", message: "created by this run; since then 1 of the notes refers to it" }],
    });
    expect(await db().student.count({ where: { sisId: "199999" } })).toBe(1);

    await db().note.delete({ where: { id: note.id } });
    // Someone opened the new student's record: the audit event stays, naming no student (as when a roster deletes one).
    const viewed = await db().auditEvent.create({ data: { userId: author.id, action: "student.read", studentId: created.id } });
    const done = await revertImportRun(admin, run.runId);
    expect(done).toMatchObject({ ok: true, counts: { Student: { deleted: 1, restored: 1 } } });
    expect(await db().student.count({ where: { sisId: "199999" } })).toBe(0);
    expect(await db().auditEvent.findUniqueOrThrow({ where: { id: viewed.id } })).toMatchObject({ action: "student.read", studentId: null });
    expect((await db().student.findUniqueOrThrow({ where: { sisId: "100001" } })).firstName).toBe(nameBefore);
  });
});

describe("what is kept, and for how long", () => {
  it("never records writes made outside an import", async () => {
    const n = await db().importChange.count();
    await db().student.updateMany({ where: { sisId: "100002" }, data: { suspensions: { increment: 1 } } });
    expect(await db().importChange.count()).toBe(n);
  });

  it("deletes a run's changes after the retention days; the run then cannot be reverted", async () => {
    const run = await runImport(null, "progress", writeTemp("p4.csv", HEADER + "APEX,100002,ALG1-CR,APX-7781,2,55,100,2025-10-09,3,,\n"));
    expect(await db().importChange.count({ where: { runId: run.runId } })).toBeGreaterThan(0);
    await purgeImportChanges(30, new Date(Date.now() + 29 * 86_400_000));
    expect(await db().importChange.count({ where: { runId: run.runId } })).toBeGreaterThan(0);
    await purgeImportChanges(30, new Date(Date.now() + 31 * 86_400_000));
    expect(await db().importChange.count({ where: { runId: run.runId } })).toBe(0);
    const refused = await revertImportRun(admin, run.runId);
    expect(refused).toMatchObject({ ok: false });
    if (!refused.ok) expect(refused.message).toMatch(/No changes of this run are kept/);
  });
});
