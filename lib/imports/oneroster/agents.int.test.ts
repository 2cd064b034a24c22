import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeUser, viewerOf } from "@/lib/test/factory";
import { runImport } from "@/lib/imports/run";
import { copySet } from "@/lib/imports/test-helpers";
import { revertImportRun, runChanges } from "@/lib/imports/revert";
import { tempDir } from "@/lib/test/temp-dir";

// OneRoster 1.2 agents → guardians (issue 16; lib/imports/oneroster/agents.ts). The fixture is the
// 1.2 set (lib/imports/fixtures/oneroster-1.2) with parents, a guardian and a relative added:
// u-p1 parent of u-s1 (linked on the parent's side), u-p2 guardian of u-s2 (linked on the
// student's side, sms only), u-p3 relative of u-s1 and u-s4, u-p4 linked to no one, u-p5 parent
// of u-s5 (a 7th grader, not stored).

useTestDatabase();
const asOf = new Date("2025-10-01T12:00:00Z");
const AGENTS = path.resolve(import.meta.dirname, "fixtures/agents");
const set = (edit?: (users: string) => string) => {
  const dir = copySet("oneroster-1.2", {}, AGENTS);
  if (edit) fs.writeFileSync(path.join(dir, "users.csv"), edit(fs.readFileSync(path.join(dir, "users.csv"), "utf8")));
  return dir;
};
const guardians = async () =>
  (await db().guardian.findMany({ include: { student: { select: { sourcedId: true } } }, orderBy: [{ sourcedId: "asc" }, { name: "asc" }] })).map((g) => ({
    of: g.student.sourcedId,
    sourcedId: g.sourcedId,
    name: g.name,
    relationship: g.relationship,
    phone: g.phone,
    email: g.email,
  }));

