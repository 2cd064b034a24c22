import "server-only";
import { db, isUniqueViolation } from "@/lib/db";
import { NotFoundError, studentScope, type Viewer } from "@/lib/access";
import { recordAudit } from "@/lib/audit";
import { DomainError } from "@/lib/safe-action";
import { lockedTranscriptCourse } from "@/lib/sql/queries/locked-transcript-course";
import { lockedStudent } from "@/lib/sql/queries/locked-student";
import { PROGRAM_TYPE_LABEL } from "@/lib/labels";
import { concurrentBreach } from "./guardrails";
import { rigorPolicyFor } from "./rigor-policy";
import { RECOVERING_STATUSES, recoveryKind } from "@/lib/students/recovery";
import { defaultTargetDate } from "./rules";
import type { EnrollInput } from "./schema";

const ALREADY = "This student already has an active enrollment in this course.";

/**
 * Enrolls a student on the viewer's caseload/scope in a catalog course. Refuses: a student not in
 * scope (not found), a student who is not currently enrolled (graduated, dropped out, transferred…),
 * an inactive course, a second active enrollment in the same course, a target not after the start,
 * a "replaces" course that is not a failed course on this student's transcript or that another
 * enrollment already recovers (active or completed: lib/students/recovery.ts RECOVERING_STATUSES),
 * and a course the card would not offer for it.
 *
 * `replacesId` links the enrollment to the failed course it makes up for. The courses accepted are
 * exactly those the card offers (lib/students/recovery.ts recoveryKind): a credit-recovery course
 * whose catalog `recovers` names the failed SIS code is a replacement; another credit-recovery course
 * of the same subject area is a substitute (it earns that subject's credit, not the same course); no
 * course of another program type. The audit records which (`replacement`), as the card says. A
 * failure whose recovery failed or was withdrawn can be linked again. The failed course's row is
 * locked while the link is written, so two enrollments cannot both take it.
 *
 * The district's most concurrent courses of the program type per student (RigorPolicy
 * maxConcurrentPerStudent, lib/enrollments/guardrails.ts) is counted with the student's row locked:
 * over it, the enrollment is refused (policy "refuse") or made with the warning in `warning` and
 * the audit event (policy "warn").
 */
export async function enrollStudent(viewer: Viewer, input: EnrollInput): Promise<{ id: string; course: string; warning: string | null }> {
  const student = await db().student.findFirst({ where: { AND: [{ id: input.studentId }, studentScope(viewer)] }, select: { id: true, status: true } });
  if (!student) throw new NotFoundError("Student");
  if (student.status !== "ENROLLED") throw new DomainError("Only a currently enrolled student can be enrolled in a course (re-engage the student first).");
  const course = await db().onlineCourse.findUnique({ where: { id: input.courseId }, include: { provider: { select: { name: true } } } });
  if (!course || !course.active) throw new DomainError("Choose an active catalog course.", "courseId");
  const targetDate = input.targetDate ?? defaultTargetDate(input.startDate, course.expectedWeeks);
  if (targetDate <= input.startDate) throw new DomainError("The target date must be after the start date.", "targetDate");
  let replacement: boolean | null = null;
  let failedName = "";
  if (input.replacesId) {
    const failed = await db().transcriptCourse.findFirst({ where: { id: input.replacesId, studentId: student.id } });
    if (!failed) throw new DomainError("Choose a course from this student's transcript.", "replacesId");
    if (Number(failed.creditsEarned) > 0) throw new DomainError("That course was passed: only a failed course can be recovered.", "replacesId");
    const kind = recoveryKind(failed, course);
    if (kind === null) {
      throw new DomainError(
        course.programType !== "CREDIT_RECOVERY"
          ? `${course.title} is not a credit-recovery course: only those can recover ${failed.courseTitle} (${failed.courseCode}).`
          : `${course.title} neither recovers ${failed.courseTitle} (${failed.courseCode}) nor earns credit in its subject area.`,
        "courseId",
      );
    }
    replacement = kind === "replacement";
    failedName = `${failed.courseTitle} (${failed.courseCode})`;
  }
  const dup = await db().enrollment.findFirst({ where: { studentId: student.id, courseId: course.id, status: "ACTIVE" }, select: { id: true } });
  if (dup) throw new DomainError(ALREADY, "courseId");

  try {
    return await db().$transaction(async (tx) => {
      if (input.replacesId) {
        await lockedTranscriptCourse(tx, input.replacesId);
        const by = await tx.enrollment.findFirst({
          where: { replacesId: input.replacesId, status: { in: [...RECOVERING_STATUSES] } },
          select: { status: true, course: { select: { title: true } } },
        });
        if (by) throw new DomainError(`${failedName} is already recovered by ${by.course.title} (${by.status === "ACTIVE" ? "under way" : "completed"}).`, "replacesId");
      }
      const policy = await rigorPolicyFor(course.programType, tx);
      let warning: string | null = null;
      if (policy?.maxConcurrentPerStudent != null) {
        await lockedStudent(tx, student.id);
        const active = await tx.enrollment.count({ where: { studentId: student.id, status: "ACTIVE", course: { programType: course.programType } } });
        warning = concurrentBreach(policy, active, PROGRAM_TYPE_LABEL[course.programType].toLowerCase());
        if (warning && policy.mode === "REFUSE") throw new DomainError(`${warning} Nothing was recorded.`, "courseId");
      }
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
        {
          action: "enrollment.create",
          studentId: student.id,
          entity: "Enrollment",
          entityId: e.id,
          details: {
            courseId: course.id,
            courseVersion: course.currentVersion,
            replacesId: input.replacesId ?? null,
            ...(replacement === null ? {} : { replacement }),
            ...(warning === null ? {} : { guardrailWarning: warning }),
          },
        },
        tx,
      );
      // Named as the confirmation says it (issue 16: "a message says what happened").
      return { id: e.id, course: `${course.title} (${course.provider.name})`, warning };
    });
  } catch (e) {
    // A concurrent enrollment won the race to the partial unique index (one ACTIVE per course).
    if (isUniqueViolation(e)) throw new DomainError(ALREADY, "courseId");
    throw e;
  }
}
