import "server-only";
import { db, isUniqueViolation, type Tx } from "@/lib/db";
import { NotFoundError, studentScope, type Viewer } from "@/lib/access";
import { recordAudit } from "@/lib/audit";
import { ConflictError, DomainError } from "@/lib/safe-action";
import { districtDay } from "@/lib/calendar";
import type { CheckInInput, ClosePlanInput, CreatePlanInput, EditPlanInput } from "./schema";

// Intervention plans (issue 16): anyone who can reach the student (studentScope) may start one,
// change it, check in on it and close it; out of scope reads exactly like a nonexistent id (not
// found). Each write is one transaction with its audit event. Edits and closes name the version
// they read (a stale one is refused, never overwrites); a check-in that moves the next follow-up
// bumps the version too, so an edit form opened before it is refused rather than undoing it.

export const KEY_REUSED = "This idempotency key was already used for another plan.";
export const CLOSED = "This plan is closed: it can no longer be changed.";

type StudentRef = { id: string; schoolId: string; counselorId: string | null };

async function scopedStudent(viewer: Viewer, id: string): Promise<StudentRef> {
  const s = await db().student.findFirst({ where: { AND: [{ id }, studentScope(viewer)] }, select: { id: true, schoolId: true, counselorId: true } });
  if (!s) throw new NotFoundError("Student");
  return s;
}

async function scopedPlan(viewer: Viewer, id: string) {
  const p = await db().interventionPlan.findFirst({
    where: { id, student: studentScope(viewer) },
    select: { id: true, studentId: true, status: true, version: true, startDate: true, student: { select: { id: true, schoolId: true, counselorId: true } } },
  });
  if (!p) throw new NotFoundError("Plan");
  return p;
}

/**
 * The staff who may own a plan: an active user who can reach the student — their counselor, an
 * administrator of their school, or a district administrator (the same reach as studentScope).
 */
export function ownerWhere(s: StudentRef) {
  return {
    active: true,
    OR: [...(s.counselorId ? [{ id: s.counselorId }] : []), { role: "SCHOOL_ADMIN" as const, schoolId: s.schoolId }, { role: "DISTRICT_ADMIN" as const }],
  };
}

async function checkTargets(s: StudentRef, input: { ownerId: string; targetEnrollmentId?: string }) {
  const [owner, enrollment] = await Promise.all([
    db().user.findFirst({ where: { AND: [{ id: input.ownerId }, ownerWhere(s)] }, select: { id: true } }),
    input.targetEnrollmentId ? db().enrollment.findFirst({ where: { id: input.targetEnrollmentId, studentId: s.id }, select: { id: true } }) : null,
  ]);
  if (!owner) throw new DomainError("Choose the student's counselor or an administrator who can see this student", "ownerId");
  if (input.targetEnrollmentId && !enrollment) throw new DomainError("Choose one of this student's online courses", "targetEnrollmentId");
}

/** A plan's stored fields from the form's (shared with the caseload's bulk start, lib/caseload/bulk-work.ts). */
export const fieldsOf = (input: Omit<CreatePlanInput, "studentId" | "clientKey"> | EditPlanInput) => ({
  type: input.type,
  tier: input.tier,
  goal: input.goal,
  metric: input.metric,
  targetValue: input.targetValue ?? null,
  targetEnrollmentId: input.targetEnrollmentId ?? null,
  targetText: input.targetText,
  ownerId: input.ownerId,
  startDate: input.startDate,
  nextFollowUp: input.nextFollowUp,
});

/**
 * Starts a plan, once per `clientKey` (the form's per-form key): a repeat with the same key
 * answers the plan the first one stored without writing or auditing again; two in flight at once
 * are settled by the unique index (createdById, clientKey), as for notes (lib/notes/notes.ts).
 */
export async function createPlan(viewer: Viewer, input: CreatePlanInput): Promise<{ id: string; studentId: string }> {
  const student = await scopedStudent(viewer, input.studentId);
  const key = input.clientKey;
  if (key) {
    const earlier = await planWithKey(viewer, key);
    if (earlier) return samePlan(earlier, student.id, input);
  }
  await checkTargets(student, input);
  try {
    return await db().$transaction(async (tx) => {
      const plan = await tx.interventionPlan.create({
        data: { studentId: student.id, createdById: viewer.id, clientKey: key ?? null, ...fieldsOf(input) },
        select: { id: true, studentId: true },
      });
      await recordAudit(
        viewer,
        { action: "plan.create", studentId: student.id, entity: "InterventionPlan", entityId: plan.id, details: { type: input.type, tier: input.tier } },
        tx,
      );
      return plan;
    });
  } catch (e) {
    const winner = key && isUniqueViolation(e) ? await planWithKey(viewer, key) : null;
    if (!winner) throw e;
    return samePlan(winner, student.id, input);
  }
}

function planWithKey(viewer: Viewer, clientKey: string) {
  return db().interventionPlan.findUnique({
    where: { createdById_clientKey: { createdById: viewer.id, clientKey } },
    select: { id: true, studentId: true, goal: true, type: true },
  });
}

