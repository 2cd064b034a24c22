import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { NotFoundError, type Viewer } from "@/lib/access";
import { getStudentRecord } from "@/lib/students/record";
import { runValidated } from "@/lib/safe-action";
import { addNote, editNote } from "./notes";
import { shareNote, sharingFor, unshareNote } from "./share";
import { addNoteSchema, shareNoteSchema } from "./schema";
import { caseloadRows } from "@/lib/students/caseload";
import { caseloadParamsSchema } from "@/lib/students/schema";

// Restricted notes (issue 16): read only by the author, the administrators of the student's school,
// district administrators and the users a note is shared with; every read is audited; a
// reassigned student's new counselor does not see one until it is shared.

useTestDatabase();

const asOf = new Date("2026-11-20T00:00:00Z");
const bodies = async (v: Viewer, studentId: string) => (await getStudentRecord(v, studentId, asOf)).notes.map((n) => n.body);
const reads = (userId: string, studentId: string) => db().auditEvent.findMany({ where: { userId, studentId, action: "note.restricted-read" }, select: { details: true } });

async function setup() {
  const school = await makeSchool();
  const otherSchool = await makeSchool();
  const author = viewerOf(await makeUser("COUNSELOR", school.id));
  const newCounselor = viewerOf(await makeUser("COUNSELOR", school.id));
  const otherCounselor = viewerOf(await makeUser("COUNSELOR", school.id));
  const schoolAdmin = viewerOf(await makeUser("SCHOOL_ADMIN", school.id));
  const otherSchoolAdmin = viewerOf(await makeUser("SCHOOL_ADMIN", otherSchool.id));
  const districtAdmin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
  const student = await makeStudent(school.id, author.id);
  const secret = await runValidated(author, addNoteSchema, addNote, { studentId: student.id, kind: "OTHER", body: "Disclosed a family matter.", restricted: "on" });
  if (!secret.ok) throw new Error(secret.message);
  await addNote(author, { studentId: student.id, kind: "CHECK_IN", body: "Ordinary check-in." });
  return { student, author, newCounselor, otherCounselor, schoolAdmin, otherSchoolAdmin, districtAdmin, noteId: secret.data.id };
}

