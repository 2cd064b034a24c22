import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { NotFoundError, assertLookupId, studentScope, type Viewer } from "@/lib/access";
import { recordAudit, recordRefusal } from "@/lib/audit";
import { followUpState, goalProgress, type GoalFacts, type RiskDay } from "./rules";
import { ownerWhere } from "./plans";

// Reads of intervention plans (issue 16), each scoped by studentScope: a plan is reached through
// its student, so out of scope and nonexistent both read as not found.
//
// Ed-Fi Data Standard (v5) mapping, so a later export is a mapping and not a redesign (entity and
// property names from the Ed-Fi Intervention domain; descriptors take a namespace URI):
//   InterventionPlan  → Intervention, one per plan:
//     id                        → interventionIdentificationCode
//     student's school          → educationOrganizationReference
//     type                      → an extension descriptor (interventionClassDescriptor's values are
//                                 Curriculum / Practice / Supplement / Other, not a purpose): export
//                                 "Other" there and the type in the extension; CohortTypeDescriptor's
//                                 "Academic/Attendance/Discipline Intervention" are the nearest words
//     startDate / closedOn      → beginDate / endDate
//     ownerId                   → staffs[].staffReference (the owner's staff unique id)
//     deliveryMethodDescriptor  → "Individual" (a plan is for one student)
//   InterventionPlan  → StudentInterventionAssociation (studentReference + interventionReference):
//     goal + target (rules.ts targetWords) → diagnosticStatement
//     tier, metric, targetValue, nextFollowUp, status, statusReason → extension (no Ed-Fi property);
//     dosage, cohortReference           → not kept
//   PlanCheckIn       → StudentInterventionAttendanceEvent (studentReference + interventionReference):
//     date              → eventDate
//     "In Attendance"   → attendanceEventCategoryDescriptor (a check-in is a meeting that happened)
//     note + progress   → attendanceEventReason (text, 255 characters in Ed-Fi: truncated on export)
//     eventDuration / interventionDuration → not kept

export type StudentPlan = Awaited<ReturnType<typeof studentPlans>>["plans"][number];

const planSelect = {
  id: true,
  type: true,
  tier: true,
  goal: true,
  metric: true,
  targetValue: true,
  targetEnrollmentId: true,
  targetText: true,
  startDate: true,
  nextFollowUp: true,
  status: true,
  statusReason: true,
  closedOn: true,
  version: true,
  ownerId: true,
  owner: { select: { name: true } },
  createdBy: { select: { name: true } },
  targetEnrollment: { select: { id: true, status: true, progress: true, startDate: true, targetDate: true, course: { select: { title: true } } } },
  checkIns: { orderBy: [{ date: "desc" }, { createdAt: "desc" }], select: { id: true, date: true, note: true, progress: true, author: { select: { name: true } } } },
} satisfies Prisma.InterventionPlanSelect;

/**
 * One student's plans (active first, then closed, newest first within each), each with its
 * progress toward the goal from today's record and its follow-up state; the student's risk
 * history (RiskSnapshot, oldest first); the staff who may own a plan; and the student's online
 * enrollments a course goal can name. Not found when the student is out of scope.
 */
export async function studentPlans(viewer: Viewer, studentId: string, asOf: Date) {
  assertLookupId(studentId, "Student");
  const student = await db().student.findFirst({
    where: { AND: [{ id: studentId }, studentScope(viewer)] },
    select: {
      id: true,
      schoolId: true,
      counselorId: true,
      attendanceRate: true,
      suspensions: true,
      firstName: true,
      lastName: true,
      sisId: true,
      gradeLevel: true,
      school: { select: { name: true } },
      counselor: { select: { name: true } },
    },
  });
  if (!student) throw new NotFoundError("Student");
  const [rows, credits, snapshots, owners, enrollments] = await Promise.all([
    db().interventionPlan.findMany({ where: { studentId: student.id }, orderBy: [{ startDate: "desc" }, { createdAt: "desc" }], select: planSelect }),
    db().transcriptCourse.aggregate({ where: { studentId: student.id }, _sum: { creditsEarned: true } }),
    db().riskSnapshot.findMany({ where: { studentId: student.id }, orderBy: { day: "asc" }, select: { day: true, level: true, reasons: true } }),
    db().user.findMany({ where: ownerWhere(student), orderBy: [{ role: "asc" }, { name: "asc" }], select: { id: true, name: true, role: true } }),
    db().enrollment.findMany({ where: { studentId: student.id }, orderBy: { startDate: "desc" }, select: { id: true, status: true, course: { select: { title: true } } } }),
  ]);
  const base: Omit<GoalFacts, "enrollment"> = {
    attendanceRate: student.attendanceRate == null ? null : Number(student.attendanceRate),
    creditsEarned: Number(credits._sum.creditsEarned ?? 0),
    suspensions: student.suspensions,
  };
  const plans = rows.map((p) => {
    const e = p.targetEnrollment;
    const facts: GoalFacts = {
      ...base,
      enrollment: e ? { title: e.course.title, status: e.status, progress: e.progress, startDate: e.startDate, targetDate: e.targetDate } : null,
    };
    const targetValue = p.targetValue == null ? null : Number(p.targetValue);
    return {
      ...p,
      targetValue,
      courseTitle: e?.course.title ?? null,
      progressNow: goalProgress({ metric: p.metric, targetValue, targetText: p.targetText }, facts, asOf),
      followUp: followUpState(p, asOf),
    };
  });
  plans.sort((a, b) => Number(b.status === "ACTIVE") - Number(a.status === "ACTIVE"));
  const risk: RiskDay[] = snapshots;
  return { student, plans, risk, owners, enrollments: enrollments.map((e) => ({ id: e.id, status: e.status, title: e.course.title })) };
}

/**
 * One plan for the printable family-meeting page, audited as a read of the student's record
 * (`plan.read`, like the printable graduation plan's `student.read`); out of scope or not this
 * student's plan: `plan.read.refused` and not found.
 */
export async function planForPrint(viewer: Viewer, studentId: string, planId: string, asOf: Date) {
  try {
    assertLookupId(planId, "Plan");
    const data = await studentPlans(viewer, studentId, asOf);
    const plan = data.plans.find((p) => p.id === planId);
    if (!plan) throw new NotFoundError("Plan");
    await recordAudit(viewer, { action: "plan.read", studentId: data.student.id, entity: "InterventionPlan", entityId: plan.id });
    return { ...data, plan };
  } catch (e) {
    if (e instanceof NotFoundError) await recordRefusal(viewer, { action: "plan.read.refused", entity: "Student", id: studentId.slice(0, 200) });
    throw e;
  }
}