describe("OneRoster agents → guardians", () => {
  it("creates a guardian for each link, from either side, and no staff account; unlinked rows are one warning", async () => {
    const admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
    const r = await runImport(admin, "oneroster", set(), { asOf });
    expect(r.errors).toEqual([]);
    expect(r.counts.guardians).toMatchObject({ created: 4, skipped: 2 });
    expect(await guardians()).toEqual(
      [
        { of: "u-s1", sourcedId: "u-p1", name: "Rosa Lopez", relationship: "PARENT", phone: "617-555-0101", email: "rosa.lopez@example.org" },
        { of: "u-s2", sourcedId: "u-p2", name: "Min-jun Kim", relationship: "GUARDIAN", phone: "617-555-0102", email: null },
        { of: "u-s1", sourcedId: "u-p3", name: "Teresa Alves", relationship: "RELATIVE", phone: "617-555-0103", email: null },
        { of: "u-s4", sourcedId: "u-p3", name: "Teresa Alves", relationship: "RELATIVE", phone: "617-555-0103", email: null },
      ].sort((a, b) => a.sourcedId.localeCompare(b.sourcedId)),
    );
    expect(await db().user.count({ where: { sourcedId: { startsWith: "u-p" } } })).toBe(0);
    expect(r.warnings).toContainEqual(
      expect.objectContaining({ file: "users.csv", column: "agentSourcedIds", message: expect.stringMatching(/^2 guardian, parent or relative rows were skipped: not linked/) }),
    );
    // The capture triggers recorded the run's guardians, so a revert takes them back.
    expect(await runChanges(r.runId)).toContainEqual(expect.objectContaining({ table: "Guardian", inserted: 4 }));
  });

  it("a later import updates name, phone and email only; CreditTrack's relationship, language and flags stay; unlinked guardians stay", async () => {
    await runImport(null, "oneroster", set(), { asOf });
    const rosa = await db().guardian.findFirstOrThrow({ where: { sourcedId: "u-p1" } });
    await db().guardian.update({ where: { id: rosa.id }, data: { relationship: "MOTHER", preferredLanguage: "es", interpreter: true, noContact: true, rightsHolder: true } });
    const again = await runImport(
      null,
      "oneroster",
      set((u) => u.replace("617-555-0101", "617-555-0199").replace('"u-s1,u-s4"', "u-s1")),
      { asOf, full: true },
    );
    expect(again.errors).toEqual([]);
    expect(again.counts.guardians).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    expect(await db().guardian.findUniqueOrThrow({ where: { id: rosa.id } })).toMatchObject({
      phone: "617-555-0199",
      relationship: "MOTHER",
      preferredLanguage: "es",
      interpreter: true,
      noContact: true,
      rightsHolder: true,
      version: rosa.version + 1,
    });
    // u-p3 is no longer linked to u-s4 in the file: the guardian CreditTrack holds is left alone.
    expect(await db().guardian.count({ where: { sourcedId: "u-p3" } })).toBe(2);
  });

  it("reads agentSourcedIds separated by semicolons, and says on the student's line when an id leads nowhere", async () => {
    await db().guardian.deleteMany();
    // u-s4 names u-p4 and u-p6 the way some SIS exports do ("u-p4;u-p6"); u-p6 and u-p9 are in no
    // row of the file, u-t1 is a teacher; u-p4 names nobody from its own side.
    const r = await runImport(
      null,
      "oneroster",
      set((u) =>
        u
          .replace("u-s4,,,true,cdavis,,Chloe,Davis,,100004,,,,,12,", "u-s4,,,true,cdavis,,Chloe,Davis,,100004,,,,u-p4;u-p6,12,")
          .replace("u-s6,,,true,eng,,Eli,Ng,,100006,,,,,11,", 'u-s6,,,true,eng,,Eli,Ng,,100006,,,,"u-t1, u-p9",11,'),
      ),
      { asOf, full: true },
    );
    expect(r.errors).toEqual([]);
    expect((await guardians()).filter((g) => g.sourcedId === "u-p4")).toEqual([
      { of: "u-s4", sourcedId: "u-p4", name: "Nobody Linked", relationship: "PARENT", phone: null, email: null },
    ]);
    const agentWarnings = r.warnings.filter((w) => w.column === "agentSourcedIds" && w.value);
    expect(agentWarnings.map((w) => [w.line, w.value, w.message])).toEqual([
      [7, "u-p6", "agentSourcedIds u-p6 names no user in users.csv: no guardian is linked through it"],
      [9, "u-t1", "agentSourcedIds u-t1 names a user who is not a parent, guardian or relative: no guardian is linked through it"],
      [9, "u-p9", "agentSourcedIds u-p9 names no user in users.csv: no guardian is linked through it"],
    ]);
  });

  it("a delta naming a guardian CreditTrack already holds for the student is no warning; an unknown id still is", async () => {
    await runImport(null, "oneroster", set(), { asOf, full: true });
    expect((await guardians()).filter((g) => g.sourcedId === "u-p2").map((g) => g.of)).toEqual(["u-s2"]);
    // Only u-s2's changed row: its guardian u-p2 is unchanged, so not in the file.
    const dir = tempDir("ct-delta-");
    fs.writeFileSync(path.join(dir, "manifest.csv"), "propertyName,value\nmanifest.version,1.0\noneroster.version,1.2\nfile.users,delta\nfile.roles,delta\n");
    fs.writeFileSync(
      path.join(dir, "users.csv"),
      `${fs.readFileSync(path.join(AGENTS, "users.csv"), "utf8").split(/\r?\n/)[0]}\nu-s2,,,true,bkim,,Ben,Kim,,100002,,,,u-p2;u-p9,10,,,,,,,s1,\n`,
    );
    fs.writeFileSync(
      path.join(dir, "roles.csv"),
      "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,userProfileSourcedId\nr5,,,u-s2,primary,student,,,s1,\n",
    );
    const r = await runImport(null, "oneroster", dir, { asOf });
    expect(r.errors).toEqual([]);
    expect(r.counts.students).toMatchObject({ updated: 1 });
    expect(r.warnings.filter((w) => w.column === "agentSourcedIds").map((w) => [w.line, w.value, w.message])).toEqual([
      [2, "u-p9", "agentSourcedIds u-p9 names no user in users.csv: no guardian is linked through it"],
    ]);
    expect((await guardians()).filter((g) => g.sourcedId === "u-p2")).toEqual([
      { of: "u-s2", sourcedId: "u-p2", name: "Min-jun Kim", relationship: "GUARDIAN", phone: "617-555-0102", email: null },
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("reverting the import run removes the guardians it created", async () => {
    const admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
    await db().guardian.deleteMany();
    await db().student.deleteMany();
    const r = await runImport(admin, "oneroster", set(), { asOf, full: true });
    expect(r.errors).toEqual([]);
    const created = r.counts.guardians.created;
    expect(created).toBeGreaterThan(0);
    const out = await revertImportRun(admin, r.runId, { reason: "test" });
    expect(out).toMatchObject({ ok: true });
    expect(await db().guardian.count()).toBe(0);
  });
});
