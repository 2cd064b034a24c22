import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { handle as postNote } from "@/app/api/students/[id]/notes/handle";
import { addNote } from "@/lib/notes/notes";
import { addNoteSchema } from "@/lib/notes/schema";
import { formToObject } from "@/lib/safe-action";

// A double submit stores one note: the API takes an Idempotency-Key header and the note form a
// clientKey field (made once per form), and a repeat with the same key, sequential or in flight
// at the same time, answers the first note's id. One row, one audit event.

useTestDatabase();

const post = (body: unknown, key?: string) =>
  new Request("http://test/api", { method: "POST", headers: { "content-type": "application/json", ...(key ? { "idempotency-key": key } : {}) }, body: JSON.stringify(body) });

async function setup() {
  const school = await makeSchool();
  const counselor = await makeUser("COUNSELOR", school.id);
  const student = await makeStudent(school.id, counselor.id);
  const rows = async () => ({
    notes: await db().note.count({ where: { studentId: student.id } }),
    audits: await db().auditEvent.count({ where: { studentId: student.id, action: "note.create" } }),
  });
  return { school, me: viewerOf(counselor), student, rows };
}

const note = { kind: "CHECK_IN", body: "Met about the algebra unit." };

describe("POST /api/students/[id]/notes with an Idempotency-Key", () => {
  it("a sequential repeat answers the first note's id (200, same body) and stores nothing more", async () => {
    const { me, student, rows } = await setup();
    const key = crypto.randomUUID();
    const first = await postNote(me, post(note, key), { id: student.id });
    const again = await postNote(me, post(note, key), { id: student.id });
    expect([first.status, again.status]).toEqual([200, 200]);
    const body = await first.json();
    expect(await again.json()).toEqual(body);
    expect(await rows()).toEqual({ notes: 1, audits: 1 });
    expect(await db().note.findUniqueOrThrow({ where: { id: body.id } })).toMatchObject({ clientKey: key, authorId: me.id });
  });

  it("parallel duplicates end in one row and one audit event, all answered with its id", async () => {
    const { me, student, rows } = await setup();
    const key = crypto.randomUUID();
    const answers = await Promise.all(Array.from({ length: 6 }, () => postNote(me, post(note, key), { id: student.id })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const ids = new Set(await Promise.all(answers.map(async (a) => (await a.json()).id)));
    expect(ids.size).toBe(1);
    expect(await rows()).toEqual({ notes: 1, audits: 1 });
  });

  it("without a key, or with different keys, each POST is a note of its own", async () => {
    const { me, student, rows } = await setup();
    await postNote(me, post(note), { id: student.id });
    await postNote(me, post(note), { id: student.id });
    await postNote(me, post(note, crypto.randomUUID()), { id: student.id });
    await postNote(me, post(note, crypto.randomUUID()), { id: student.id });
    expect(await rows()).toEqual({ notes: 4, audits: 4 });
  });

  it("the key is the header's: a clientKey in the body is ignored", async () => {
    const { me, student, rows } = await setup();
    const key = crypto.randomUUID();
    await postNote(me, post({ ...note, clientKey: key }), { id: student.id });
    await postNote(me, post({ ...note, clientKey: key }), { id: student.id });
    expect(await rows()).toEqual({ notes: 2, audits: 2 });
  });

  it("refuses a key reused for another note (400) and a malformed key, storing nothing", async () => {
    const { me, student, rows } = await setup();
    const key = crypto.randomUUID();
    await postNote(me, post(note, key), { id: student.id });
    const other = await postNote(me, post({ ...note, body: "Something else entirely." }, key), { id: student.id });
    expect(other.status).toBe(400);
    expect((await other.json()).error).toMatch(/already used/);
    const bad = await postNote(me, post(note, "short"), { id: student.id });
    expect(bad.status).toBe(400);
    expect((await bad.json()).fieldErrors).toHaveProperty("clientKey");
    expect(await rows()).toEqual({ notes: 1, audits: 1 });
  });

  it("keys are per author: another counselor's same key is another note", async () => {
    const { school, me, student, rows } = await setup();
    const colleague = viewerOf(await makeUser("SCHOOL_ADMIN", school.id));
    const key = crypto.randomUUID();
    const a = await (await postNote(me, post(note, key), { id: student.id })).json();
    const b = await (await postNote(colleague, post(note, key), { id: student.id })).json();
    expect(a.id).not.toBe(b.id);
    expect(await rows()).toEqual({ notes: 2, audits: 2 });
  });
});

describe("the note form's clientKey (server action input)", () => {
  it("is read from the form and makes a resubmit of the same form one note", async () => {
    const { me, student, rows } = await setup();
    const form = new FormData();
    form.set("studentId", student.id);
    form.set("kind", "OTHER");
    form.set("body", "Referred to tutoring.");
    form.set("clientKey", crypto.randomUUID());
    const input = addNoteSchema.parse(formToObject(form));
    const [a, b] = await Promise.all([addNote(me, input), addNote(me, input)]);
    const c = await addNote(me, input);
    expect(new Set([a.id, b.id, c.id]).size).toBe(1);
    expect(await rows()).toEqual({ notes: 1, audits: 1 });
  });

  it("an empty clientKey (a form rendered before its key was made) is no key", () => {
    expect(addNoteSchema.parse({ studentId: "s", kind: "OTHER", body: "x", clientKey: "" }).clientKey).toBeUndefined();
  });
});
