import "server-only";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError, studentScope, type Viewer } from "@/lib/access";
import { recordAudit } from "@/lib/audit";
import { ConflictError } from "@/lib/safe-action";
import type { AddNoteInput, EditNoteInput } from "./schema";

// Counselor notes on a student: anyone who can reach the student may add one; only its author
// may edit it, and an edit names the version it read (a stale edit is refused, never overwrites).

export async function addNote(viewer: Viewer, input: AddNoteInput): Promise<{ id: string }> {
  const student = await db().student.findFirst({ where: { AND: [{ id: input.studentId }, studentScope(viewer)] }, select: { id: true } });
  if (!student) throw new NotFoundError("Student");
  return db().$transaction(async (tx) => {
    const note = await tx.note.create({ data: { studentId: student.id, authorId: viewer.id, kind: input.kind, body: input.body }, select: { id: true } });
    await recordAudit(viewer, { action: "note.create", studentId: student.id, entity: "Note", entityId: note.id }, tx);
    return note;
  });
}

export async function editNote(viewer: Viewer, input: EditNoteInput): Promise<string> {
  const note = await db().note.findFirst({ where: { id: input.noteId, student: studentScope(viewer) }, select: { id: true, authorId: true, studentId: true, version: true } });
  if (!note) throw new NotFoundError("Note");
  if (note.authorId !== viewer.id) throw new ForbiddenError("Only the author can edit a note.");
  if (note.version !== input.version) throw new ConflictError();
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
