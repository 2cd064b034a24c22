import "server-only";
import { db, isUniqueViolation } from "@/lib/db";
import { NotFoundError, studentScope, type Viewer } from "@/lib/access";
import { recordAudit } from "@/lib/audit";
import { DomainError } from "@/lib/safe-action";
import { recoversCode } from "@/lib/students/recovery";
import { defaultTargetDate } from "./rules";
import type { EnrollInput } from "./schema";

const ALREADY = "This student already has an active enrollment in this course.";

/**
 * Enrolls a student on the viewer's caseload/scope in a catalog course. Refuses: a student not in
 * scope (not found), a student who is not currently enrolled (graduated, dropped out, transferred…),
 * an inactive course, a second active enrollment in the same course, a target not after the start,
 * a "replaces" course that is not a failed course on this student's transcript, and a course that
 * neither recovers that course's SIS code nor is of its subject area.
 *
 * `replacesId` links the enrollment to the failed course it makes up for. A course whose catalog
 * `recovers` names the failed SIS code is a replacement; a credit-recovery course of the same subject
 * area is allowed as a substitute (it earns that subject's credit, not the same course), and the
 * audit records which (`replacement`), as the card says (lib/students/recovery.ts).
 */
export async function enrollStudent(viewer: Viewer, input: EnrollInput): Promise<{ id: string }> {
  const student = await db().student.findFirst({ where: { AND: [{ id: input.studentId }, studentScope(viewer)] }, select: { id: true, status: true } });
  if (!student) throw new NotFoundError("Student");
  if (student.status !== "ENROLLED") throw new DomainError("Only a currently enrolled student can be enrolled in a course (re-engage the student first).");
  const course = await db().onlineCourse.findUnique({ where: { id: input.courseId } });
  if (!course || !course.active) throw new DomainError("Choose an active catalog course.", "courseId");
  const targetDate = input.targetDate ?? defaultTargetDate(input.startDate, course.expectedWeeks);
  if (targetDate <= input.startDate) throw new DomainError("The target date must be after the start date.", "targetDate");
  let replacement: boolean | null = null;
  if (input.replacesId) {
    const failed = await db().transcriptCourse.findFirst({ where: { id: input.replacesId, studentId: student.id } });
    if (!failed) throw new DomainError("Choose a course from this student's transcript.", "replacesId");
    if (Number(failed.creditsEarned) > 0) throw new DomainError("That course was passed: only a failed course can be recovered.", "replacesId");
    replacement = recoversCode(course.recovers, failed.courseCode);
    if (!replacement && course.subjectArea !== failed.subjectArea) {
      throw new DomainError(`${course.title} neither recovers ${failed.courseTitle} (${failed.courseCode}) nor earns credit in its subject area.`, "courseId");
    }
  }
  const dup = await db().enrollment.findFirst({ where: { studentId: student.id, courseId: course.id, status: "ACTIVE" }, select: { id: true } });
  if (dup) throw new DomainError(ALREADY, "courseId");

  try {
    return await db().$transaction(async (tx) => {
      const e = await tx.enrollment.create({
        data: {
          studentId: student.id,
          courseId: course.id,
          // New enrollments are graded on the course's current assessment set (lib/catalog/write.ts).
          courseVersion: course.currentVersion,
          startDate: input.startDate,
          targetDate,
          replacesId: input.replacesId ?? null,
          enrolledById: viewer.id,
        },
        select: { id: true },
      });
      await recordAudit(
        viewer,
        { action: "enrollment.create", studentId: student.id, entity: "Enrollment", entityId: e.id, details: { courseId: course.id, courseVersion: course.currentVersion, replacesId: input.replacesId ?? null, ...(replacement === null ? {} : { replacement }) } },
        tx,
      );
      return e;
    });
  } catch (e) {
    // A concurrent enrollment won the race to the partial unique index (one ACTIVE per course).
    if (isUniqueViolation(e)) throw new DomainError(ALREADY, "courseId");
    throw e;
  }
}
