import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { enrollIn, rosterAndAlgebraCourse } from "@/lib/imports/test-course";
import { db } from "@/lib/db";
import { runImport } from "@/lib/imports/run";
import { detectImportKind } from "@/lib/imports/detect";
import { fixture, writeTemp } from "@/lib/imports/test-helpers";
import { activeTime } from "@/lib/enrollments/activity";

// The activity import (lib/imports/FORMATS.md §3c) on the embedded database. The district's zone is
// the default America/New_York (EDT, −04:00, in October 2026); "today" is pinned to 28 October 2026.

useTestDatabase();
const asOf = new Date("2026-10-28T16:00:00Z");
const day = (d: Date | null | undefined) => d?.toISOString().slice(0, 10) ?? null;
let ben = ""; // 100002, provider enrollment APX-7781
let ana = ""; // 100001
let courseId = "";

beforeAll(async () => {
  courseId = (await rosterAndAlgebraCourse()).courseId;
  ben = await enrollIn(courseId, "100002");
  ana = await enrollIn(courseId, "100001");
  await db().enrollment.update({ where: { id: ben }, data: { sourceKey: "provider:APEX:APX-7781" } });
});

const sessionsOf = (enrollmentId: string) => db().activitySession.findMany({ where: { enrollmentId }, orderBy: { startedAt: "asc" } });

