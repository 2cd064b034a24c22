import "server-only";
import { db } from "@/lib/db";
import { NotFoundError, studentScope, type Viewer } from "@/lib/access";
import { DomainError } from "@/lib/safe-action";
import { changeStudentStatus } from "@/lib/students/status";
import { counselorsBySchool } from "./queries";
import type { ReengageInput } from "./schema";

// Re-engage a student, from the Re-engagement list or the student's status form: the one
// status-change path (lib/students/status.ts changeStudentStatus: a REENGAGED event, the student
// ENROLLED again, version-checked and audited as "student.status") ending with an active counselor
// of the student's school, so the student is back on a caseload and the Today list. Who may:
// whoever reaches the student (studentScope — administrators, and the student's counselor).

/** The rule: a counselor who may take a re-engaged student is an active counselor of the student's school. */
const takesStudentsOf = (schoolId: string) => ({ role: "COUNSELOR" as const, active: true, schoolId });

/**
 * `counselorId` is the counselor chosen (the list always asks; the status form asks only when
 * needed): that choice is set and pinned, with the old counselor's active plans
 * (lib/students/assign-counselor.ts). Without one, the student's current counselor stays if they
 * still may take the student (active, at the school); otherwise a counselor must be chosen.
 */
export async function reengageStudent(viewer: Viewer, input: Omit<ReengageInput, "counselorId"> & { counselorId?: string }, now: Date = new Date()) {
  const student = await db().student.findFirst({ where: { AND: [{ id: input.studentId }, studentScope(viewer)] }, select: { id: true, schoolId: true, counselorId: true } });
  if (!student) throw new NotFoundError("Student");
  const id = input.counselorId ?? student.counselorId;
  const counselor = id ? await db().user.findFirst({ where: { id, ...takesStudentsOf(student.schoolId) }, select: { id: true, name: true } }) : null;
  if (!counselor) throw new DomainError(input.counselorId ? "Choose one of the school's counselors" : NEEDS_COUNSELOR, "counselorId");
  const r = await changeStudentStatus(
    viewer,
    { studentId: student.id, version: input.version, kind: "REENGAGED", effectiveDate: input.effectiveDate, confirmed: "yes" },
    now,
    input.counselorId ? { counselorId: counselor.id } : undefined,
  );
  return { ...r, counselorName: counselor.name };
}

export const NEEDS_COUNSELOR = "Choose a counselor: the student has no active counselor at the school";

/**
 * For the status form: whom to ask for when re-engaging this student — null when the current
 * counselor stays (active, at the school), else the school's active counselors (may be empty).
 */
export async function reengageCounselorChoices(viewer: Viewer, studentId: string): Promise<{ id: string; name: string }[] | null> {
  const student = await db().student.findFirst({ where: { AND: [{ id: studentId }, studentScope(viewer)] }, select: { schoolId: true, counselorId: true } });
  if (!student) throw new NotFoundError("Student");
  const keeps = student.counselorId && (await db().user.count({ where: { id: student.counselorId, ...takesStudentsOf(student.schoolId) } })) > 0;
  if (keeps) return null;
  return (await counselorsBySchool(viewer, [student.schoolId])).get(student.schoolId) ?? [];
}
