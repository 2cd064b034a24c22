import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { handle as postNote } from "@/app/api/students/[id]/notes/handle";
import { bulkNoteSchema } from "@/lib/caseload/schema";
import { runValidated } from "@/lib/safe-action";
import { addNote, editNote } from "./notes";
import { addNoteSchema, editNoteSchema, FAMILY_CONTACT_MOVED } from "./schema";

// Since issue 16 a family contact goes in the Family contacts log (lib/family/contacts.ts), which
// the Today list and the guardian card read; a FAMILY_CONTACT note would never reach them. So no
// new note is of that kind (the form, the API, the caseload's bulk note), while an old one keeps it.

useTestDatabase();

async function setup() {
  const school = await makeSchool();
  const me = viewerOf(await makeUser("COUNSELOR", school.id));
  const student = await makeStudent(school.id, me.id);
  return { me, student };
}

describe("the kinds of a new note", () => {
  it("the note form refuses FAMILY_CONTACT on the kind field, pointing to the Family contacts log", async () => {
    const { me, student } = await setup();
    const out = await runValidated(me, addNoteSchema, addNote, { studentId: student.id, kind: "FAMILY_CONTACT", body: "Called home." });
    expect(out).toMatchObject({ ok: false, fieldErrors: { kind: [FAMILY_CONTACT_MOVED] } });
    expect(FAMILY_CONTACT_MOVED).toContain("Family contacts log");
    expect(await db().note.count({ where: { studentId: student.id } })).toBe(0);
    for (const kind of ["CHECK_IN", "OTHER"]) expect((await runValidated(me, addNoteSchema, addNote, { studentId: student.id, kind, body: "x" })).ok).toBe(true);
  });

  it("the notes API answers 400 with the field error and stores nothing", async () => {
    const { me, student } = await setup();
    const req = new Request("http://test/api", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ kind: "FAMILY_CONTACT", body: "Called home." }),
    });
    const res = await postNote(me, req, { id: student.id });
    expect(res.status).toBe(400);
    expect((await res.json()).fieldErrors).toEqual({ kind: [FAMILY_CONTACT_MOVED] });
    expect(await db().note.count({ where: { studentId: student.id } })).toBe(0);
  });

  it("the caseload's bulk note offers the same kinds (it reads them from lib/notes/schema.ts)", () => {
    expect(bulkNoteSchema.safeParse({ studentId: ["s1"], kind: "FAMILY_CONTACT", body: "x" }).success).toBe(false);
    expect(bulkNoteSchema.safeParse({ studentId: ["s1"], kind: "OTHER", body: "x" }).success).toBe(true);
  });
});

describe("editing a note's kind", () => {
  it("an old FAMILY_CONTACT note keeps its kind when edited", async () => {
    const { me, student } = await setup();
    const old = await db().note.create({ data: { studentId: student.id, authorId: me.id, kind: "FAMILY_CONTACT", body: "Spoke with mom." } });
    expect((await runValidated(me, editNoteSchema, editNote, { noteId: old.id, version: "1", kind: "FAMILY_CONTACT", body: "Spoke with mom and dad." })).ok).toBe(true);
    expect(await db().note.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({ kind: "FAMILY_CONTACT", body: "Spoke with mom and dad.", version: 2 });
  });

  it("a check-in cannot become a FAMILY_CONTACT note", async () => {
    const { me, student } = await setup();
    const { id } = await addNote(me, { studentId: student.id, kind: "CHECK_IN", body: "Met." });
    const out = await runValidated(me, editNoteSchema, editNote, { noteId: id, version: "1", kind: "FAMILY_CONTACT", body: "Met." });
    expect(out).toMatchObject({ ok: false, fieldErrors: { kind: [FAMILY_CONTACT_MOVED] } });
    expect(await db().note.findUniqueOrThrow({ where: { id } })).toMatchObject({ kind: "CHECK_IN", version: 1 });
  });
});