describe("restricted notes", () => {
  it("the form's checkbox stores the note restricted; without it a note is ordinary", async () => {
    const { noteId, student } = await setup();
    expect(await db().note.findUniqueOrThrow({ where: { id: noteId }, select: { restricted: true } })).toEqual({ restricted: true });
    expect(await db().note.count({ where: { studentId: student.id, restricted: false } })).toBe(1);
  });

  it("a counselor of another caseload and a school admin of another school get not found for the student", async () => {
    const { student, otherCounselor, otherSchoolAdmin } = await setup();
    await expect(getStudentRecord(otherCounselor, student.id, asOf)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getStudentRecord(otherSchoolAdmin, student.id, asOf)).rejects.toBeInstanceOf(NotFoundError);
    expect(await reads(otherCounselor.id, student.id)).toEqual([]);
  });

  it("the author, the school's admin and a district admin read it, and each read is audited with the note's id", async () => {
    const { student, author, schoolAdmin, districtAdmin, noteId } = await setup();
    for (const v of [author, schoolAdmin, districtAdmin]) {
      expect(await bodies(v, student.id)).toEqual(["Ordinary check-in.", "Disclosed a family matter."]);
      expect(await reads(v.id, student.id)).toEqual([{ details: { noteIds: [noteId] } }]);
    }
  });

  it("after a reassignment the new counselor reads the ordinary notes only; neither the former counselor (out of reach now) nor the new one can share it", async () => {
    const { student, author, newCounselor, noteId } = await setup();
    await db().student.update({ where: { id: student.id }, data: { counselorId: newCounselor.id } });
    expect(await bodies(newCounselor, student.id)).toEqual(["Ordinary check-in."]);
    expect(await reads(newCounselor.id, student.id)).toEqual([]);
    // The author, no longer the counselor, cannot reach the student: only an administrator can share now.
    await expect(shareNote(author, { noteId, userId: newCounselor.id })).rejects.toBeInstanceOf(NotFoundError);
    // The new counselor may not share it with themselves.
    await expect(shareNote(newCounselor, { noteId, userId: newCounselor.id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("an administrator shares it with the new counselor (audited), who then reads it (audited); unshare takes it back", async () => {
    const { student, schoolAdmin, newCounselor, noteId } = await setup();
    await db().student.update({ where: { id: student.id }, data: { counselorId: newCounselor.id } });
    expect([...(await sharingFor(schoolAdmin, [noteId])).get(noteId)!.candidates]).toEqual([{ id: newCounselor.id, name: newCounselor.name }]);
    const shared = await runValidated(schoolAdmin, shareNoteSchema, shareNote, { noteId, userId: newCounselor.id });
    expect(shared).toMatchObject({ ok: true, data: { studentId: student.id, name: newCounselor.name } });
    expect(await db().auditEvent.count({ where: { userId: schoolAdmin.id, action: "note.share", entityId: noteId } })).toBe(1);
    expect(await bodies(newCounselor, student.id)).toEqual(["Ordinary check-in.", "Disclosed a family matter."]);
    expect(await reads(newCounselor.id, student.id)).toEqual([{ details: { noteIds: [noteId] } }]);
    await unshareNote(schoolAdmin, { noteId, userId: newCounselor.id });
    expect(await db().auditEvent.count({ where: { userId: schoolAdmin.id, action: "note.unshare", entityId: noteId } })).toBe(1);
    expect(await bodies(newCounselor, student.id)).toEqual(["Ordinary check-in."]);
  });

  it("the author shares it while still the counselor; a user who cannot reach the student is refused", async () => {
    const { student, author, otherCounselor, otherSchoolAdmin, noteId } = await setup();
    expect(await runValidated(author, shareNoteSchema, shareNote, { noteId, userId: otherCounselor.id })).toMatchObject({
      ok: false,
      fieldErrors: { userId: [expect.stringContaining("can reach this student")] },
    });
    expect(await runValidated(author, shareNoteSchema, shareNote, { noteId, userId: otherSchoolAdmin.id })).toMatchObject({ ok: false });
    expect(await db().noteShare.count({ where: { noteId } })).toBe(0);
    expect(await bodies(author, student.id)).toContain("Disclosed a family matter.");
  });

  it("an ordinary note cannot be shared: everyone who reaches the student reads it already", async () => {
    const { student, author, newCounselor } = await setup();
    const plain = await db().note.findFirstOrThrow({ where: { studentId: student.id, restricted: false }, select: { id: true } });
    expect(await runValidated(author, shareNoteSchema, shareNote, { noteId: plain.id, userId: newCounselor.id })).toMatchObject({
      ok: false,
      message: expect.stringContaining("not restricted"),
    });
  });

  // Since f9d5abf (lib/students/caseload.ts): not even its date reveals a note the viewer cannot read.
  it("the caseload's latest-note date leaves out a restricted note the counselor cannot read (its date and its text)", async () => {
    const { student, newCounselor, noteId } = await setup();
    await db().student.update({ where: { id: student.id }, data: { counselorId: newCounselor.id } });
    const later = new Date(Date.now() + 60_000);
    await db().note.update({ where: { id: noteId }, data: { createdAt: later } });
    const ordinary = await db().note.findFirstOrThrow({ where: { studentId: student.id, restricted: false }, select: { createdAt: true } });
    const { all } = await caseloadRows(newCounselor, caseloadParamsSchema.parse({}), asOf);
    const row = all.find((r) => r.id === student.id)!;
    expect(row.latestNoteOn?.getTime()).toBe(ordinary.createdAt.getTime());
    expect(JSON.stringify(row)).not.toContain("Disclosed");
  });

  it("a page that shows no notes (letter, printable plan: notes: false) records no restricted read", async () => {
    const { student, author, schoolAdmin } = await setup();
    for (const v of [author, schoolAdmin]) {
      const r = await getStudentRecord(v, student.id, asOf, { notes: false });
      expect([r.student.id, r.notes, r.needsAttention]).toEqual([student.id, [], false]);
      expect(await reads(v.id, student.id)).toEqual([]);
    }
    // The read itself is still audited (student.read).
    expect(await db().auditEvent.count({ where: { userId: schoolAdmin.id, studentId: student.id, action: "student.read" } })).toBe(1);
  });

  it("editing a restricted note one cannot read answers not found, as for a note that does not exist", async () => {
    const { student, author, newCounselor, noteId } = await setup();
    await db().student.update({ where: { id: student.id }, data: { counselorId: newCounselor.id } });
    await expect(editNote(newCounselor, { noteId, version: 1, kind: "OTHER", body: "x" })).rejects.toBeInstanceOf(NotFoundError);
    // Its author (back as the counselor) still edits it.
    await db().student.update({ where: { id: student.id }, data: { counselorId: author.id } });
    expect(await editNote(author, { noteId, version: 1, kind: "OTHER", body: "Edited." })).toBe(student.id);
  });
});
