import "server-only";
import { NotFoundError, assertLookupId, type Viewer } from "@/lib/access";
import { recordAudit, recordRefusal } from "@/lib/audit";
import { creditsEarned } from "@/lib/students/credits";
import { followUpState, goalProgress, type GoalFacts, type RiskDay } from "./rules";
import { studentPlanFacts } from "@/lib/sql/queries/student-plan-facts";
import { studentPlanRows } from "@/lib/sql/queries/student-plan-rows";

// Reads of intervention plans (issue 16), each scoped by the viewer's student scope (lib/access.ts
// studentScope, in SQL lib/sql/fragments/scope.ts scopedStudent): a plan is reached through its
// student, so out of scope and nonexistent both read as not found.
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

/** A 'YYYY-MM-DD' day from a JSON column as the Date the drivers give for a date column (UTC midnight). */
const jsonDay = (day: string) => new Date(`${day}T00:00:00Z`);

/**
 * One student's plans (active first, then closed, newest first within each), each with its
 * progress toward the goal from today's record and its follow-up state; the student's risk
 * history (RiskSnapshot, oldest first); the staff who may own a plan; and the student's online
 * enrollments a course goal can name. Not found when the student is out of scope. Two prepared
 * statements, sent together (every student page view reads this).
 */
export async function studentPlans(viewer: Viewer, studentId: string, asOf: Date) {
  assertLookupId(studentId, "Student");
  const [facts, rows] = await Promise.all([studentPlanFacts(studentId, viewer), studentPlanRows(studentId, viewer)]);
  if (!facts) throw new NotFoundError("Student");
  const { schoolName, counselorName, earnedBySubject, owners, enrollments, risk: snapshots, ...rest } = facts;
  const student = { ...rest, school: { name: schoolName }, counselor: counselorName === null ? null : { name: counselorName } };
  const base: Omit<GoalFacts, "enrollment"> = { attendanceRate: student.attendanceRate, creditsEarned: creditsEarned(earnedBySubject), suspensions: student.suspensions };
  const plans = rows.map((row) => {
    const { ownerName, createdByName, targetId, targetStatus, targetProgress, targetStartDate, targetTargetDate, targetTitle, checkIns, ...p } = row;
    const e =
      targetId === null
        ? null
        : { id: targetId, status: targetStatus!, progress: targetProgress!, startDate: targetStartDate!, targetDate: targetTargetDate!, course: { title: targetTitle! } };
    const goal: GoalFacts = {
      ...base,
      enrollment: e ? { title: e.course.title, status: e.status, progress: e.progress, startDate: e.startDate, targetDate: e.targetDate } : null,
    };
    return {
      ...p,
      owner: { name: ownerName },
      createdBy: { name: createdByName },
      targetEnrollment: e,
      checkIns: checkIns.map((c) => ({ id: c.id, date: jsonDay(c.date), note: c.note, progress: c.progress, author: { name: c.authorName } })),
      courseTitle: e?.course.title ?? null,
      progressNow: goalProgress({ metric: p.metric, targetValue: p.targetValue, targetText: p.targetText }, goal, asOf),
      followUp: followUpState(p, asOf),
    };
  });
  plans.sort((a, b) => Number(b.status === "ACTIVE") - Number(a.status === "ACTIVE"));
  const risk: RiskDay[] = snapshots.map((r) => ({ day: jsonDay(r.day), level: r.level, reasons: r.reasons }));
  return { student, plans, risk, owners, enrollments };
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
