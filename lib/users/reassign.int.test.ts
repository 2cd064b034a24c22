import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { db } from "@/lib/db";
import { runValidated } from "@/lib/safe-action";
import { reassignCaseload } from "./reassign";
import { reassignSchema } from "./schema";
import { caseloadFingerprint } from "./caseload-fingerprint";

useTestDatabase();

async function setup() {
  const school = await makeSchool();
  const admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
  const from = await makeUser("COUNSELOR", school.id);
  const to = await makeUser("COUNSELOR", school.id);
  const students = [];
  for (let i = 0; i < 3; i++) students.push(await makeStudent(school.id, from.id));
  return { school, admin, from, to, students };
}
const caseload = (id: string) =>
  db()
    .student.findMany({ where: { counselorId: id }, select: { id: true } })
    .then((r) => r.map((s) => s.id).sort());
const pick = (s: { id: string; version: number }[]) => s.map((x) => `${x.id}:${x.version}`);

describe("reassigning a caseload", () => {
  it("moves the ticked students in one audited event naming each of them; versions go up", async () => {
    const { admin, from, to, students } = await setup();
    const r = await runValidated(admin, reassignSchema, reassignCaseload, {
      fromId: from.id,
      toId: to.id,
      scope: "selected",
      students: pick(students.slice(0, 2)),
      confirmed: "yes",
    });
    expect(r).toEqual({ ok: true, data: { moved: 2, plans: 0, toName: to.name } });
    expect(await caseload(to.id)).toEqual(
      students
        .slice(0, 2)
        .map((s) => s.id)
        .sort(),
    );
    expect(await caseload(from.id)).toEqual([students[2].id]);
    const e = await db().auditEvent.findFirstOrThrow({ where: { action: "caseload.reassign", entityId: from.id }, include: { students: true } });
    expect(e).toMatchObject({ userId: admin.id, details: { from: from.id, to: to.id, scope: "selected", students: 2 } });
    expect(e.students.map((s) => s.studentId).sort()).toEqual(
      students
        .slice(0, 2)
        .map((s) => s.id)
        .sort(),
    );
    expect((await db().student.findUniqueOrThrow({ where: { id: students[0].id } })).version).toBe(students[0].version + 1);
  });

  it("moves all, from a deactivated counselor too, when the caseload is still what the page showed", async () => {
    const { admin, from, to, students } = await setup();
    await db().user.update({ where: { id: from.id }, data: { active: false } });
    const r = await runValidated(admin, reassignSchema, reassignCaseload, {
      fromId: from.id,
      toId: to.id,
      scope: "all",
      expected: "3",
      listed: caseloadFingerprint(students),
      confirmed: "yes",
    });
    expect(r).toMatchObject({ ok: true, data: { moved: 3 } });
    expect(await caseload(to.id)).toEqual(students.map((s) => s.id).sort());
  });

  it("the old counselor's active plans pass to the new counselor; closed plans and others' plans stay", async () => {
    const { admin, from, to, students } = await setup();
    const plan = (studentId: string, ownerId: string, status: "ACTIVE" | "MET" = "ACTIVE") =>
      db().interventionPlan.create({
        data: {
          studentId,
          ownerId,
          createdById: ownerId,
          type: "ATTENDANCE",
          tier: 2,
          goal: "Attend",
          metric: "ATTENDANCE_RATE",
          targetValue: 90,
          targetText: "",
          startDate: new Date("2026-10-01T00:00:00Z"),
          nextFollowUp: new Date("2026-11-20T00:00:00Z"),
          status,
          closedOn: status === "MET" ? new Date("2026-11-01T00:00:00Z") : null,
        },
      });
    const active = await plan(students[0].id, from.id);
    const met = await plan(students[0].id, from.id, "MET");
    const admins = await plan(students[0].id, admin.id);
    const stays = await plan(students[2].id, from.id);
    const r = await runValidated(admin, reassignSchema, reassignCaseload, {
      fromId: from.id,
      toId: to.id,
      scope: "selected",
      students: pick(students.slice(0, 2)),
      confirmed: "yes",
    });
    expect(r).toMatchObject({ ok: true, data: { moved: 2 } });
    const owner = async (id: string) => (await db().interventionPlan.findUniqueOrThrow({ where: { id } })).ownerId;
    expect([await owner(active.id), await owner(met.id), await owner(admins.id), await owner(stays.id)]).toEqual([to.id, from.id, admin.id, from.id]);
    const e = await db().auditEvent.findFirstOrThrow({ where: { action: "caseload.reassign", entityId: from.id } });
    expect(e.details).toMatchObject({ students: 2, plans: 1 });
    expect(r).toMatchObject({ data: { plans: 1 } });
  });

  it("all-or-nothing: a student moved meanwhile, a stale version or a changed count refuses the whole move", async () => {
    const { admin, from, to, students, school } = await setup();
    // Someone changed one student since the page was loaded.
    await db().student.update({ where: { id: students[1].id }, data: { version: { increment: 1 } } });
    const stale = await runValidated(admin, reassignSchema, reassignCaseload, { fromId: from.id, toId: to.id, scope: "selected", students: pick(students), confirmed: "yes" });
    expect(stale).toMatchObject({ ok: false, message: expect.stringMatching(/reload the page/) });
    // A student joined the caseload since: "all" of 3 is no longer all.
    await makeStudent(school.id, from.id);
    const grown = await runValidated(admin, reassignSchema, reassignCaseload, {
      fromId: from.id,
      toId: to.id,
      scope: "all",
      expected: "3",
      listed: caseloadFingerprint(students),
      confirmed: "yes",
    });
    expect(grown).toMatchObject({ ok: false, message: expect.stringMatching(/Nobody was moved/) });
    // Swapped, not grown: one student left and another arrived, so the count still reads 3 — the
    // student who arrived is not one the page showed, and nobody moves.
    await db().student.update({ where: { id: students[0].id }, data: { counselorId: null } });
    const swapped = await runValidated(admin, reassignSchema, reassignCaseload, {
      fromId: from.id,
      toId: to.id,
      scope: "all",
      expected: "3",
      listed: caseloadFingerprint(students),
      confirmed: "yes",
    });
    expect(swapped).toMatchObject({ ok: false, message: expect.stringMatching(/Nobody was moved/) });
    expect(await caseload(to.id)).toEqual([]);
    expect(await db().auditEvent.count({ where: { action: "caseload.reassign", entityId: from.id } })).toBe(0);
  });

  it("refuses a receiving counselor at another school than a student's, moving nobody", async () => {
    const { admin, from, students } = await setup();
    const elsewhere = await makeUser("COUNSELOR", (await makeSchool()).id);
    const r = await runValidated(admin, reassignSchema, reassignCaseload, { fromId: from.id, toId: elsewhere.id, scope: "selected", students: pick(students), confirmed: "yes" });
    expect(!r.ok && r.fieldErrors?.toId?.[0]).toMatch(/^3 of these students are not at School /);
    expect(await caseload(from.id)).toHaveLength(3);
  });

  it("refuses a deactivated or non-counselor target, the same counselor, no students, and bad input", async () => {
    const { admin, from, to, students, school } = await setup();
    const off = await makeUser("COUNSELOR", school.id, { active: false });
    const sa = await makeUser("SCHOOL_ADMIN", school.id);
    const base = { fromId: from.id, scope: "selected", students: pick(students), confirmed: "yes" };
    for (const toId of [off.id, sa.id])
      expect(await runValidated(admin, reassignSchema, reassignCaseload, { ...base, toId })).toMatchObject({
        ok: false,
        fieldErrors: { toId: ["Choose an active counselor to take the students"] },
      });
    expect(await runValidated(admin, reassignSchema, reassignCaseload, { ...base, toId: from.id })).toMatchObject({ ok: false, fieldErrors: { toId: expect.any(Array) } });
    expect(await runValidated(admin, reassignSchema, reassignCaseload, { ...base, toId: to.id, students: [] })).toMatchObject({
      ok: false,
      fieldErrors: { students: expect.any(Array) },
    });
    expect(await runValidated(admin, reassignSchema, reassignCaseload, { ...base, toId: to.id, students: ["garbage"] })).toMatchObject({
      ok: false,
      fieldErrors: { students: expect.any(Array) },
    });
    expect(await runValidated(admin, reassignSchema, reassignCaseload, { ...base, toId: to.id, scope: "all" })).toMatchObject({
      ok: false,
      fieldErrors: { expected: expect.any(Array) },
    });
    expect(await runValidated(admin, reassignSchema, reassignCaseload, { ...base, toId: "nope" })).toEqual({ ok: false, message: "User not found" });
    expect(await caseload(from.id)).toHaveLength(3);
  });

  it("refuses school admins and counselors", async () => {
    const { from, to, students, school } = await setup();
    for (const v of [viewerOf(await makeUser("SCHOOL_ADMIN", school.id)), viewerOf(from)]) {
      const r = await runValidated(v, reassignSchema, reassignCaseload, { fromId: from.id, toId: to.id, scope: "selected", students: pick(students), confirmed: "yes" });
      expect(r).toEqual({ ok: false, message: "You do not have access to this." });
    }
    expect(await caseload(from.id)).toHaveLength(3);
  });
});
