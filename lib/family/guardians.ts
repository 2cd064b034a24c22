import "server-only";
import { db, isUniqueViolation } from "@/lib/db";
import { NotFoundError, studentScope, type Viewer } from "@/lib/access";
import { recordAudit } from "@/lib/audit";
import { studentGuardians } from "@/lib/sql/queries/student-guardians";
import { ConflictError, DomainError } from "@/lib/safe-action";
import type { AddGuardianInput, DeleteGuardianInput, EditGuardianInput } from "./schema";

// A student's guardians (issue 16): anyone who can reach the student reads, adds, edits and deletes
// them (studentScope). An edit or delete names the version it read: a stale one is refused.

const FIELDS = {
  id: true,
  name: true,
  relationship: true,
  phone: true,
  email: true,
  preferredLanguage: true,
  noContact: true,
  rightsHolder: true,
  interpreter: true,
  sourcedId: true,
  version: true,
} as const;

/** The student's guardians, in the order they were added; none when the student is out of scope. */
export async function listGuardians(viewer: Viewer, studentId: string) {
  return studentGuardians(studentId, viewer);
}
export type GuardianView = Awaited<ReturnType<typeof listGuardians>>[number];

function fields(input: Omit<AddGuardianInput, "studentId">) {
  return {
    name: input.name,
    relationship: input.relationship,
    phone: input.phone ?? null,
    email: input.email ?? null,
    preferredLanguage: input.preferredLanguage,
    noContact: input.noContact,
    rightsHolder: input.rightsHolder,
    interpreter: input.interpreter,
  };
}

export const KEY_REUSED = "This idempotency key was already used for another guardian.";

/**
 * Adds a guardian, once per `clientKey` (the add form's per-form key), as lib/notes/notes.ts addNote:
 * a repeat with the same key answers the guardian the first one stored, without writing or auditing
 * again; two in flight at once race on the unique index (studentId, clientKey) and the loser answers
 * the winner's guardian. A key reused for a different guardian is refused.
 */
export async function addGuardian(viewer: Viewer, input: AddGuardianInput): Promise<{ id: string; studentId: string }> {
  const student = await db().student.findFirst({ where: { AND: [{ id: input.studentId }, studentScope(viewer)] }, select: { id: true } });
  if (!student) throw new NotFoundError("Student");
  const data = fields(input);
  const key = input.clientKey;
  if (key) {
    const earlier = await guardianWithKey(student.id, key);
    if (earlier) return sameGuardian(earlier, data);
  }
  try {
    return await db().$transaction(async (tx) => {
      const g = await tx.guardian.create({ data: { studentId: student.id, clientKey: key ?? null, ...data }, select: { id: true } });
      await recordAudit(viewer, { action: "guardian.create", studentId: student.id, entity: "Guardian", entityId: g.id }, tx);
      return { id: g.id, studentId: student.id };
    });
  } catch (e) {
    const winner = key && isUniqueViolation(e) ? await guardianWithKey(student.id, key) : null;
    if (!winner) throw e;
    return sameGuardian(winner, data);
  }
}

function guardianWithKey(studentId: string, clientKey: string) {
  return db().guardian.findUnique({ where: { studentId_clientKey: { studentId, clientKey } }, select: { ...FIELDS, studentId: true } });
}

function sameGuardian(g: GuardianView & { studentId: string }, data: ReturnType<typeof fields>): { id: string; studentId: string } {
  const differs = (Object.keys(data) as (keyof typeof data)[]).some((k) => g[k] !== data[k]);
  if (differs) throw new DomainError(KEY_REUSED);
  return { id: g.id, studentId: g.studentId };
}

async function guardianInScope(viewer: Viewer, id: string) {
  const g = await db().guardian.findFirst({ where: { id, student: studentScope(viewer) }, select: { id: true, studentId: true, version: true } });
  if (!g) throw new NotFoundError("Guardian");
  return g;
}

export async function editGuardian(viewer: Viewer, input: EditGuardianInput): Promise<string> {
  const g = await guardianInScope(viewer, input.guardianId);
  if (g.version !== input.version) throw new ConflictError();
  await db().$transaction(async (tx) => {
    const updated = await tx.guardian.updateMany({ where: { id: g.id, version: input.version }, data: { ...fields(input), version: { increment: 1 } } });
    if (updated.count === 0) throw new ConflictError();
    await recordAudit(viewer, { action: "guardian.edit", studentId: g.studentId, entity: "Guardian", entityId: g.id }, tx);
  });
  return g.studentId;
}

/** Contacts logged with the guardian keep who it was in words (Contact.withWhom); their link is cleared. */
export async function deleteGuardian(viewer: Viewer, input: DeleteGuardianInput): Promise<string> {
  const g = await guardianInScope(viewer, input.guardianId);
  if (g.version !== input.version) throw new ConflictError();
  await db().$transaction(async (tx) => {
    const deleted = await tx.guardian.deleteMany({ where: { id: g.id, version: input.version } });
    if (deleted.count === 0) throw new ConflictError();
    await recordAudit(viewer, { action: "guardian.delete", studentId: g.studentId, entity: "Guardian", entityId: g.id }, tx);
  });
  return g.studentId;
}
