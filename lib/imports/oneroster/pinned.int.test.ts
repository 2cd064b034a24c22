import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeUser, viewerOf } from "@/lib/test/factory";
import { runImport } from "@/lib/imports/run";
import { copySet, fixture } from "@/lib/imports/test-helpers";
import { revertImportRun } from "@/lib/imports/revert";
import { reassignCaseload, reassignStudents } from "@/lib/users/reassign";
import { caseloadFingerprint } from "@/lib/users/caseload-fingerprint";
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
const counselorOf = async (sid: string) => (await db().student.findUniqueOrThrow({ where: { sourcedId: sid }, select: { counselorId: true, counselorPinnedAt: true, counselorPinnedById: true } }));

describe("a counselor assigned in CreditTrack survives a roster import", () => {
  it("keeps the administrator's move, with a warning per student in the preview, until the file names the same counselor", async () => {
    const admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
    expect((await runImport(admin, "oneroster", fixture("oneroster-1.2"), { asOf })).errors).toEqual([]);
    const rivera = await db().user.findUniqueOrThrow({ where: { sourcedId: "u-c1" } });
    const sean = await makeUser("COUNSELOR", rivera.schoolId, { name: "Seán Ó Briain", email: "sobriain@district.example" });
    const caseload = await db().student.findMany({ where: { counselorId: rivera.id }, select: { id: true, version: true } });
    expect(caseload).toHaveLength(2);
    await reassignCaseload(admin, { fromId: rivera.id, toId: sean.id, scope: "all", expected: 2, listed: caseloadFingerprint(caseload), students: [], confirmed: "yes" });
    expect(await counselorOf("u-s1")).toEqual({ counselorId: sean.id, counselorPinnedAt: expect.any(Date), counselorPinnedById: admin.id });

    // The same roster again: the preview says so per student; the run leaves them with Seán.
    const preview = await runImport(admin, "oneroster", fixture("oneroster-1.2"), { asOf, dryRun: true });
    const kept = preview.warnings.filter((w) => /keeps counselor/.test(w.message));
    expect(kept.map((w) => [w.file, w.line, w.message])).toEqual([
      ["users.csv", 5, expect.stringMatching(/^student u-s1 keeps counselor Seán Ó Briain, assigned in CreditTrack on \d{4}-\d\d-\d\d; the file names Maria Rivera$/)],
      ["users.csv", 6, expect.stringMatching(/^student u-s2 keeps counselor Seán Ó Briain/)],
    ]);
    expect(preview.counts.students).toMatchObject({ updated: 0 });
    expect(preview.warnings.some((w) => /move to another counselor/.test(w.message))).toBe(false);
    const again = await runImport(admin, "oneroster", fixture("oneroster-1.2"), { asOf });
    expect(again.errors).toEqual([]);
    expect(again.warnings.filter((w) => /keeps counselor/.test(w.message))).toHaveLength(2);
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
    expect(r.warnings.filter((w) => /keeps counselor/.test(w.message)).map((w) => w.line)).toEqual([5]);
    expect((await counselorOf("u-s1")).counselorId).toBe(sean.id);
  });
});
