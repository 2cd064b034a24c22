import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeUser, viewerOf } from "@/lib/test/factory";
import { runImport } from "@/lib/imports/run";
import { copySet, fixture } from "@/lib/imports/test-helpers";
import { revertImportRun } from "@/lib/imports/revert";
import { reassignCaseload, reassignStudents } from "@/lib/users/reassign";
import { caseloadFingerprint } from "@/lib/users/caseload-fingerprint";
import { districtDay, formatDay } from "@/lib/calendar";
import fs from "node:fs";
import path from "node:path";

// A counselor an administrator assigns in CreditTrack is kept by the roster (lib/imports/oneroster/plan.ts,
// lib/imports/FORMATS.md "Counseling sections"). The 1.2 fixture's counseling section COUNSEL-RIVERA
// makes Maria Rivera (u-c1, school s1) the counselor of u-s1 and u-s2.

useTestDatabase();
const asOf = new Date("2025-10-01T12:00:00Z");
/** The 1.2 set with Seán Ó Briain (u-c3, his CreditTrack email) as the counseling section's counselor. */
const seanSet = () => {
  const dir = copySet("oneroster-1.2");
  const edit = (f: string, fn: (t: string) => string) => fs.writeFileSync(path.join(dir, f), fn(fs.readFileSync(path.join(dir, f), "utf8")));
  edit("users.csv", (t) => `${t}u-c3,,,true,sobriain,,Seán,Ó Briain,,E904,sobriain@district.example,,,,,,,,,,,s1,\n`);
  edit("roles.csv", (t) => `${t}r9,,,u-c3,primary,counselor,,,s1,\n`);
  edit("enrollments.csv", (t) => t.replace("e4,,,cl-couns1,s1,u-c1,", "e4,,,cl-couns1,s1,u-c3,"));
  return dir;
};
/** The 1.2 set with Ana (u-s1) moved to school s2, whose counseling section names James Okafor (u-c2). */
const anaAtS2Set = () => {
  const dir = copySet("oneroster-1.2");
  const edit = (f: string, fn: (t: string) => string) => fs.writeFileSync(path.join(dir, f), fn(fs.readFileSync(path.join(dir, f), "utf8")));
  edit("users.csv", (t) => t.replace("u-s1,,,true,alopez,,Ana,Lopez,Maria,100001,,,,,09,,,,,,,s1,", "u-s1,,,true,alopez,,Ana,Lopez,Maria,100001,,,,,09,,,,,,,s2,"));
  edit("roles.csv", (t) => t.replace("r4,,,u-s1,primary,student,2025-08-27,,s1,", "r4,,,u-s1,primary,student,2025-08-27,,s2,"));
  edit("classes.csv", (t) => `${t}cl-couns2,,,Counseling - Okafor caseload,,c-couns,COUNSEL-OKAFOR,homeroom,,s2,t1,,,\n`);
  edit(
    "enrollments.csv",
    (t) => `${t.replace(/e5,,,cl-couns1,s1,u-s1,student,false,,\r?\n/, "")}e7,,,cl-couns2,s2,u-c2,administrator,true,,\r\ne8,,,cl-couns2,s2,u-s1,student,false,,\r\n`,
  );
  return dir;
};
const KEEPS = /keeps? the counselor assigned in CreditTrack/;
const counselorOf = async (sid: string) =>
  await db().student.findUniqueOrThrow({ where: { sourcedId: sid }, select: { counselorId: true, counselorPinnedAt: true, counselorPinnedById: true } });

