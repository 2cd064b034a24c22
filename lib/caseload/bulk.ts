import "server-only";
import { db } from "@/lib/db";
import { NotFoundError, studentScope, type Viewer } from "@/lib/access";
import type { BulkNoteInput } from "./schema";

/**
 * Adds the same note to every selected student (issue 16: bulk actions are transactions). Each id
 * is re-checked against the viewer's scope inside the transaction; one out of scope or missing
 * refuses the whole action as not found, and nothing is written. Each note is audited as the
 * single-note path does (lib/notes/notes.ts: "note.create", the student, the note), one event per
 * student, with `bulk` and the count in its details. Two statements after the check, whatever the
 * number of students. Never restricted: a restricted note is a judgement about one student.
 */
export async function addNoteToStudents(viewer: Viewer, input: BulkNoteInput): Promise<{ added: number }> {
  return db().$transaction(async (tx) => {
    const found = await tx.student.findMany({ where: { AND: [{ id: { in: input.studentId } }, studentScope(viewer)] }, select: { id: true } });
    if (found.length !== input.studentId.length) {
      const seen = new Set(found.map((s) => s.id));
      throw new NotFoundError(
        "Student",
        input.studentId.find((id) => !seen.has(id)),
      );
    }
    const notes = await tx.note.createManyAndReturn({
      data: input.studentId.map((studentId) => ({ studentId, authorId: viewer.id, kind: input.kind, body: input.body })),
      select: { id: true, studentId: true },
    });
    await tx.auditEvent.createMany({
      data: notes.map((n) => ({
        userId: viewer.id,
        action: "note.create",
        studentId: n.studentId,
        entity: "Note",
        entityId: n.id,
        details: { bulk: true, students: notes.length },
      })),
    });
    return { added: notes.length };
  });
}
