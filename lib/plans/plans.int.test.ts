import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeCourse, makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { NotFoundError } from "@/lib/access";
import { ConflictError, DomainError, runValidated } from "@/lib/safe-action";
import { addCheckIn, CHECK_IN_KEY_REUSED, closePlan, createPlan, editPlan, KEY_REUSED } from "./plans";
import { studentPlans } from "./queries";
import { getToday } from "@/lib/today/queries";
import type { Viewer } from "@/lib/access";
import { checkInSchema, closePlanSchema, createPlanSchema, editPlanSchema } from "./schema";

// Intervention plans on a real database: scope (another caseload's counselor and another school's
// admin get not found), optimistic versions, check-ins that move the follow-up, closing rules,
// idempotent starts, and the follow-ups the Today list shows (lib/today: one definition of "due").

useTestDatabase();

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const TODAY = d("2026-12-01");

/** The plans whose follow-up the viewer's Today list shows as due today or overdue, by plan id. */
async function followUpsDue(v: Viewer, asOf: Date, filter: { counselor?: string } = {}): Promise<{ planId: string; studentId: string; code: string }[]> {
  const { entries } = await getToday(v, asOf, filter);
  return entries
    .flatMap((e) => [e.reason, ...e.also].filter((r) => r.code.startsWith("FOLLOW_UP_")).map((r) => ({ planId: r.key.split(":")[0], studentId: e.studentId, code: r.code })))
    .sort((a, b) => a.code.localeCompare(b.code) || a.planId.localeCompare(b.planId));
}

async function setup() {
  const school = await makeSchool();
  const other = await makeSchool();
  const counselor = await makeUser("COUNSELOR", school.id);
  const otherCounselor = await makeUser("COUNSELOR", school.id);
  const admin = await makeUser("SCHOOL_ADMIN", school.id);
  const otherAdmin = await makeUser("SCHOOL_ADMIN", other.id);
  const student = await makeStudent(school.id, counselor.id, { attendanceRate: 84, suspensions: 1 });
  return { school, me: viewerOf(counselor), other: viewerOf(otherCounselor), admin: viewerOf(admin), otherAdmin: viewerOf(otherAdmin), student };
}

const planInput = (studentId: string, ownerId: string, over: Record<string, unknown> = {}) =>
  createPlanSchema.parse({
    studentId,
    type: "ATTENDANCE",
    tier: "2",
    goal: "Come to school every day",
    metric: "ATTENDANCE_RATE",
    targetValue: "90",
    targetText: "",
    ownerId,
    startDate: "2026-11-02",
    nextFollowUp: "2026-11-16",
    ...over,
  });