describe("activity import", () => {
  it("records sessions in the district's time zone, moves last activity and the data's date", async () => {
    const r = await runImport(null, "activity", fixture("activity/sessions.csv"), { asOf });
    expect(r.errors).toEqual([]);
    expect(r.status).toBe("succeeded");
    expect(r.counts.sessions).toMatchObject({ created: 4, updated: 0, unchanged: 0 });
    expect(r.counts.enrollments).toMatchObject({ updated: 2 });
    const s = await sessionsOf(ben);
    // 10/13/2026 3:14 PM (EDT) → 19:14 UTC; 23:40 local on the 14th ends after midnight and counts for the 14th.
    expect(s.map((x) => [x.startedAt.toISOString(), day(x.day), x.seconds, x.dayTotal])).toEqual([
      ["2026-10-13T19:14:00.000Z", "2026-10-13", 48 * 60, false],
      ["2026-10-14T13:00:00.000Z", "2026-10-14", 25 * 60 + 30, false],
      ["2026-10-15T03:40:00.000Z", "2026-10-14", 40 * 60, false],
    ]);
    const e = await db().enrollment.findUniqueOrThrow({ where: { id: ben } });
    expect(day(e.lastActivityOn)).toBe("2026-10-14");
    expect(e.version).toBe(2);
    expect(e.dataAsOf).not.toBeNull();
    expect(day((await db().enrollment.findUniqueOrThrow({ where: { id: ana } })).lastActivityOn)).toBe("2026-10-19");
  });

  it("never counts twice: the same file again changes nothing", async () => {
    const r = await runImport(null, "activity", fixture("activity/sessions.csv"), { asOf });
    expect(r.counts.sessions).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect(r.counts.enrollments).toMatchObject({ updated: 0, unchanged: 2 });
    expect(await db().activitySession.count()).toBe(4);
    expect((await db().enrollment.findUniqueOrThrow({ where: { id: ben } })).version).toBe(2);
  });

  it("reads day totals from a Windows-1252 file with upper-case headers; a 0-minute day is no activity", async () => {
    const r = await runImport(null, "activity", fixture("activity/daily-windows-1252.csv"), { asOf });
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => w.value)).toContain("Windows-1252");
    expect(r.counts.sessions).toMatchObject({ created: 3 });
    const totals = (await sessionsOf(ben)).filter((x) => x.dayTotal);
    expect(totals.map((x) => [day(x.day), x.seconds, x.endedAt])).toEqual([
      ["2026-10-16", 65 * 60, null],
      ["2026-10-17", 750, null],
    ]);
    expect(day((await db().enrollment.findUniqueOrThrow({ where: { id: ben } })).lastActivityOn)).toBe("2026-10-17");
    // Ana's day of 0 minutes (the 20th) is stored, but is not activity: her last activity stays the 19th.
    expect(day((await db().enrollment.findUniqueOrThrow({ where: { id: ana } })).lastActivityOn)).toBe("2026-10-19");
  });

  it("replaces a day's minutes when a corrected report comes", async () => {
    const file = writeTemp("usage.csv", "provider,student_id,course_code,date,minutes\nAPEX,100002,ALG1-CR,2026-10-16,70\nAPEX,100002,ALG1-CR,2026-10-17,12.5\n");
    const r = await runImport(null, "activity", file, { asOf });
    expect(r.counts.sessions).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const totals = (await sessionsOf(ben)).filter((x) => x.dayTotal);
    expect(totals.map((x) => x.seconds)).toEqual([70 * 60, 750]);
  });

  it("never moves last activity backwards", async () => {
    await db().enrollment.update({ where: { id: ben }, data: { lastActivityOn: new Date("2026-10-25") } });
    const file = writeTemp("usage.csv", "provider,student_id,course_code,date,minutes\nAPEX,100002,ALG1-CR,2026-10-18,20\n");
    const r = await runImport(null, "activity", file, { asOf });
    expect(r.counts.enrollments).toMatchObject({ updated: 0, unchanged: 1 });
    expect(day((await db().enrollment.findUniqueOrThrow({ where: { id: ben } })).lastActivityOn)).toBe("2026-10-25");
  });

  it("keeps last activity when a later provider progress file or a counselor's result has an older date", async () => {
    // Ben's last activity is the 25th (above). A result dated the 20th, by file, does not pull it back to the 20th.
    const progress = writeTemp(
      "p.csv",
      "provider,student_id,course_code,enrollment_id,assessment,score,max_score,date,attempt,course_status,final_grade\nAPEX,100002,ALG1-CR,APX-7781,1,80,100,2026-10-20,1,,\n",
    );
    await db().activitySession.create({ data: { enrollmentId: ben, startedAt: new Date("2026-10-25T04:00:00Z"), day: new Date("2026-10-25"), seconds: 600, dayTotal: true } });
    expect((await runImport(null, "progress", progress)).errors).toEqual([]);
    expect(day((await db().enrollment.findUniqueOrThrow({ where: { id: ben } })).lastActivityOn)).toBe("2026-10-25");
  });

  it("gives every problem its line, column and value, and writes nothing", async () => {
    const before = await db().activitySession.count();
    const r = await runImport(null, "activity", fixture("activity/errors.csv"), { asOf });
    expect(r.status).toBe("failed");
    // Line order (the file's problems are found in two passes: the values, then what they name).
    const byLine = [...r.errors].sort((a, b) => a.line - b.line || String(a.column).localeCompare(String(b.column)));
    expect(byLine.map((e) => [e.line, e.column, e.value])).toEqual([
      [2, "student_id", "999999"],
      [3, "provider", "NOPE"],
      [4, "course_code", "GEOM-CR"],
      [5, "minutes", "2000"],
      [6, "session_end", "2026-10-13 09:00"],
      [7, "session_end", "2026-10-14 11:00"],
      [8, "session_end", "13/10/2026 15:44"],
      [8, "session_start", "13/10/2026 15:14"],
      [9, "course_code", "ALG1-CR"],
    ]);
    expect(r.errors.find((e) => e.line === 5)!.message).toBe("must be at most 1440 minutes (a day)");
    expect(r.errors.find((e) => e.line === 7)!.message).toMatch(/at most 24 hours/);
    expect(r.errors.find((e) => e.line === 9)!.message).toMatch(/student 100004 has no enrollment in this course/);
    expect(await db().activitySession.count()).toBe(before);
  });

  it("previews a file with errors as would-fail, and writes only the valid rows with --partial", async () => {
    const preview = await runImport(null, "activity", fixture("activity/errors.csv"), { asOf, dryRun: true });
    expect(preview).toMatchObject({ status: "dry-run", wouldFail: true, errorTotal: 9 });
    const partial = await runImport(null, "activity", fixture("activity/errors.csv"), { asOf, partial: true });
    expect(partial.status).toBe("partial");
    expect(partial.counts.sessions).toMatchObject({ created: 1 });
    expect((await sessionsOf(ben)).find((x) => day(x.day) === "2026-10-12")?.seconds).toBe(45 * 60);
  });

  it("records the rows it wrote in ImportChange under the run, so the run can be reverted", async () => {
    const file = writeTemp("usage.csv", "provider,student_id,course_code,session_start,session_end\nAPEX,100001,ALG1-CR,2026-10-26T10:00:00-04:00,2026-10-26T10:45:00-04:00\n");
    const r = await runImport(null, "activity", file, { asOf });
    const changes = await db().importChange.findMany({ where: { runId: r.runId } });
    const inserted = changes.filter((c) => c.table === "ActivitySession" && c.op === "INSERT");
    expect(inserted).toHaveLength(1);
    expect(inserted[0]!.after).toMatchObject({ enrollmentId: ana, seconds: 2700, dayTotal: false });
    expect(changes.some((c) => c.table === "Enrollment" && c.op === "UPDATE")).toBe(true);
  });

  it("refuses a second row for the same session with another length, and a date after today", async () => {
    const file = writeTemp(
      "usage.csv",
      "provider,student_id,course_code,session_start,session_end\n" +
        "APEX,100001,ALG1-CR,2026-10-27 10:00,2026-10-27 10:30\n" +
        "APEX,100001,ALG1-CR,2026-10-27 10:00,2026-10-27 10:40\n" +
        "APEX,100001,ALG1-CR,2026-10-27 10:00,2026-10-27 10:30\n" +
        "APEX,100001,ALG1-CR,2026-10-29 10:00,2026-10-29 10:30\n",
    );
    const r = await runImport(null, "activity", file, { asOf });
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [3, "session_start"],
      [5, "session_start"],
    ]);
    expect(r.errors[0]!.message).toMatch(/on line 2 with another length/);
    expect(r.warnings.some((w) => /1 row repeated a session/.test(w.message))).toBe(true);
  });

  it("matches by the provider's enrollment id alone, and skips activity after an enrollment ended", async () => {
    const byKey = writeTemp("usage.csv", "provider,student_id,enrollment_id,date,minutes\nAPEX,100002,APX-7781,2026-10-19,15\nAPEX,100001,APX-7781,2026-10-19,15\n");
    const r = await runImport(null, "activity", byKey, { asOf, partial: true });
    expect(r.errors.map((e) => [e.line, e.column, e.message])).toEqual([[3, "enrollment_id", "this APEX enrollment id belongs to another student"]]);
    expect(r.counts.sessions).toMatchObject({ created: 1 });

    await db().enrollment.update({ where: { id: ana }, data: { status: "WITHDRAWN", endedOn: new Date("2026-10-26") } });
    const after = writeTemp("usage.csv", "provider,student_id,course_code,date,minutes\nAPEX,100001,ALG1-CR,2026-10-27,30\nAPEX,100001,ALG1-CR,2026-10-26,10\n");
    const s = await runImport(null, "activity", after, { asOf });
    expect(s.counts.sessions).toMatchObject({ created: 1, skipped: 1 });
    expect(s.warnings.map((w) => w.message)).toContain(
      "1 row of activity after the enrollment ended skipped (the first on line 2): time after a course ends is not time on task in it",
    );
  });

  it("refuses a header without a course or without times, naming what is missing", async () => {
    const r = await runImport(null, "activity", writeTemp("usage.csv", "provider,student_id,date\nAPEX,100002,2026-10-19\n"), { asOf });
    expect(r.status).toBe("failed");
    expect(r.errors.map((e) => e.message)).toEqual([
      'The header needs "course_code" (or the provider\'s "enrollment_id")',
      'The header needs "session_start" and "session_end" (sessions), or "date" and "minutes" (a day\'s total)',
    ]);
  });

  it("is recognised by its header in the landing folder", async () => {
    expect(await detectImportKind(fixture("activity/sessions.csv"))).toEqual({ kind: "activity" });
    expect(await detectImportKind(fixture("activity/daily-windows-1252.csv"))).toEqual({ kind: "activity" });
  });

  it("gives total active minutes and minutes per week, a day's total replacing that day's sessions", async () => {
    // Ben: sessions on the 13th (48 min) and 14th (25.5 + 40), day totals on the 12th (45), 16th (70),
    // 17th (12.5), 18th (20), 19th (15) and 25th (10): week of Oct 12 = 261 min, week of Oct 19 = 25.
    const t = await activeTime([ben], { today: new Date("2026-10-28"), weeks: 3 });
    expect(t.get(ben)).toEqual({
      totalMinutes: 286,
      weeks: [
        { weekOf: "2026-10-12", minutes: 261 },
        { weekOf: "2026-10-19", minutes: 25 },
        { weekOf: "2026-10-26", minutes: 0 },
      ],
      lastDay: "2026-10-25",
    });
    const file = writeTemp("usage.csv", "provider,student_id,course_code,date,minutes\nAPEX,100002,ALG1-CR,2026-10-14,30\n");
    await runImport(null, "activity", file, { asOf });
    // The 14th's sessions (65.5 min) give way to the day's total of 30.
    expect((await activeTime([ben], { today: new Date("2026-10-28"), weeks: 3 })).get(ben)!.weeks[0]!.minutes).toBe(226);
  });
});
