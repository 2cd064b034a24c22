import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/access";
import { makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { runValidated } from "@/lib/safe-action";
import { reassignStudents } from "@/lib/users/reassign";
import { logContactForStudents, startPlanForStudents, studentKey } from "./bulk-work";
import { bulkContactSchema, bulkPlanSchema, bulkReassignSchema } from "./schema";

// The caseload's bulk family contact, plan start and reassignment (issue 16): one transaction,
// scope re-checked for every id, idempotent by the form's key, guardian flags, concurrency.

useTestDatabase();

const TODAY = new Date("2026-10-15T00:00:00Z");
const KEY = "bulk-form-key-0123456789";

async function setup() {
  const school = await makeSchool();
  const me = await makeUser("COUNSELOR", school.id);
  const other = await makeUser("COUNSELOR", school.id);
  const [a, b] = [await makeStudent(school.id, me.id), await makeStudent(school.id, me.id)];
  const theirs = await makeStudent(school.id, other.id);
  return { school, me: viewerOf(me), other, a, b, theirs };
}

const contact = (studentId: string[], over: Record<string, unknown> = {}) =>
  bulkContactSchema.parse({
    studentId,
    withWhom: "parents",
    method: "PHONE",
    outcome: "REACHED",
    occurredOn: "2026-10-14",
    summary: "Invited to the credit night",
    clientKey: KEY,
    ...over,
  });

describe("bulk family contact", () => {
  it("logs one contact per student, each audited as contact.create with {bulk, students}, under a derived key", async () => {
    const { me, a, b } = await setup();
    expect(await logContactForStudents(me, contact([a.id, b.id]), TODAY)).toEqual({ logged: 2 });
    const rows = await db().contact.findMany({ where: { authorId: me.id } });
    expect(rows.map((c) => c.studentId).sort()).toEqual([a.id, b.id].sort());
    expect(rows.every((c) => c.method === "PHONE" && c.withWhom === "parents" && !c.outreach && c.clientKey === studentKey(KEY, c.studentId))).toBe(true);
    expect(rows.every((c) => /^[A-Za-z0-9_-]{16,100}$/.test(c.clientKey!))).toBe(true);
    const events = await db().auditEvent.findMany({ where: { userId: me.id, action: "contact.create" } });
    expect(events.map((e) => e.entityId).sort()).toEqual(rows.map((c) => c.id).sort());
    expect(events.map((e) => e.details)).toEqual([
      { bulk: true, students: 2 },
      { bulk: true, students: 2 },
    ]);
  });

  it("answers a repeat of the same form (same key) with the first result, writing and auditing nothing more", async () => {
    const { me, a, b } = await setup();
    await logContactForStudents(me, contact([a.id, b.id]), TODAY);
    expect(await logContactForStudents(me, contact([b.id, a.id]), TODAY)).toEqual({ logged: 2 });
    // Both at once (a double click): one pair of rows.
    const other = { clientKey: "bulk-form-key-other-0000" };
    await Promise.all([logContactForStudents(me, contact([a.id, b.id], other), TODAY), logContactForStudents(me, contact([a.id, b.id], other), TODAY)]);
    expect(await db().contact.count({ where: { authorId: me.id } })).toBe(4);
    expect(await db().auditEvent.count({ where: { userId: me.id, action: "contact.create" } })).toBe(4);
    // The same key for another text, or a selection it did not cover, is a reused key.
    const c = await makeStudent(a.schoolId, me.id);
    await expect(logContactForStudents(me, contact([a.id, b.id], { summary: "Something else" }), TODAY)).rejects.toThrow(/already used/);
    await expect(logContactForStudents(me, contact([a.id, b.id, c.id]), TODAY)).rejects.toThrow(/already used/);
    expect(await db().contact.count({ where: { authorId: me.id } })).toBe(4);
  });

  it("writes nothing when one student is out of scope or does not exist (not found), nor for a future day", async () => {
    const { me, a, b, theirs } = await setup();
    await expect(logContactForStudents(me, contact([a.id, theirs.id, b.id]), TODAY)).rejects.toBeInstanceOf(NotFoundError);
    const r = await runValidated(me, bulkContactSchema, (v, i) => logContactForStudents(v, i, TODAY), { ...contactRaw([a.id, "nope"]) });
    expect(r).toMatchObject({ ok: false, message: "Student not found" });
    const future = await runValidated(me, bulkContactSchema, (v, i) => logContactForStudents(v, i, TODAY), { ...contactRaw([a.id]), occurredOn: "2026-10-16" });
    expect(future).toMatchObject({ ok: false, fieldErrors: { occurredOn: ["The day cannot be in the future"] } });
    expect(await db().contact.count({ where: { studentId: { in: [a.id, b.id, theirs.id] } } })).toBe(0);
    expect(await db().auditEvent.count({ where: { action: "contact.create", studentId: { in: [a.id, b.id, theirs.id] } } })).toBe(0);
  });

  it("refuses, naming them, students with a do-not-contact guardian: in bulk, 'the family contacted us' is not a way past it", async () => {
    const { me, a, b } = await setup();
    await db().guardian.create({ data: { studentId: b.id, name: "Rosa", relationship: "MOTHER", noContact: true } });
    await expect(logContactForStudents(me, contact([a.id, b.id]), TODAY)).rejects.toThrow(new RegExp(`^${b.lastName}, ${b.firstName}: a guardian is marked do-not-contact`));
    // One tick for the whole selection would let every flagged family past and say each started it.
    const tick = await runValidated(me, bulkContactSchema, (v, i) => logContactForStudents(v, i, TODAY), { ...contactRaw([a.id, b.id]), familyInitiated: "on" });
    expect(tick).toMatchObject({ ok: false, message: expect.stringMatching(/do-not-contact.*own page/) });
    expect(await db().contact.count({ where: { authorId: me.id } })).toBe(0);
    expect(await logContactForStudents(me, contact([a.id]), TODAY)).toEqual({ logged: 1 });
  });

  it("asks for who, how, the outcome, the day and a summary, by field", async () => {
    const { me } = await setup();
    const r = await runValidated(me, bulkContactSchema, logContactForStudents, { studentId: [], withWhom: " ", summary: "" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.fieldErrors ?? {}).sort()).toEqual(["method", "occurredOn", "outcome", "studentId", "summary"]);
    const who = await runValidated(me, bulkContactSchema, logContactForStudents, { ...contactRaw(["x"]), withWhom: "  " });
    expect(who).toMatchObject({ ok: false, fieldErrors: { withWhom: [expect.stringMatching(/Type who it was with/)] } });
  });
});

const contactRaw = (studentId: string[]) => ({ studentId, withWhom: "parents", method: "PHONE", outcome: "REACHED", occurredOn: "2026-10-14", summary: "x" });
const plan = (studentId: string[], ownerId: string, over: Record<string, unknown> = {}) => ({
  studentId,
  type: "ATTENDANCE",
  tier: "2",
  goal: "Come every day",
  metric: "ATTENDANCE_RATE",
  targetValue: "90",
  ownerId,
  startDate: "2026-10-01",
  nextFollowUp: "2026-10-20",
  clientKey: KEY,
  ...over,
});

describe("bulk plan start", () => {
  it("starts one plan per student, audited as plan.create with {bulk}, once per form key", async () => {
    const { me, a, b } = await setup();
    expect(await startPlanForStudents(me, bulkPlanSchema.parse(plan([a.id, b.id], me.id)))).toEqual({ started: 2 });
    expect(await startPlanForStudents(me, bulkPlanSchema.parse(plan([a.id, b.id], me.id)))).toEqual({ started: 2 });
    const plans = await db().interventionPlan.findMany({ where: { createdById: me.id } });
    expect(plans.map((p) => p.studentId).sort()).toEqual([a.id, b.id].sort());
    expect(plans.every((p) => p.tier === 2 && Number(p.targetValue) === 90 && p.ownerId === me.id && p.status === "ACTIVE")).toBe(true);
    const events = await db().auditEvent.findMany({ where: { userId: me.id, action: "plan.create" } });
    expect(events).toHaveLength(2);
    expect(events.map((e) => e.details)).toEqual([
      { type: "ATTENDANCE", tier: 2, bulk: true, students: 2 },
      { type: "ATTENDANCE", tier: 2, bulk: true, students: 2 },
    ]);
  });

  it("writes nothing when a student is out of scope, or the owner cannot reach every student", async () => {
    const { me, other, a, b, theirs } = await setup();
    await expect(startPlanForStudents(me, bulkPlanSchema.parse(plan([a.id, theirs.id], me.id)))).rejects.toBeInstanceOf(NotFoundError);
    // Another counselor reaches neither of my students.
    const r = await runValidated(me, bulkPlanSchema, startPlanForStudents, plan([a.id, b.id], other.id));
    expect(r).toMatchObject({ ok: false, fieldErrors: { ownerId: [expect.stringMatching(/every selected student/)] } });
    expect(await db().interventionPlan.count({ where: { studentId: { in: [a.id, b.id, theirs.id] } } })).toBe(0);
    expect(await db().auditEvent.count({ where: { action: "plan.create", studentId: { in: [a.id, b.id, theirs.id] } } })).toBe(0);
  });

  it("keeps the start form's rules, and refuses an online course target (one student's)", async () => {
    const { me, a } = await setup();
    const r = await runValidated(me, bulkPlanSchema, startPlanForStudents, plan([a.id], me.id, { metric: "COURSE_ON_PACE", nextFollowUp: "2026-09-01" }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.fieldErrors ?? {}).sort()).toEqual(["metric", "nextFollowUp", "targetEnrollmentId"]);
    const pct = await runValidated(me, bulkPlanSchema, startPlanForStudents, plan([a.id], me.id, { targetValue: "120" }));
    expect(pct).toMatchObject({ ok: false, fieldErrors: { targetValue: ["An attendance rate is at most 100%"] } });
  });
});

describe("bulk reassignment", () => {
  async function schools() {
    const s = await setup();
    const admin = viewerOf(await makeUser("SCHOOL_ADMIN", s.school.id));
    const to = await makeUser("COUNSELOR", s.school.id);
    const away = await makeSchool();
    const awayCounselor = await makeUser("COUNSELOR", away.id);
    const awayStudent = await makeStudent(away.id, awayCounselor.id);
    return { ...s, admin, to, away, awayCounselor, awayStudent };
  }
  const at = (...s: { id: string; version: number }[]) => s.map((x) => `${x.id}:${x.version}`);

  it("a school admin moves students of several counselors at their school in one audited event; versions go up", async () => {
    const { admin, to, a, theirs, me } = await schools();
    const r = await runValidated(admin, bulkReassignSchema, reassignStudents, { toId: to.id, students: at(a, theirs) });
    expect(r).toEqual({ ok: true, data: { moved: 2, plans: 0, already: 0, toName: to.name } });
    const moved = await db().student.findMany({ where: { id: { in: [a.id, theirs.id] } } });
    expect(moved.every((s) => s.counselorId === to.id && s.version === 2)).toBe(true);
    const e = await db().auditEvent.findFirstOrThrow({ where: { action: "caseload.reassign", userId: admin.id }, include: { students: true } });
    expect(e).toMatchObject({ entity: "User", entityId: to.id, details: { to: to.id, scope: "selection", students: 2 } });
    expect((e.details as { from: string[] }).from.sort()).toEqual([me.id, theirs.counselorId].sort());
    expect(e.students.map((s) => s.studentId).sort()).toEqual([a.id, theirs.id].sort());
  });

  it("refuses a stale version, another school's student or counselor, and counselors — nobody moves", async () => {
    const { admin, to, a, b, me, awayStudent, awayCounselor } = await schools();
    await db().student.update({ where: { id: b.id }, data: { version: { increment: 1 } } });
    const stale = await runValidated(admin, bulkReassignSchema, reassignStudents, { toId: to.id, students: at(a, b) });
    expect(stale).toMatchObject({ ok: false, message: expect.stringMatching(/reload the page/) });
    const theirSchool = await runValidated(admin, bulkReassignSchema, reassignStudents, { toId: to.id, students: at(a, awayStudent) });
    expect(theirSchool).toMatchObject({ ok: false, message: "Student not found" });
    const theirCounselor = await runValidated(admin, bulkReassignSchema, reassignStudents, { toId: awayCounselor.id, students: at(a) });
    expect(theirCounselor).toMatchObject({ ok: false, message: "User not found" });
    const counselor = await runValidated(me, bulkReassignSchema, reassignStudents, { toId: to.id, students: at(a) });
    expect(counselor).toMatchObject({ ok: false, message: "You do not have access to this." });
    expect(await db().student.count({ where: { counselorId: to.id } })).toBe(0);
    expect(await db().auditEvent.count({ where: { action: "caseload.reassign", userId: { in: [admin.id, me.id] } } })).toBe(0);
  });

  it("a district admin is held to the cross-school rule: the receiver must work at every student's school", async () => {
    const { to, a, awayStudent } = await schools();
    const district = viewerOf(await makeUser("DISTRICT_ADMIN", null));
    const r = await runValidated(district, bulkReassignSchema, reassignStudents, { toId: to.id, students: at(a, awayStudent) });
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/^1 of these students is not at .*Nobody was moved\.$/) });
    expect(await db().student.count({ where: { counselorId: to.id } })).toBe(0);
    const ok = await runValidated(district, bulkReassignSchema, reassignStudents, { toId: to.id, students: at(a) });
    expect(ok).toMatchObject({ ok: true, data: { moved: 1 } });
  });
});
