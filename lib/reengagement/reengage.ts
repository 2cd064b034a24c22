import "server-only";
import { db } from "@/lib/db";
import { NotFoundError, studentScope, type Viewer } from "@/lib/access";
import { DomainError } from "@/lib/safe-action";
import { changeStudentStatus } from "@/lib/students/status";
import type { ReengageInput } from "./schema";

// Re-engage a student from the Re-engagement list: the one status-change path
// (lib/students/status.ts changeStudentStatus: a REENGAGED event, the student ENROLLED again,
// version-checked and audited as "student.status") with a counselor set in the same transaction,
// so the student is back on a caseload. Who may: whoever reaches the student (studentScope —
// administrators, and the student's counselor). The counselor must be an active counselor of the
// student's school.

export async function reengageStudent(viewer: Viewer, input: ReengageInput, now: Date = new Date()) {
  const student = await db().student.findFirst({ where: { AND: [{ id: input.studentId }, studentScope(viewer)] }, select: { id: true, schoolId: true } });
  if (!student) throw new NotFoundError("Student");
  const counselor = await db().user.findFirst({
    where: { id: input.counselorId, role: "COUNSELOR", active: true, schoolId: student.schoolId },
    select: { id: true, name: true },
  });
  if (!counselor) throw new DomainError("Choose one of the school's counselors", "counselorId");
  const r = await changeStudentStatus(
    viewer,
    { studentId: student.id, version: input.version, kind: "REENGAGED", effectiveDate: input.effectiveDate, confirmed: "yes" },
    now,
    { counselorId: counselor.id },
  );
  return { ...r, counselorName: counselor.name };
}
