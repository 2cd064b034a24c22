import fs from "node:fs";
import path from "node:path";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeUser, viewerOf } from "@/lib/test/factory";
import { runImport } from "@/lib/imports/run";
import { fixture } from "@/lib/imports/test-helpers";
import { runValidated } from "@/lib/safe-action";
import { setUserActive } from "@/lib/users/active";
import { setActiveSchema } from "@/lib/users/schema";
import { tempDir } from "@/lib/test/temp-dir";

useTestDatabase();
const asOf = new Date("2025-10-01T12:00:00Z"); // school year 2025-26

async function snapshot() {
  const [schools, users, students] = await Promise.all([
    db().school.findMany({ orderBy: { stateCode: "asc" } }),
    db().user.findMany({ orderBy: { email: "asc" } }),
    db().student.findMany({ orderBy: { sisId: "asc" } }),
  ]);
  return { schools, users, students };
}

describe("OneRoster import", () => {
  it("imports a 1.1 bulk set with a BOM, CRLF, quoted commas and newlines, ISO date-times and extra columns", async () => {
    const admin = await makeUser("DISTRICT_ADMIN", null);
    const r = await runImport(viewerOf(admin), "oneroster", fixture("oneroster-1.1"), { asOf });
    expect(r.errors).toEqual([]);
    expect(r.status).toBe("succeeded");
    expect(r.counts.schools).toMatchObject({ created: 2 });
    expect(r.counts.otherOrgs.skipped).toBe(1);
    expect(r.counts.counselors).toMatchObject({ created: 2 });
    expect(r.counts.students).toMatchObject({ created: 4, skipped: 1 });

    const s2 = await db().school.findUniqueOrThrow({ where: { sourcedId: "s2" } });
    expect(s2).toMatchObject({ name: 'Washington "North" Academy, Grades 9-12', stateCode: "01230510" });
    const rivera = await db().user.findUniqueOrThrow({ where: { sourcedId: "u-c1" } });
    expect(rivera).toMatchObject({ role: "COUNSELOR", email: "mrivera@district.example", name: "Maria Rivera" });

    const ana = await db().student.findUniqueOrThrow({ where: { sourcedId: "u-s1" } });
    // Hispanic overrides race; 9th grader in 2025-26 is class of 2029; counseling section → counselor.
    expect(ana).toMatchObject({
      sisId: "100001",
      middleName: "Maria",
      gradeLevel: 9,
      cohortYear: 2029,
      raceEthnicity: "HISPANIC_LATINO",
      gender: "FEMALE",
      counselorId: rivera.id,
    });
    expect(ana.birthDate.toISOString().slice(0, 10)).toBe("2010-03-04");
    const ben = await db().student.findUniqueOrThrow({ where: { sourcedId: "u-s2" } });
    expect(ben).toMatchObject({ lastName: "Kim, Jr.", raceEthnicity: "TWO_OR_MORE", gender: "MALE", cohortYear: 2028, counselorId: rivera.id });
    expect(ben.birthDate.toISOString().slice(0, 10)).toBe("2009-11-20");
    expect(await db().student.findUniqueOrThrow({ where: { sourcedId: "u-s6" } })).toMatchObject({ raceEthnicity: "TWO_OR_MORE", schoolId: s2.id, counselorId: null });
    expect(await db().student.findUnique({ where: { sisId: "100005" } })).toBeNull();

    const run = await db().importRun.findUniqueOrThrow({ where: { id: r.runId } });
    expect(run).toMatchObject({ kind: "oneroster", status: "succeeded", userId: admin.id, fileName: "oneroster-1.1" });
    expect(run.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(await db().auditEvent.count({ where: { action: "import.oneroster", entityId: r.runId } })).toBe(1);
  });

  it("changes nothing when the same set is imported again (also from a .zip)", async () => {
    const before = await snapshot();
    const again = await runImport(null, "oneroster", fixture("oneroster-1.1"), { asOf, full: true });
    expect(again.shortcut).toBeUndefined();
    expect(again.counts.students).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect(again.counts.schools).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(again.counts.counselors).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const dir = fixture("oneroster-1.1");
    const zip = zipSync(Object.fromEntries(fs.readdirSync(dir).map((f) => [`export/${f}`, new Uint8Array(fs.readFileSync(path.join(dir, f)))])));
    const zipPath = path.join(tempDir("ct-zip-"), "roster.zip");
    fs.writeFileSync(zipPath, zip);
    const fromZip = await runImport(null, "oneroster", zipPath, { asOf });
    expect(fromZip.counts.students).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect(await snapshot()).toEqual(before);
  });

  it("recognises the same file on an unchanged database, and compares in full once anything changed", async () => {
    expect((await runImport(null, "oneroster", fixture("oneroster-1.1"), { asOf })).shortcut).toBeUndefined(); // the last run was the zip
    const same = await runImport(null, "oneroster", fixture("oneroster-1.1"), { asOf });
    expect(same.shortcut).toMatch(/same file/);
    expect(same.counts.students).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    await db().student.update({ where: { sourcedId: "u-s1" }, data: { firstName: "Edited" } });
    const after = await runImport(null, "oneroster", fixture("oneroster-1.1"), { asOf });
    expect(after.shortcut).toBeUndefined();
    expect(after.counts.students).toMatchObject({ updated: 1, unchanged: 3 });
    expect((await db().student.findUniqueOrThrow({ where: { sourcedId: "u-s1" } })).firstName).toBe("Ana");
  });

  it("maps a 1.2 set (roles.csv, counselor role) to the same records, with non-binary only when stated", async () => {
    const r = await runImport(null, "oneroster", fixture("oneroster-1.2"), { asOf });
    expect(r.errors).toEqual([]);
    expect(r.counts.students).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    expect(await db().student.findUniqueOrThrow({ where: { sourcedId: "u-s6" } })).toMatchObject({ gender: "NON_BINARY", version: 2 });
    expect(await db().user.findUniqueOrThrow({ where: { sourcedId: "u-c2" } })).toMatchObject({ role: "COUNSELOR" });
  });

  it("previews a delta file without writing, then applies its update and delete", async () => {
    const before = await snapshot();
    const dry = await runImport(null, "oneroster", fixture("oneroster-1.1-delta"), { asOf, dryRun: true });
    expect(dry.status).toBe("dry-run");
    expect(dry.counts.students).toMatchObject({ updated: 1, deleted: 1 });
    expect(await snapshot()).toEqual(before);
    expect((await db().importRun.findUniqueOrThrow({ where: { id: dry.runId } })).dryRun).toBe(true);

    const real = await runImport(null, "oneroster", fixture("oneroster-1.1-delta"), { asOf });
    expect(real.status).toBe("succeeded");
    expect(await db().student.findUnique({ where: { sourcedId: "u-s6" } })).toBeNull();
    expect(await db().student.findUniqueOrThrow({ where: { sourcedId: "u-s4" } })).toMatchObject({ lastName: "Davis-Moore", cohortYear: 2026 });
  });

  it("keeps a student with CreditTrack history when a delta says tobedeleted, with a warning", async () => {
    const chloe = await db().student.findUniqueOrThrow({ where: { sourcedId: "u-s4" } });
    await db().statusEvent.create({ data: { studentId: chloe.id, kind: "ENTERED", effectiveDate: new Date("2022-09-01"), schoolId: chloe.schoolId } });
    const dir = tempDir("ct-delta-");
    fs.copyFileSync(fixture("oneroster-1.1-delta/manifest.csv"), path.join(dir, "manifest.csv"));
    fs.writeFileSync(
      path.join(dir, "users.csv"),
      "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n" +
        "u-s4,tobedeleted,2025-10-02,true,s2,student,cdavis,,Chloe,Davis-Moore,,100004,,,,,12,\n",
    );
    const r = await runImport(null, "oneroster", dir, { asOf });
    expect(r.counts.students.deleted).toBe(0);
    expect(r.warnings[0]?.message).toMatch(/kept/);
    expect(await db().student.findUnique({ where: { id: chloe.id } })).not.toBeNull();
  });

  it("keeps a student whose only CreditTrack records are a plan, a family contact or a guardian entered by hand", async () => {
    const chloe = await db().student.findUniqueOrThrow({ where: { sourcedId: "u-s4" } });
    const author = await makeUser("COUNSELOR", chloe.schoolId);
    await db().contact.create({
      data: {
        studentId: chloe.id,
        withWhom: "Mother",
        method: "PHONE",
        outcome: "REACHED",
        occurredOn: new Date("2025-09-15"),
        summary: "Talked about the plan",
        nextStep: "",
        authorId: author.id,
      },
    });
    const dir = tempDir("ct-delta-");
    fs.copyFileSync(fixture("oneroster-1.1-delta/manifest.csv"), path.join(dir, "manifest.csv"));
    fs.writeFileSync(
      path.join(dir, "users.csv"),
      "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n" +
        "u-s4,tobedeleted,2025-10-02,true,s2,student,cdavis,,Chloe,Davis-Moore,,100004,,,,,12,\n",
    );
    const r = await runImport(null, "oneroster", dir, { asOf });
    expect(r.counts.students.deleted).toBe(0);
    expect(await db().contact.count({ where: { studentId: chloe.id } })).toBe(1);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("keeps a counselor an administrator deactivated in CreditTrack deactivated, with a warning, until reactivated in the app", async () => {
    const admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
    const rivera = await db().user.findUniqueOrThrow({ where: { sourcedId: "u-c1" } });
    expect(rivera.active).toBe(true);
    expect((await runValidated(admin, setActiveSchema, setUserActive, { userId: rivera.id, active: "false", confirmed: "yes" })).ok).toBe(true);
    // The roster still lists Rivera as an active counselor.
    const r = await runImport(admin, "oneroster", fixture("oneroster-1.1"), { asOf, full: true });
    expect(r.status).toBe("succeeded");
    expect(r.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(/mrivera@district\.example was deactivated in CreditTrack by an administrator and stays deactivated/),
    );
    expect(await db().user.findUniqueOrThrow({ where: { id: rivera.id } })).toMatchObject({ active: false, deactivatedAt: expect.any(Date) });
    expect(await db().auditEvent.count({ where: { entityId: rivera.id, action: "user.reactivate" } })).toBe(0);
    // An administrator's reactivation clears the hold; the next import leaves the account active.
    expect((await runValidated(admin, setActiveSchema, setUserActive, { userId: rivera.id, active: "true", confirmed: "yes" })).ok).toBe(true);
    const again = await runImport(admin, "oneroster", fixture("oneroster-1.1"), { asOf, full: true });
    expect(again.warnings.filter((w) => /deactivated/.test(w.message))).toEqual([]);
    expect(await db().user.findUniqueOrThrow({ where: { id: rivera.id } })).toMatchObject({ active: true, deactivatedAt: null });
  });

  it("writes one audit event per account an import changes, naming the import run and the change", async () => {
    const admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
    const dir = tempDir("ct-rename-");
    for (const f of fs.readdirSync(fixture("oneroster-1.1"))) fs.copyFileSync(fixture(`oneroster-1.1/${f}`), path.join(dir, f));
    const users = fs.readFileSync(path.join(dir, "users.csv"), "utf8");
    fs.writeFileSync(path.join(dir, "users.csv"), users.replace("James,Okafor,", "James,Okafor-Reyes,").replace("u-c1,,,true", "u-c1,tobedeleted,,true"));
    const okafor = await db().user.findUniqueOrThrow({ where: { sourcedId: "u-c2" } });
    const rivera = await db().user.findUniqueOrThrow({ where: { sourcedId: "u-c1" } });
    const r = await runImport(admin, "oneroster", dir, { asOf });
    expect(r.status).toBe("succeeded");
    const renamed = await db().auditEvent.findFirstOrThrow({ where: { entityId: okafor.id, action: "user.update" } });
    expect(renamed).toMatchObject({ userId: admin.id, details: { importRunId: r.runId, changes: { name: { from: "James Okafor", to: "James Okafor-Reyes" } } } });
    const ended = await db().auditEvent.findFirstOrThrow({ where: { entityId: rivera.id, action: "user.deactivate" }, orderBy: { id: "desc" } });
    expect(ended.details).toMatchObject({ importRunId: r.runId, changes: { active: { from: true, to: false } } });
  });

  it("refuses a non-admin", async () => {
    const counselor = await makeUser("COUNSELOR", null);
    await expect(runImport(viewerOf(counselor), "oneroster", fixture("oneroster-1.1"), { asOf })).rejects.toThrow("Only district administrators can import data.");
  });
});
