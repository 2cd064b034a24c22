import "server-only";
import { db } from "@/lib/db";
import type { Viewer } from "@/lib/access";
import { recordAudit } from "@/lib/audit";
import { ConflictError, DomainError } from "@/lib/safe-action";
import { schoolYearOf } from "@/lib/students/rules";
import { districtDay } from "@/lib/time";
import { canComplete, finalGrade } from "./rules";
import { assertActiveAt, loadScopedEnrollment } from "./scoped";
import type { CompleteInput, EndEnrollmentInput } from "./schema";

/**
 * Completes an enrollment whose summative assessments all meet mastery: the final grade follows
 * the course's weights, and the course's credit goes on the student's transcript in its subject
 * area in the same transaction (so the graduation audit shows it at once, or nothing changes).
 */
export async function completeEnrollment(viewer: Viewer, input: CompleteInput, now: Date = new Date()) {
  const { enrollment: e, assessments, results } = await loadScopedEnrollment(viewer, input.enrollmentId);
  assertActiveAt(e, input.version);
  const threshold = e.course.masteryThreshold;
  if (!canComplete(assessments, results, threshold)) {
    throw new DomainError(`Every summative assessment must reach the mastery threshold (${threshold}%) before the course can be completed.`);
  }
  const grade = finalGrade(assessments, results);
  const credits = e.course.credits;
  const today = districtDay(now);

  return db().$transaction(async (tx) => {
    const updated = await tx.enrollment.updateMany({
      where: { id: e.id, version: input.version, status: "ACTIVE" },
      data: { status: "COMPLETED", finalGrade: grade, creditAwarded: credits, endedOn: today, version: { increment: 1 } },
    });
    if (updated.count === 0) throw new ConflictError();
    const credit = await tx.transcriptCourse.create({
      data: {
        studentId: e.studentId,
        courseCode: e.course.providerCourseCode,
        courseTitle: e.course.title,
        subjectArea: e.course.subjectArea,
        schoolYear: schoolYearOf(today),
        term: "ONLINE",
        grade: String(Math.round(grade)),
        creditsAttempted: credits,
        creditsEarned: credits,
        enrollmentId: e.id,
      },
      select: { id: true },
    });
    await recordAudit(
      viewer,
      { action: "enrollment.complete", studentId: e.studentId, entity: "Enrollment", entityId: e.id, details: { finalGrade: grade, credits: Number(credits), transcriptCourseId: credit.id } },
      tx,
    );
    return { studentId: e.studentId, finalGrade: grade, credits: Number(credits) };
  });
}

/** Ends an enrollment that was not passed: failed or withdrawn, with the date and the reason. */
export async function endEnrollment(viewer: Viewer, input: EndEnrollmentInput, now: Date = new Date()): Promise<{ studentId: string }> {
  const { enrollment: e } = await loadScopedEnrollment(viewer, input.enrollmentId);
  assertActiveAt(e, input.version);
  if (input.endedOn > districtDay(now)) throw new DomainError("The end date cannot be in the future.", "endedOn");
  if (input.endedOn < e.startDate) throw new DomainError("The end date cannot be before the enrollment started.", "endedOn");
  await db().$transaction(async (tx) => {
    const updated = await tx.enrollment.updateMany({
      where: { id: e.id, version: input.version, status: "ACTIVE" },
      data: { status: input.outcome, endedOn: input.endedOn, endReason: input.reason, version: { increment: 1 } },
    });
    if (updated.count === 0) throw new ConflictError();
    await recordAudit(
      viewer,
      { action: input.outcome === "FAILED" ? "enrollment.fail" : "enrollment.withdraw", studentId: e.studentId, entity: "Enrollment", entityId: e.id, details: { reason: input.reason } },
      tx,
    );
  });
  return { studentId: e.studentId };
}
