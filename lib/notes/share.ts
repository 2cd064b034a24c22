import "server-only";
import { db } from "@/lib/db";
import { reachesStudent, canShareNote, ForbiddenError, NotFoundError, readableNote, studentScope, type Viewer } from "@/lib/access";
import { recordAudit } from "@/lib/audit";
import { DomainError } from "@/lib/safe-action";
import type { ShareNoteInput } from "./schema";

// Sharing a restricted note (issue 16): its author or an administrator who reads it shares it with
// one named staff user who can reach the student (e.g. the new counselor after a reassignment), and
// may take the share back. Both audited (note.share, note.unshare) with the user in the details.

async function shareableNote(viewer: Viewer, noteId: string) {
  const note = await db().note.findFirst({
    where: { AND: [{ id: noteId, student: studentScope(viewer) }, readableNote(viewer)] },
    select: { id: true, restricted: true, authorId: true, studentId: true, student: { select: { schoolId: true, counselorId: true } } },
  });
  if (!note) throw new NotFoundError("Note");
  if (!canShareNote(viewer, { authorId: note.authorId, schoolId: note.student.schoolId })) throw new ForbiddenError("Only the note's author or an administrator can share it.");
  if (!note.restricted) throw new DomainError("This note is not restricted: everyone who can see the student reads it.");
  return note;
}

export async function shareNote(viewer: Viewer, input: ShareNoteInput): Promise<{ studentId: string; name: string }> {
  const note = await shareableNote(viewer, input.noteId);
  const user = await db().user.findFirst({ where: { id: input.userId, active: true }, select: { id: true, name: true, role: true, schoolId: true } });
  if (!user || !reachesStudent(user, note.student)) throw new DomainError("Share it only with a staff member who can reach this student.", "userId");
  await db().$transaction(async (tx) => {
    await tx.noteShare.upsert({ where: { noteId_userId: { noteId: note.id, userId: user.id } }, create: { noteId: note.id, userId: user.id, sharedById: viewer.id }, update: {} });
    await recordAudit(viewer, { action: "note.share", studentId: note.studentId, entity: "Note", entityId: note.id, details: { userId: user.id } }, tx);
  });
  return { studentId: note.studentId, name: user.name };
}

export async function unshareNote(viewer: Viewer, input: ShareNoteInput): Promise<{ studentId: string }> {
  const note = await shareableNote(viewer, input.noteId);
  await db().$transaction(async (tx) => {
    const gone = await tx.noteShare.deleteMany({ where: { noteId: note.id, userId: input.userId } });
    if (gone.count === 0) throw new DomainError("It was not shared with this user.");
    await recordAudit(viewer, { action: "note.unshare", studentId: note.studentId, entity: "Note", entityId: note.id, details: { userId: input.userId } }, tx);
  });
  return { studentId: note.studentId };
}

/**
 * For the notes list: of the given restricted notes, those the viewer may share, with whom each is
 * shared, and whom it could be shared with — the student's current counselor, who does not read
 * restricted notes otherwise (the school's and the district's administrators already do).
 */
export async function sharingFor(viewer: Viewer, noteIds: string[]) {
  type Sharing = { shares: { id: string; name: string }[]; candidates: { id: string; name: string }[] };
  const out = new Map<string, Sharing>();
  if (noteIds.length === 0) return out;
  const notes = await db().note.findMany({
    where: { AND: [{ id: { in: noteIds }, restricted: true, student: studentScope(viewer) }, readableNote(viewer)] },
    select: {
      id: true,
      authorId: true,
      student: { select: { schoolId: true, counselor: { select: { id: true, name: true, active: true } } } },
      shares: { select: { user: { select: { id: true, name: true } } }, orderBy: { createdAt: "asc" } },
    },
  });
  for (const n of notes) {
    if (!canShareNote(viewer, { authorId: n.authorId, schoolId: n.student.schoolId })) continue;
    const shares = n.shares.map((s) => s.user);
    const c = n.student.counselor;
    const candidates = c && c.active && c.id !== n.authorId && !shares.some((s) => s.id === c.id) ? [{ id: c.id, name: c.name }] : [];
    out.set(n.id, { shares, candidates });
  }
  return out;
}
export type NoteSharing = Awaited<ReturnType<typeof sharingFor>>;
