import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { ConflictError, runValidated } from "@/lib/safe-action";
import { ForbiddenError, NotFoundError } from "@/lib/access";
import { changeStudentStatus } from "./status";
import { statusChangeSchema } from "./schema";
import { addNote, editNote } from "@/lib/notes/notes";
import { addNoteSchema, editNoteSchema } from "@/lib/notes/schema";

useTestDatabase();

const NOW = new Date("2026-10-15T15:00:00Z");
async function setup() {
  const school = await makeSchool();
  const counselor = await makeUser("COUNSELOR", school.id);
  const student = await makeStudent(school.id, counselor.id);
  return { school, me: viewerOf(counselor), student };
}
const change = (viewer: ReturnType<typeof viewerOf>, raw: Record<string, unknown>) => runValidated(viewer, statusChangeSchema, (v, i) => changeStudentStatus(v, i, NOW), raw);

describe("changeStudentStatus", () => {
  it("graduates a student: StatusEvent + Student.status/statusDate/version in one step, audited", async () => {
    const { me, student } = await setup();
    const r = await change(me, { studentId: student.id, version: "1", kind: "GRADUATED", effectiveDate: "2026-06-10", credential: "REGULAR_DIPLOMA", confirmed: "yes" });
    expect(r.ok).toBe(true);
    const s = await db().student.findUniqueOrThrow({ where: { id: student.id } });
    expect(s).toMatchObject({ status: "GRADUATED", version: 2 });
    expect(s.statusDate?.toISOString().slice(0, 10)).toBe("2026-06-10");
    const ev = await db().statusEvent.findFirstOrThrow({ where: { studentId: student.id } });
    expect(ev).toMatchObject({ kind: "GRADUATED", credential: "REGULAR_DIPLOMA", recordedById: me.id, schoolId: student.schoolId, gradeLevel: 10 });
    expect(await db().auditEvent.count({ where: { action: "student.status", studentId: student.id } })).toBe(1);
  });

  it("records a drop-out with its reason, then re-engagement", async () => {
    const { me, student } = await setup();
    expect((await change(me, { studentId: student.id, version: "1", kind: "DROPPED_OUT", effectiveDate: "2026-03-02", reason: "Working full time", confirmed: "yes" })).ok).toBe(
      true,
    );
    expect((await change(me, { studentId: student.id, version: "2", kind: "REENGAGED", effectiveDate: "2026-09-08", confirmed: "yes" })).ok).toBe(true);
    const s = await db().student.findUniqueOrThrow({ where: { id: student.id }, include: { statusEvents: { orderBy: { effectiveDate: "asc" } } } });
    expect(s.status).toBe("ENROLLED");
    expect(s.statusEvents.map((e) => [e.kind, e.reason])).toEqual([
      ["DROPPED_OUT", "Working full time"],
      ["REENGAGED", null],
    ]);
  });

  it("records whether a transfer out is documented", async () => {
    const { me, student } = await setup();
    expect((await change(me, { studentId: student.id, version: "1", kind: "TRANSFERRED_OUT", effectiveDate: "2026-10-01", documented: "no", confirmed: "yes" })).ok).toBe(true);
    expect((await db().statusEvent.findFirstOrThrow({ where: { studentId: student.id } })).documented).toBe(false);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a graduation without the credential", { kind: "GRADUATED", effectiveDate: "2026-06-10" }, "credential"],
    ["a drop-out without a reason", { kind: "DROPPED_OUT", effectiveDate: "2026-06-10", reason: " " }, "reason"],
    ["a transfer without saying if documented", { kind: "TRANSFERRED_OUT", effectiveDate: "2026-06-10" }, "documented"],
    ["a change without a date", { kind: "REENGAGED", effectiveDate: "" }, "effectiveDate"],
    ["an unconfirmed change", { kind: "DROPPED_OUT", effectiveDate: "2026-06-10", reason: "x", confirmed: "" }, "confirmed"],
  ])("refuses %s with a field error", async (_n, raw, field) => {
    const { me, student } = await setup();
    const r = await change(me, { studentId: student.id, version: "1", confirmed: "yes", ...raw });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.fieldErrors?.[field]).toBeTruthy();
  });

  it("refuses a future date, re-engaging an enrolled student, and a stale version", async () => {
    const { me, student } = await setup();
    expect(await change(me, { studentId: student.id, version: "1", kind: "DROPPED_OUT", effectiveDate: "2026-10-16", reason: "x", confirmed: "yes" })).toMatchObject({
      ok: false,
      fieldErrors: { effectiveDate: ["The date cannot be in the future."] },
    });
    expect(await change(me, { studentId: student.id, version: "1", kind: "REENGAGED", effectiveDate: "2026-10-01", confirmed: "yes" })).toMatchObject({
      ok: false,
      fieldErrors: { kind: ["Only a student who dropped out or left without a documented transfer can be re-engaged."] },
    });
    await db().student.update({ where: { id: student.id }, data: { version: 2 } });
    await expect(
      changeStudentStatus(me, { studentId: student.id, version: 1, kind: "REENGAGED", effectiveDate: new Date("2026-10-01"), confirmed: "yes" }, NOW),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await db().statusEvent.count({ where: { studentId: student.id } })).toBe(0);
  });

  it("dates a change against the last event of the history, not Student.statusDate (empty while enrolled)", async () => {
    const { me, student } = await setup();
    // An imported history: dropped out, then re-engaged: enrolled again, statusDate empty.
    await db().statusEvent.createMany({
      data: [
        { studentId: student.id, schoolId: student.schoolId, kind: "DROPPED_OUT", effectiveDate: new Date("2026-03-02"), gradeLevel: 10 },
        { studentId: student.id, schoolId: student.schoolId, kind: "REENGAGED", effectiveDate: new Date("2026-04-01"), gradeLevel: 10 },
      ],
    });
    expect(await change(me, { studentId: student.id, version: "1", kind: "TRANSFERRED_OUT", effectiveDate: "2026-03-15", documented: "yes", confirmed: "yes" })).toMatchObject({
      ok: false,
      fieldErrors: { effectiveDate: ["The date cannot be before the student's last status change (2026-04-01)."] },
    });
    // The same day as the last change is allowed, and is recorded after it.
    expect((await change(me, { studentId: student.id, version: "1", kind: "TRANSFERRED_OUT", effectiveDate: "2026-04-01", documented: "yes", confirmed: "yes" })).ok).toBe(true);
    const last = await db().statusEvent.findFirstOrThrow({ where: { studentId: student.id }, orderBy: [{ effectiveDate: "desc" }, { sequence: "desc" }] });
    expect(last.kind).toBe("TRANSFERRED_OUT");
  });

  it("refuses another counselor's student as not found", async () => {
    const { school, student } = await setup();
    const other = viewerOf(await makeUser("COUNSELOR", school.id));
    await expect(
      changeStudentStatus(other, { studentId: student.id, version: 1, kind: "REENGAGED", effectiveDate: new Date("2026-10-01"), confirmed: "yes" }, NOW),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("notes", () => {
  it("adds a note and lets its author edit it, refusing a stale edit", async () => {
    const { me, student } = await setup();
    const r = await runValidated(me, addNoteSchema, addNote, { studentId: student.id, kind: "CHECK_IN", body: "Talked about Algebra recovery." });
    expect(r.ok).toBe(true);
    const note = await db().note.findFirstOrThrow({ where: { studentId: student.id } });
    expect((await runValidated(me, editNoteSchema, editNote, { noteId: note.id, version: "1", kind: "OTHER", body: "Referred to tutoring." })).ok).toBe(true);
    expect(await db().note.findUniqueOrThrow({ where: { id: note.id } })).toMatchObject({ kind: "OTHER", body: "Referred to tutoring.", version: 2 });
    expect(await runValidated(me, editNoteSchema, editNote, { noteId: note.id, version: "1", kind: "OTHER", body: "Overwrite?" })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/changed by someone else/),
    });
    expect(await db().auditEvent.count({ where: { studentId: student.id, action: { in: ["note.create", "note.edit"] } } })).toBe(2);
  });

  it("refuses an empty note, one over 5,000 characters, and a missing kind", async () => {
    const { me, student } = await setup();
    expect(await runValidated(me, addNoteSchema, addNote, { studentId: student.id, kind: "CHECK_IN", body: "  " })).toMatchObject({
      ok: false,
      fieldErrors: { body: ["Write the note"] },
    });
    expect(await runValidated(me, addNoteSchema, addNote, { studentId: student.id, kind: "CHECK_IN", body: "x".repeat(5001) })).toMatchObject({
      ok: false,
      fieldErrors: { body: ["At most 5,000 characters"] },
    });
    expect((await runValidated(me, addNoteSchema, addNote, { studentId: student.id, kind: "CHECK_IN", body: "x".repeat(5000) })).ok).toBe(true);
    expect(await runValidated(me, addNoteSchema, addNote, { studentId: student.id, kind: "", body: "hi" })).toMatchObject({
      ok: false,
      fieldErrors: { kind: ["Choose the kind of note"] },
    });
  });

  it("lets only the author edit, and keeps other counselors' students out", async () => {
    const { school, me, student } = await setup();
    const admin = viewerOf(await makeUser("SCHOOL_ADMIN", school.id));
    const other = viewerOf(await makeUser("COUNSELOR", school.id));
    const { id } = await addNote(me, { studentId: student.id, kind: "OTHER", body: "mine" });
    await expect(editNote(admin, { noteId: id, version: 1, kind: "OTHER", body: "theirs" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(editNote(other, { noteId: id, version: 1, kind: "OTHER", body: "theirs" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(addNote(other, { studentId: student.id, kind: "OTHER", body: "hi" })).rejects.toBeInstanceOf(NotFoundError);
  });
});