describe("intervention plans", () => {
  it("starts a plan with a follow-up, audited, and reads it back with progress toward the goal", async () => {
    const { me, student } = await setup();
    const { id } = await createPlan(me, planInput(student.id, me.id));
    const { plans } = await studentPlans(me, student.id, TODAY);
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({ id, status: "ACTIVE", tier: 2, targetValue: 90, followUp: "overdue" });
    expect(plans[0].progressNow).toEqual({ state: "notYet", text: "Attendance is 84%, 6 points below the target." });
    expect(await db().auditEvent.count({ where: { action: "plan.create", entityId: id, studentId: student.id } })).toBe(1);
  });

  it("refuses an owner who cannot reach the student, and another student's course as the target", async () => {
    const { me, other, student, school } = await setup();
    await expect(createPlan(me, planInput(student.id, other.id))).rejects.toThrow(DomainError);
    const someone = await makeStudent(school.id, me.id);
    const course = await makeCourse();
    const theirs = await db().enrollment.create({ data: { studentId: someone.id, courseId: course.id, startDate: d("2026-09-01"), targetDate: d("2026-12-15") } });
    await expect(createPlan(me, planInput(student.id, me.id, { metric: "COURSE_ON_PACE", targetEnrollmentId: theirs.id }))).rejects.toThrow(
      "Choose one of this student's online courses",
    );
  });

  it("a counselor of another caseload and a school admin of another school get not found, for every verb", async () => {
    const { me, other, otherAdmin, admin, student } = await setup();
    const { id } = await createPlan(me, planInput(student.id, me.id));
    for (const v of [other, otherAdmin]) {
      await expect(createPlan(v, planInput(student.id, me.id))).rejects.toThrow(NotFoundError);
      await expect(editPlan(v, editPlanSchema.parse({ ...raw(me.id), planId: id, version: "1" }))).rejects.toThrow(NotFoundError);
      await expect(addCheckIn(v, checkInSchema.parse({ planId: id, date: "2026-11-20", note: "x", progress: "ON_TRACK" }), TODAY)).rejects.toThrow(NotFoundError);
      await expect(closePlan(v, closePlanSchema.parse({ planId: id, version: "1", outcome: "MET", reason: "", closedOn: "2026-11-30" }), TODAY)).rejects.toThrow(NotFoundError);
      await expect(studentPlans(v, student.id, TODAY)).rejects.toThrow(NotFoundError);
      expect(await followUpsDue(v, TODAY)).toEqual([]);
    }
    // The student's own school admin may check in on it (anyone who can reach the student).
    await addCheckIn(admin, checkInSchema.parse({ planId: id, date: "2026-11-20", note: "Spoke with the student.", progress: "SOME_PROGRESS" }), TODAY);
    expect(await db().planCheckIn.count({ where: { planId: id } })).toBe(1);
    // Through the action wrapper: the same "not found" words as a nonexistent id.
    const out = await runValidated(other, checkInSchema, (v, i) => addCheckIn(v, i, TODAY), { planId: id, date: "2026-11-20", note: "x", progress: "ON_TRACK" });
    const none = await runValidated(other, checkInSchema, (v, i) => addCheckIn(v, i, TODAY), {
      planId: "cm0nonexistent00000000000",
      date: "2026-11-20",
      note: "x",
      progress: "ON_TRACK",
    });
    expect(out).toEqual(none);
  });

  it("an edit names the version it read: a stale one is refused and changes nothing", async () => {
    const { me, student } = await setup();
    const { id } = await createPlan(me, planInput(student.id, me.id));
    await editPlan(me, editPlanSchema.parse({ ...raw(me.id), planId: id, version: "1", tier: "3" }));
    await expect(editPlan(me, editPlanSchema.parse({ ...raw(me.id), planId: id, version: "1", goal: "Stale" }))).rejects.toThrow(ConflictError);
    expect(await db().interventionPlan.findUniqueOrThrow({ where: { id } })).toMatchObject({ tier: 3, version: 2, goal: "Come to school every day" });
    expect(await db().auditEvent.count({ where: { action: "plan.edit", entityId: id } })).toBe(1);
  });

  it("a check-in can move the next follow-up in the same transaction (and the version, so an older edit form is refused)", async () => {
    const { me, student } = await setup();
    const { id } = await createPlan(me, planInput(student.id, me.id));
    expect((await followUpsDue(me, TODAY)).map((f) => f.planId)).toEqual([id]);
    await addCheckIn(me, checkInSchema.parse({ planId: id, date: "2026-11-30", note: "Better week.", progress: "ON_TRACK", nextFollowUp: "2026-12-14" }), TODAY);
    const plan = await db().interventionPlan.findUniqueOrThrow({ where: { id }, include: { checkIns: true } });
    expect(plan).toMatchObject({ nextFollowUp: d("2026-12-14"), version: 2 });
    expect(plan.checkIns).toMatchObject([{ progress: "ON_TRACK", note: "Better week.", authorId: me.id }]);
    expect(await followUpsDue(me, TODAY)).toEqual([]);
    await expect(editPlan(me, editPlanSchema.parse({ ...raw(me.id), planId: id, version: "1" }))).rejects.toThrow(ConflictError);
    // Without a date the follow-up stays; a future or pre-start check-in is refused.
    await addCheckIn(me, checkInSchema.parse({ planId: id, date: "2026-12-01", note: "Quick word.", progress: "SOME_PROGRESS" }), TODAY);
    expect(await db().interventionPlan.findUniqueOrThrow({ where: { id } })).toMatchObject({ nextFollowUp: d("2026-12-14"), version: 2 });
    await expect(addCheckIn(me, checkInSchema.parse({ planId: id, date: "2026-12-02", note: "x", progress: "ON_TRACK" }), TODAY)).rejects.toThrow("future");
    await expect(addCheckIn(me, checkInSchema.parse({ planId: id, date: "2026-10-01", note: "x", progress: "ON_TRACK" }), TODAY)).rejects.toThrow("before the plan's start");
    expect(await db().auditEvent.count({ where: { action: "plan.check-in", entityId: id } })).toBe(2);
  });

  it("closing: discontinued needs a reason; met closes with its date; a closed plan takes no more changes", async () => {
    const { me, student } = await setup();
    const { id } = await createPlan(me, planInput(student.id, me.id));
    const noReason = closePlanSchema.safeParse({ planId: id, version: "1", outcome: "DISCONTINUED", reason: " ", closedOn: "2026-11-30" });
    expect(noReason.success ? null : noReason.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([["reason", "Say why the plan was discontinued"]]);
    await expect(closePlan(me, closePlanSchema.parse({ planId: id, version: "1", outcome: "MET", reason: "", closedOn: "2026-12-05" }), TODAY)).rejects.toThrow("future");
    await closePlan(me, closePlanSchema.parse({ planId: id, version: "1", outcome: "MET", reason: "", closedOn: "2026-11-30" }), TODAY);
    expect(await db().interventionPlan.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "MET", closedOn: d("2026-11-30"), statusReason: null, version: 2 });
    expect(await followUpsDue(me, TODAY)).toEqual([]);
    await expect(addCheckIn(me, checkInSchema.parse({ planId: id, date: "2026-11-30", note: "x", progress: "ON_TRACK" }), TODAY)).rejects.toThrow("closed");
    await expect(closePlan(me, closePlanSchema.parse({ planId: id, version: "2", outcome: "NOT_MET", reason: "", closedOn: "2026-11-30" }), TODAY)).rejects.toThrow("closed");

    const second = await createPlan(me, planInput(student.id, me.id, { goal: "Second" }));
    await closePlan(me, closePlanSchema.parse({ planId: second.id, version: "1", outcome: "DISCONTINUED", reason: "Moved to a tier 3 plan", closedOn: "2026-11-30" }), TODAY);
    expect(await db().interventionPlan.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ status: "DISCONTINUED", statusReason: "Moved to a tier 3 plan" });
    expect(await db().auditEvent.count({ where: { action: "plan.close", studentId: student.id } })).toBe(2);
  });

  it("a repeated start with the same client key stores one plan; the key reused for another plan is refused", async () => {
    const { me, student } = await setup();
    const key = crypto.randomUUID();
    const runs = await Promise.all(Array.from({ length: 4 }, () => createPlan(me, planInput(student.id, me.id, { clientKey: key }))));
    expect(new Set(runs.map((r) => r.id)).size).toBe(1);
    expect(await db().interventionPlan.count({ where: { studentId: student.id } })).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "plan.create", studentId: student.id } })).toBe(1);
    await expect(createPlan(me, planInput(student.id, me.id, { clientKey: key, goal: "Another" }))).rejects.toThrow(KEY_REUSED);
  });

  it("a repeated check-in with the same client key stores one check-in and moves the follow-up once; a reused key is refused", async () => {
    const { me, student } = await setup();
    const { id } = await createPlan(me, planInput(student.id, me.id));
    const key = crypto.randomUUID();
    const input = checkInSchema.parse({ planId: id, date: "2026-11-30", note: "Better week.", progress: "ON_TRACK", nextFollowUp: "2026-12-14", clientKey: key });
    const runs = await Promise.all(Array.from({ length: 4 }, () => addCheckIn(me, input, TODAY)));
    const again = await addCheckIn(me, input, TODAY);
    expect(new Set([...runs, again].map((r) => r.id)).size).toBe(1);
    expect(await db().planCheckIn.count({ where: { planId: id } })).toBe(1);
    expect(await db().interventionPlan.findUniqueOrThrow({ where: { id } })).toMatchObject({ nextFollowUp: d("2026-12-14"), version: 2 });
    expect(await db().auditEvent.count({ where: { action: "plan.check-in", entityId: id } })).toBe(1);
    const other = await runValidated(me, checkInSchema, (v, i) => addCheckIn(v, i, TODAY), {
      planId: id,
      date: "2026-11-30",
      note: "Another.",
      progress: "ON_TRACK",
      clientKey: key,
    });
    expect(other).toMatchObject({ ok: false, message: CHECK_IN_KEY_REUSED });
    expect(await db().planCheckIn.count({ where: { planId: id } })).toBe(1);
  });

  it("Today's follow-ups: within the viewer's scope, due today or before, active plans only, optionally by the student's counselor", async () => {
    const { me, admin, student, school } = await setup();
    const otherCounselor = await makeUser("COUNSELOR", school.id);
    const second = await makeStudent(school.id, otherCounselor.id);
    const overdue = await createPlan(me, planInput(student.id, me.id, { nextFollowUp: "2026-11-20" }));
    const dueToday = await createPlan(admin, planInput(second.id, admin.id, { nextFollowUp: "2026-12-01" }));
    await createPlan(admin, planInput(second.id, admin.id, { nextFollowUp: "2026-12-02" }));
    const due = await followUpsDue(admin, TODAY);
    expect(due).toEqual([
      { planId: dueToday.id, studentId: second.id, code: "FOLLOW_UP_DUE" },
      { planId: overdue.id, studentId: student.id, code: "FOLLOW_UP_OVERDUE" },
    ]);
    expect((await followUpsDue(admin, TODAY, { counselor: otherCounselor.id })).map((f) => f.planId)).toEqual([dueToday.id]);
    // The counselor's Today is their caseload: the other counselor's student is not on it.
    expect((await followUpsDue(me, TODAY)).map((f) => f.planId)).toEqual([overdue.id]);
  });
});

function raw(ownerId: string) {
  return {
    type: "ATTENDANCE",
    tier: "2",
    goal: "Come to school every day",
    metric: "ATTENDANCE_RATE",
    targetValue: "90",
    targetText: "",
    ownerId,
    startDate: "2026-11-02",
    nextFollowUp: "2026-11-16",
  };
}