function samePlan(p: { id: string; studentId: string; goal: string; type: string }, studentId: string, input: CreatePlanInput) {
  if (p.studentId !== studentId || p.goal !== input.goal || p.type !== input.type) throw new DomainError(KEY_REUSED);
  return { id: p.id, studentId: p.studentId };
}

/** Changes an active plan's fields; refused when the version read is stale. */
export async function editPlan(viewer: Viewer, input: EditPlanInput): Promise<{ studentId: string }> {
  const plan = await scopedPlan(viewer, input.planId);
  if (plan.status !== "ACTIVE") throw new DomainError(CLOSED);
  if (plan.version !== input.version) throw new ConflictError();
  await checkTargets(plan.student, input);
  await db().$transaction(async (tx) => {
    await bump(tx, plan.id, input.version, fieldsOf(input));
    await recordAudit(viewer, { action: "plan.edit", studentId: plan.studentId, entity: "InterventionPlan", entityId: plan.id }, tx);
  });
  return { studentId: plan.studentId };
}

/** Writes `data` only if the plan is still at `version` and active, and moves it to the next version. */
async function bump(tx: Tx, id: string, version: number, data: object) {
  const updated = await tx.interventionPlan.updateMany({ where: { id, version, status: "ACTIVE" }, data: { ...data, version: { increment: 1 } } });
  if (updated.count === 0) throw new ConflictError();
}

/**
 * A check-in on an active plan: its date (not before the plan's start, not after today), a note
 * and the progress seen; with a next follow-up date, the plan's is moved in the same transaction.
 * Once per `clientKey` (the form's per-form key), as createPlan: a repeat answers the first
 * check-in without writing, moving the follow-up or auditing again; two in flight race on the
 * unique index (authorId, clientKey); a key reused for a different check-in is refused.
 */
export async function addCheckIn(viewer: Viewer, input: CheckInInput, today: Date = districtDay()): Promise<{ id: string; studentId: string }> {
  const plan = await scopedPlan(viewer, input.planId);
  const key = input.clientKey;
  if (key) {
    const earlier = await checkInWithKey(viewer, key);
    if (earlier) return sameCheckIn(earlier, plan.studentId, input);
  }
  if (plan.status !== "ACTIVE") throw new DomainError(CLOSED);
  if (input.date > today) throw new DomainError("A check-in cannot be dated in the future", "date");
  if (input.date < plan.startDate) throw new DomainError("A check-in cannot be before the plan's start", "date");
  try {
    return await db().$transaction(async (tx) => {
      const c = await tx.planCheckIn.create({
        data: { planId: plan.id, date: input.date, note: input.note, progress: input.progress, authorId: viewer.id, clientKey: key ?? null },
        select: { id: true },
      });
      if (input.nextFollowUp) {
        // Not version-checked: a check-in adds to the plan; it never overwrites someone's edit. Only an active plan moves.
        const moved = await tx.interventionPlan.updateMany({ where: { id: plan.id, status: "ACTIVE" }, data: { nextFollowUp: input.nextFollowUp, version: { increment: 1 } } });
        if (moved.count === 0) throw new DomainError(CLOSED);
      }
      await recordAudit(viewer, { action: "plan.check-in", studentId: plan.studentId, entity: "InterventionPlan", entityId: plan.id, details: { progress: input.progress } }, tx);
      return { id: c.id, studentId: plan.studentId };
    });
  } catch (e) {
    const winner = key && isUniqueViolation(e) ? await checkInWithKey(viewer, key) : null;
    if (!winner) throw e;
    return sameCheckIn(winner, plan.studentId, input);
  }
}

export const CHECK_IN_KEY_REUSED = "This idempotency key was already used for another check-in.";

function checkInWithKey(viewer: Viewer, clientKey: string) {
  return db().planCheckIn.findUnique({
    where: { authorId_clientKey: { authorId: viewer.id, clientKey } },
    select: { id: true, planId: true, date: true, note: true, progress: true },
  });
}

function sameCheckIn(c: { id: string; planId: string; date: Date; note: string; progress: string }, studentId: string, input: CheckInInput) {
  if (c.planId !== input.planId || c.date.getTime() !== input.date.getTime() || c.note !== input.note || c.progress !== input.progress) throw new DomainError(CHECK_IN_KEY_REUSED);
  return { id: c.id, studentId };
}

/** Closes an active plan as met, not met or discontinued (with its reason), on a day from its start to today. */
export async function closePlan(viewer: Viewer, input: ClosePlanInput, today: Date = districtDay()): Promise<{ studentId: string }> {
  const plan = await scopedPlan(viewer, input.planId);
  if (plan.status !== "ACTIVE") throw new DomainError(CLOSED);
  if (plan.version !== input.version) throw new ConflictError();
  if (input.closedOn > today) throw new DomainError("A plan cannot be closed on a future date", "closedOn");
  if (input.closedOn < plan.startDate) throw new DomainError("A plan cannot close before its start", "closedOn");
  await db().$transaction(async (tx) => {
    await bump(tx, plan.id, input.version, { status: input.outcome, statusReason: input.reason || null, closedOn: input.closedOn });
    await recordAudit(viewer, { action: "plan.close", studentId: plan.studentId, entity: "InterventionPlan", entityId: plan.id, details: { outcome: input.outcome } }, tx);
  });
  return { studentId: plan.studentId };
}
