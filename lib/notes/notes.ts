import "server-only";
import { db, isUniqueViolation } from "@/lib/db";
import { ForbiddenError, NotFoundError, readableNote, studentScope, type Viewer } from "@/lib/access";
import { recordAudit } from "@/lib/audit";
import { ConflictError, DomainError } from "@/lib/safe-action";
import { FAMILY_CONTACT_MOVED, type AddNoteInput, type EditNoteInput } from "./schema";

// Counselor notes on a student: anyone who can reach the student may add one; only its author
// may edit it, and an edit names the version it read (a stale edit is refused, never overwrites).

export const KEY_REUSED = "This idempotency key was already used for another note.";

/**
 * Adds a note, once per `clientKey` (the form's per-form key, the API's Idempotency-Key): a repeat
 * with the same key answers the note the first one stored, without writing or auditing again.
 * Two in flight at once both miss the first lookup; the unique index (authorId, clientKey) lets one
 * insert win and the other, refused with a unique violation, answers the winner's note. A key
 * reused for a different note is refused.
 */
export async function addNote(viewer: Viewer, input: AddNoteInput): Promise<{ id: string }> {
  const student = await db().student.findFirst({ where: { AND: [{ id: input.studentId }, studentScope(viewer)] }, select: { id: true } });
  if (!student) throw new NotFoundError("Student");
  const key = input.clientKey;
  if (key) {
    const earlier = await noteWithKey(viewer, key);
    if (earlier) return sameNote(earlier, student.id, input);
  }
  try {
    return await db().$transaction(async (tx) => {
      const note = await tx.note.create({
        data: { studentId: student.id, authorId: viewer.id, kind: input.kind, body: input.body, clientKey: key ?? null, restricted: input.restricted ?? false },
        select: { id: true },
      });
      await recordAudit(viewer, { action: "note.create", studentId: student.id, entity: "Note", entityId: note.id }, tx);
      return note;
    });
  } catch (e) {
    const winner = key && isUniqueViolation(e) ? await noteWithKey(viewer, key) : null;
    if (!winner) throw e;
    return sameNote(winner, student.id, input);
  }
}

function noteWithKey(viewer: Viewer, clientKey: string) {
  return db().note.findUnique({
    where: { authorId_clientKey: { authorId: viewer.id, clientKey } },
    select: { id: true, studentId: true, kind: true, body: true, restricted: true },
  });
}

function sameNote(note: { id: string; studentId: string; kind: string; body: string; restricted: boolean }, studentId: string, input: AddNoteInput): { id: string } {
  if (note.studentId !== studentId || note.kind !== input.kind || note.body !== input.body || note.restricted !== (input.restricted ?? false)) throw new DomainError(KEY_REUSED);
  return { id: note.id };
}

/**
 * Edits one of my notes. A restricted note the viewer may not read (lib/access.ts readableNote) is
 * not found, exactly like a note that does not exist: "forbidden" would confirm it is there. An old
 * FAMILY_CONTACT note may keep its kind; no note becomes one (family contacts go in the contact log).
 */
export async function editNote(viewer: Viewer, input: EditNoteInput): Promise<string> {
  const note = await db().note.findFirst({
    where: { AND: [{ id: input.noteId, student: studentScope(viewer) }, readableNote(viewer)] },
    select: { id: true, authorId: true, studentId: true, version: true, kind: true },
  });
  if (!note) throw new NotFoundError("Note");
  if (note.authorId !== viewer.id) throw new ForbiddenError("Only the author can edit a note.");
  if (note.version !== input.version) throw new ConflictError();
  if (input.kind === "FAMILY_CONTACT" && note.kind !== "FAMILY_CONTACT") throw new DomainError(FAMILY_CONTACT_MOVED, "kind");
  await db().$transaction(async (tx) => {
    const updated = await tx.note.updateMany({
      where: { id: note.id, version: input.version, authorId: viewer.id },
      data: { kind: input.kind, body: input.body, version: { increment: 1 } },
    });
    if (updated.count === 0) throw new ConflictError();
    await recordAudit(viewer, { action: "note.edit", studentId: note.studentId, entity: "Note", entityId: note.id }, tx);
  });
  return note.studentId;
}
