import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { canManageUsers, ForbiddenError, NotFoundError, type Viewer } from "@/lib/access";
import { ConflictError, DomainError } from "@/lib/safe-action";
import type { ReassignInput } from "./schema";
import { caseloadFingerprint } from "./caseload-fingerprint";

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
export async function reassignCaseload(viewer: Viewer, input: ReassignInput): Promise<{ moved: number; toName: string }> {
  if (!canManageUsers(viewer)) throw new ForbiddenError();
  return db().$transaction(async (tx) => {
    const [from, to] = await Promise.all([
      tx.user.findUnique({ where: { id: input.fromId }, select: { id: true, role: true, name: true } }),
      tx.user.findUnique({ where: { id: input.toId }, select: { id: true, role: true, active: true, name: true, schoolId: true, school: { select: { name: true } } } }),
    ]);
    if (!from) throw new NotFoundError("User", input.fromId);
    if (!to) throw new NotFoundError("User", input.toId);
    if (from.id === to.id) throw new DomainError("Choose another counselor than the one the students leave", "toId");
    if (from.role !== "COUNSELOR") throw new DomainError("Only a counselor has a caseload to move", "fromId");
    if (to.role !== "COUNSELOR" || !to.active || !to.schoolId) throw new DomainError("Choose an active counselor to take the students", "toId");

    const ticked = new Map(input.students.map((s) => [s.id, s.version]));
    const students = await tx.student.findMany({
      where: input.scope === "all" ? { counselorId: from.id } : { id: { in: [...ticked.keys()] } },
      select: { id: true, version: true, counselorId: true, schoolId: true },
    });
    const stale =
      input.scope === "all"
        ? students.length !== input.expected || caseloadFingerprint(students) !== input.listed
        : students.length !== ticked.size || students.some((s) => s.counselorId !== from.id || s.version !== ticked.get(s.id));
    if (stale) throw new ConflictError("These students changed since the page was loaded (moved, added or edited by someone else): reload the page and try again. Nobody was moved.");
    if (students.length === 0) throw new DomainError("There are no students on this caseload to move", "students");
    const elsewhere = students.filter((s) => s.schoolId !== to.schoolId).length;
    if (elsewhere > 0) {
      throw new DomainError(
        `${elsewhere.toLocaleString("en-US")} of these students ${elsewhere === 1 ? "is" : "are"} not at ${to.school?.name ?? "the school"}, where ${to.name} works: move ${elsewhere === 1 ? "that student" : "them"} to a counselor of their own school. Nobody was moved.`,
        "toId",
      );
    }
    // counselorId in the where: a student another transaction moved between the read above and
    // here is not moved twice, and the count below then refuses the whole move.
    const { count: moved } = await tx.student.updateMany({
      where: { id: { in: students.map((s) => s.id) }, counselorId: from.id },
      data: { counselorId: to.id, version: { increment: 1 } },
    });
    if (moved !== students.length) throw new ConflictError("These students changed while they were being moved: reload the page and try again. Nobody was moved.");
    await recordAudit(
      viewer,
      { action: "caseload.reassign", entity: "User", entityId: from.id, details: { from: from.id, to: to.id, scope: input.scope, students: moved }, studentIds: students.map((s) => s.id) },
      tx,
    );
    return { moved, toName: to.name };
  });
}