describe("a counselor assigned in CreditTrack survives a roster import", () => {
  it("keeps the administrator's move, with one counted warning in the preview, until the file names the same counselor", async () => {
    const admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
    expect((await runImport(admin, "oneroster", fixture("oneroster-1.2"), { asOf })).errors).toEqual([]);
    const rivera = await db().user.findUniqueOrThrow({ where: { sourcedId: "u-c1" } });
    const sean = await makeUser("COUNSELOR", rivera.schoolId, { name: "Seán Ó Briain", email: "sobriain@district.example" });
    const caseload = await db().student.findMany({ where: { counselorId: rivera.id }, select: { id: true, version: true } });
    expect(caseload).toHaveLength(2);
    await reassignCaseload(admin, { fromId: rivera.id, toId: sean.id, scope: "all", expected: 2, listed: caseloadFingerprint(caseload), students: [], confirmed: "yes" });
    expect(await counselorOf("u-s1")).toEqual({ counselorId: sean.id, counselorPinnedAt: expect.any(Date), counselorPinnedById: admin.id });

    // The same roster again: the preview says so once, counted, with the first student (the
    // day in words, as every page writes it); the run leaves them with Seán.
    const on = formatDay(districtDay());
    const preview = await runImport(admin, "oneroster", fixture("oneroster-1.2"), { asOf, dryRun: true });
    const kept = preview.warnings.filter((w) => KEEPS.test(w.message));
    expect(kept.map((w) => [w.file, w.line, w.message])).toEqual([
      [
        "users.csv",
        5,
        `2 students keep the counselor assigned in CreditTrack; the file names another (first at line 5: student u-s1 keeps Seán Ó Briain, assigned ${on}; the file names Maria Rivera)`,
      ],
    ]);
    expect(preview.counts.students).toMatchObject({ updated: 0 });
    expect(preview.warnings.some((w) => /move to another counselor/.test(w.message))).toBe(false);
    const again = await runImport(admin, "oneroster", fixture("oneroster-1.2"), { asOf });
    expect(again.errors).toEqual([]);
    expect(again.warnings.filter((w) => KEEPS.test(w.message))).toHaveLength(1);
    expect((await counselorOf("u-s1")).counselorId).toBe(sean.id);
    expect((await counselorOf("u-s2")).counselorId).toBe(sean.id);

    // The SIS catches up (its counseling section names Seán): the hold ends, nothing else changes.
    const caughtUp = await runImport(admin, "oneroster", seanSet(), { asOf });
    expect(caughtUp.errors).toEqual([]);
    expect(caughtUp.warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/^2 students' counselors assigned in CreditTrack now match the file/));
    expect(await counselorOf("u-s1")).toEqual({ counselorId: sean.id, counselorPinnedAt: null, counselorPinnedById: null });
    expect(await db().user.findUniqueOrThrow({ where: { id: sean.id } })).toMatchObject({ sourcedId: "u-c3" });

    // Reverting that run puts the hold back (the capture triggers copy the whole row).
    expect(await revertImportRun(admin, caughtUp.runId, { reason: "test" })).toMatchObject({ ok: true });
    expect((await counselorOf("u-s1")).counselorPinnedById).toBe(admin.id);
    expect(await runImport(admin, "oneroster", seanSet(), { asOf })).toMatchObject({ errors: [] });

    // From now on the roster decides again, and its preview counts the moves it makes.
    const back = await runImport(admin, "oneroster", fixture("oneroster-1.2"), { asOf, dryRun: true });
    expect(back.warnings.map((w) => w.message)).toContainEqual("2 students move to another counselor, as the counseling sections say (first at line 5)");
    await runImport(admin, "oneroster", fixture("oneroster-1.2"), { asOf });
    expect((await counselorOf("u-s2")).counselorId).toBe(rivera.id);
  });

  it("the bulk move of ticked students pins them too", async () => {
    const admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
    const rivera = await db().user.findUniqueOrThrow({ where: { sourcedId: "u-c1" } });
    const sean = await db().user.findUniqueOrThrow({ where: { sourcedId: "u-c3" } });
    const ana = await db().student.findUniqueOrThrow({ where: { sourcedId: "u-s1" } });
    expect(ana).toMatchObject({ counselorId: rivera.id, counselorPinnedAt: null });
    await reassignStudents(admin, { toId: sean.id, students: [{ id: ana.id, version: ana.version }] });
    expect(await counselorOf("u-s1")).toEqual({ counselorId: sean.id, counselorPinnedAt: expect.any(Date), counselorPinnedById: admin.id });
    const r = await runImport(admin, "oneroster", fixture("oneroster-1.2"), { asOf });
    expect(r.warnings.filter((w) => KEEPS.test(w.message)).map((w) => [w.line, w.message.slice(0, 20)])).toEqual([[5, "1 student keeps the "]]);
    expect((await counselorOf("u-s1")).counselorId).toBe(sean.id);
  });

  it("lets go of a counselor at another school than the one the file puts the student in", async () => {
    const admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
    const sean = await db().user.findUniqueOrThrow({ where: { sourcedId: "u-c3" } });
    const okafor = await db().user.findUniqueOrThrow({ where: { sourcedId: "u-c2" } });
    expect(await counselorOf("u-s1")).toMatchObject({ counselorId: sean.id, counselorPinnedAt: expect.any(Date) });
    // Ana moves to s2, whose counseling section names Okafor: Seán (s1) cannot hold her there.
    const r = await runImport(admin, "oneroster", anaAtS2Set(), { asOf, full: true });
    expect(r.errors).toEqual([]);
    expect(r.warnings.filter((w) => KEEPS.test(w.message))).toEqual([]);
    expect(r.warnings.map((w) => [w.line, w.message])).toContainEqual([
      5,
      "1 student's counselor assigned in CreditTrack no longer works at their school or was deactivated: the file's counselor is taken (first at line 5)",
    ]);
    const ana = await db().student.findUniqueOrThrow({ where: { sourcedId: "u-s1" }, include: { school: { select: { sourcedId: true } } } });
    expect(ana).toMatchObject({ counselorId: okafor.id, counselorPinnedAt: null, counselorPinnedById: null, school: { sourcedId: "s2" } });
  });

  it("lets go of a counselor deactivated by this file or by an administrator; with no counselor in the file, the student stays and it says so", async () => {
    const admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
    const rivera = await db().user.findUniqueOrThrow({ where: { sourcedId: "u-c1" } });
    const sean = await db().user.findUniqueOrThrow({ where: { sourcedId: "u-c3" } });
    const pinTo = async (sid: string, toId: string) => {
      const s = await db().student.findUniqueOrThrow({ where: { sourcedId: sid } });
      await reassignStudents(admin, { toId, students: [{ id: s.id, version: s.version }] });
      expect(await counselorOf(sid)).toMatchObject({ counselorId: toId, counselorPinnedById: admin.id });
    };
    const LAPSED = /no longer works at their school or was deactivated: the file's counselor is taken/;

    // Seán is `tobedeleted` in the same file that names Rivera for Ben.
    await pinTo("u-s2", sean.id);
    const gone = seanSet();
    fs.writeFileSync(path.join(gone, "users.csv"), fs.readFileSync(path.join(gone, "users.csv"), "utf8").replace("u-c3,,,true,", "u-c3,tobedeleted,,true,"));
    fs.writeFileSync(path.join(gone, "enrollments.csv"), fs.readFileSync(fixture("oneroster-1.2/enrollments.csv"), "utf8"));
    const r = await runImport(admin, "oneroster", gone, { asOf, full: true });
    expect(r.errors).toEqual([]);
    expect(r.warnings.filter((w) => LAPSED.test(w.message)).map((w) => w.line)).toEqual([6]);
    expect(r.warnings.filter((w) => KEEPS.test(w.message))).toEqual([]);
    expect(await db().user.findUniqueOrThrow({ where: { id: sean.id } })).toMatchObject({ active: false });
    expect(await counselorOf("u-s2")).toEqual({ counselorId: rivera.id, counselorPinnedAt: null, counselorPinnedById: null });

    // An administrator deactivates the counselor they had put Ben with.
    const price = await makeUser("COUNSELOR", rivera.schoolId, { name: "Dana Price" });
    await pinTo("u-s2", price.id);
    await db().user.update({ where: { id: price.id }, data: { active: false, deactivatedAt: new Date() } });
    const r2 = await runImport(admin, "oneroster", fixture("oneroster-1.2"), { asOf, full: true });
    expect(r2.warnings.filter((w) => LAPSED.test(w.message)).map((w) => w.line)).toEqual([6]);
    expect(await counselorOf("u-s2")).toEqual({ counselorId: rivera.id, counselorPinnedAt: null, counselorPinnedById: null });

    // The file names no counselor for Ben: nobody to take him, so he stays, and every run says so.
    await db().user.update({ where: { id: price.id }, data: { active: true, deactivatedAt: null } });
    await pinTo("u-s2", price.id);
    await db().user.update({ where: { id: price.id }, data: { active: false, deactivatedAt: new Date() } });
    const none = copySet("oneroster-1.2");
    fs.writeFileSync(path.join(none, "enrollments.csv"), fs.readFileSync(path.join(none, "enrollments.csv"), "utf8").replace(/e6,,,cl-couns1,s1,u-s2,student,false,,\r?\n/, ""));
    const r3 = await runImport(admin, "oneroster", none, { asOf, full: true });
    expect(r3.errors).toEqual([]);
    expect(r3.warnings.map((w) => [w.line, w.message])).toContainEqual([
      6,
      "1 student's counselor assigned in CreditTrack no longer works at their school or was deactivated, and the file names none: reassign the student on the Staff page (first at line 6)",
    ]);
    expect(await counselorOf("u-s2")).toMatchObject({ counselorId: price.id, counselorPinnedById: admin.id });
  });
});
