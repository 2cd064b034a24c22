import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { holdsCaseload, NotFoundError, staffScope, studentScope, type Viewer, assertCan } from "@/lib/access";
import { ConflictError, DomainError } from "@/lib/safe-action";
import type { BulkReassignInput } from "@/lib/caseload/schema";
import type { ReassignInput } from "./schema";
import { caseloadFingerprint } from "./caseload-fingerprint";
import { assignCounselor } from "@/lib/students/assign-counselor";

/**
 * Moves students from one counselor's caseload to another's, all at once or the ones ticked, in
 * one transaction with one audit event naming every student moved (AuditEventStudent rows).
 *
 * - The students leave a counselor (active or deactivated: a counselor who has left is the usual
 *   case) for an active counselor.
 * - Across schools: a counselor reaches only students of their own school (lib/access.ts), so the
 *   receiving counselor must work at every moved student's school. Otherwise nothing moves, and
 *   the refusal says how many students are at another school.
 * - Concurrency: each ticked student carries the Student.version the page showed; "all" carries
 *   the number and the fingerprint (caseload-fingerprint.ts) of the students the page showed. A
 *   student moved, changed or added meanwhile refuses
 *   the whole move (nothing is written) and asks for a reload. Each moved student's version goes up.
 */
export async function reassignCaseload(viewer: Viewer, input: ReassignInput): Promise<{ moved: number; plans: number; toName: string }> {
  assertCan(viewer, "users.manage");
  return db().$transaction(async (tx) => {
    const [from, to] = await Promise.all([tx.user.findUnique({ where: { id: input.fromId }, select: { id: true, role: true, name: true } }), receiver(tx, viewer, input.toId)]);
    if (!from) throw new NotFoundError("User", input.fromId);
    if (from.id === to.id) throw new DomainError("Choose another counselor than the one the students leave", "toId");
    if (!holdsCaseload(from.role)) throw new DomainError("Only a counselor has a caseload to move", "fromId");

    const ticked = new Map(input.students.map((s) => [s.id, s.version]));
    const students = await tx.student.findMany({
      where: input.scope === "all" ? { counselorId: from.id } : { id: { in: [...ticked.keys()] } },
      select: { id: true, version: true, counselorId: true, schoolId: true },
    });
    const stale =
      input.scope === "all"
        ? students.length !== input.expected || caseloadFingerprint(students) !== input.listed
        : students.length !== ticked.size || students.some((s) => s.counselorId !== from.id || s.version !== ticked.get(s.id));
    if (stale) throw new ConflictError(STALE);
    if (students.length === 0) throw new DomainError("There are no students on this caseload to move", "students");
    // counselorId in the where: a student another transaction moved between the read above and
    // here is not moved twice, and moveStudents then refuses the whole move.
    const { moved, plans } = await moveStudents(tx, viewer, to, students, { counselorId: from.id });
    await recordAudit(
      viewer,
      {
        action: "caseload.reassign",
        entity: "User",
        entityId: from.id,
        details: { from: from.id, to: to.id, scope: input.scope, students: moved, plans },
        studentIds: students.map((s) => s.id),
      },
      tx,
    );
    return { moved, plans, toName: to.name };
  });
}

/**
 * Moves the students ticked on the caseload (issue 16, bulk actions), each at the Student.version
 * the page showed, to one active counselor; they may come from several counselors (or none). Who:
 * POLICY "caseload.reassign" (lib/access.ts) — a school admin only their school's students (a student out
 * of scope is not found) to a counselor of their school (another is not found, staffScope). The
 * same rules as reassignCaseload: a stale version refuses the whole move, the receiving counselor
 * must work at every student's school, one audit event naming every student moved. Students
 * already on the receiver's caseload stay as they are and are counted apart.
 */
export async function reassignStudents(viewer: Viewer, input: BulkReassignInput): Promise<{ moved: number; plans: number; already: number; toName: string }> {
  assertCan(viewer, "caseload.reassign");
  const ticked = new Map(input.students.map((s) => [s.id, s.version]));
  return db().$transaction(async (tx) => {
    const students = await tx.student.findMany({
      where: { AND: [{ id: { in: [...ticked.keys()] } }, studentScope(viewer)] },
      select: { id: true, version: true, counselorId: true, schoolId: true },
    });
    if (students.length !== ticked.size) {
      const seen = new Set(students.map((s) => s.id));
      throw new NotFoundError(
        "Student",
        [...ticked.keys()].find((id) => !seen.has(id)),
      );
    }
    if (students.some((s) => s.version !== ticked.get(s.id))) throw new ConflictError(STALE);
    const to = await receiver(tx, viewer, input.toId);
    const moving = students.filter((s) => s.counselorId !== to.id);
    if (moving.length === 0) throw new DomainError(`${students.length === 1 ? "This student is" : "These students are"} already on ${to.name}'s caseload`, "toId");
    // The version in the where: a student changed between the read above and here refuses all.
    const { moved, plans } = await moveStudents(tx, viewer, to, moving, { OR: moving.map((s) => ({ id: s.id, version: s.version })) });
    const from = [...new Set(moving.map((s) => s.counselorId ?? "none"))];
    await recordAudit(
      viewer,
      {
        action: "caseload.reassign",
        entity: "User",
        entityId: to.id,
        details: { from, to: to.id, scope: "selection", students: moved, plans },
        studentIds: moving.map((s) => s.id),
      },
      tx,
    );
    return { moved, plans, already: students.length - moving.length, toName: to.name };
  });
}

const STALE = "These students changed since the page was loaded (moved, added or edited by someone else): reload the page and try again. Nobody was moved.";

/** The receiving counselor: active, with a school, among the staff the viewer may read (else not found). */
async function receiver(tx: Tx, viewer: Viewer, toId: string) {
  const to = await tx.user.findFirst({
    where: { AND: [{ id: toId }, staffScope(viewer)] },
    select: { id: true, role: true, active: true, name: true, schoolId: true, school: { select: { name: true } } },
  });
  if (!to) throw new NotFoundError("User", toId);
  if (!holdsCaseload(to.role) || !to.active || !to.schoolId) throw new DomainError("Choose an active counselor to take the students", "toId");
  return to;
}

type Moving = { id: string; schoolId: string; counselorId: string | null };

/**
 * The move itself: refused unless the receiver works at every student's school (a counselor
 * reaches only their own school's students, lib/access.ts); `guard` must still match each student
 * when written, else nothing moves. Each moved student's version goes up, and the move is pinned:
 * a roster import keeps it until the file names the same counselor (lib/imports/FORMATS.md).
 */
async function moveStudents(
  tx: Tx,
  viewer: Viewer,
  to: { id: string; name: string; schoolId: string | null; school: { name: string } | null },
  students: Moving[],
  guard: Prisma.StudentWhereInput,
): Promise<{ moved: number; plans: number }> {
  const elsewhere = students.filter((s) => s.schoolId !== to.schoolId).length;
  if (elsewhere > 0) {
    throw new DomainError(
      `${elsewhere.toLocaleString("en-US")} of these students ${elsewhere === 1 ? "is" : "are"} not at ${to.school?.name ?? "the school"}, where ${to.name} works: move ${elsewhere === 1 ? "that student" : "them"} to a counselor of their own school. Nobody was moved.`,
      "toId",
    );
  }
  // The pin and the plans: an administrator's move is kept when the roster is imported again (lib/imports/oneroster/plan.ts).
  return assignCounselor(tx, viewer, students, to.id, {
    where: guard,
    conflict: "These students changed while they were being moved: reload the page and try again. Nobody was moved.",
  });
}
