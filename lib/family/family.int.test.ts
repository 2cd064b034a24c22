import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { NotFoundError } from "@/lib/access";
import { runValidated } from "@/lib/safe-action";
import { addGuardian, deleteGuardian, editGuardian, KEY_REUSED, listGuardians } from "./guardians";
import { addContact, KEY_REUSED as KEY_REUSED_CONTACT, lastContactOn, listContacts } from "./contacts";
import { NOT_LEFT } from "./rules";
import { addContactSchema, addGuardianSchema, editGuardianSchema } from "./schema";

// Guardians and the family contact log (issue 16): scoped like every student read, versioned
// edits, idempotent contacts, the do-not-contact refusal, audit events in the write's transaction.

useTestDatabase();

async function setup() {
  const school = await makeSchool();
  const otherSchool = await makeSchool();
  const me = viewerOf(await makeUser("COUNSELOR", school.id));
  const otherCounselor = viewerOf(await makeUser("COUNSELOR", school.id));
  const otherSchoolAdmin = viewerOf(await makeUser("SCHOOL_ADMIN", otherSchool.id));
  const student = await makeStudent(school.id, me.id);
  return { me, otherCounselor, otherSchoolAdmin, student };
}
const mother = { name: "Rosa Pérez", relationship: "MOTHER", phone: "617-555-0101", email: "", preferredLanguage: "es", interpreter: "on" };
const today = new Date("2026-11-20T00:00:00Z");
const call = { method: "PHONE", outcome: "LEFT_MESSAGE", occurredOn: "2026-11-19", summary: "Called about Algebra.", nextStep: "Call back Friday." };

describe("guardians", () => {
  it("adds one with flags (audited); reads back in words-ready fields", async () => {
    const { me, student } = await setup();
    const r = await runValidated(me, addGuardianSchema, addGuardian, { studentId: student.id, ...mother });
    expect(r.ok).toBe(true);
    expect(await listGuardians(me, student.id)).toEqual([
      expect.objectContaining({ name: "Rosa Pérez", preferredLanguage: "es", interpreter: true, noContact: false, email: null, version: 1 }),
    ]);
    expect(await db().auditEvent.count({ where: { studentId: student.id, action: "guardian.create" } })).toBe(1);
  });

  it("refuses bad fields by name", async () => {
    const { me, student } = await setup();
    const r = await runValidated(me, addGuardianSchema, addGuardian, {
      studentId: student.id,
      name: " ",
      relationship: "",
      phone: "call me",
      email: "nope",
      preferredLanguage: "xx",
    });
    expect(r).toMatchObject({
      ok: false,
      fieldErrors: {
        name: [expect.any(String)],
        relationship: [expect.any(String)],
        phone: [expect.any(String)],
        email: [expect.any(String)],
        preferredLanguage: [expect.any(String)],
      },
    });
  });

  it("a counselor of another caseload and a school admin of another school get not found", async () => {
    const { me, otherCounselor, otherSchoolAdmin, student } = await setup();
    const { id } = await addGuardian(me, addGuardianSchema.parse({ studentId: student.id, ...mother }));
    for (const v of [otherCounselor, otherSchoolAdmin]) {
      await expect(addGuardian(v, addGuardianSchema.parse({ studentId: student.id, ...mother }))).rejects.toBeInstanceOf(NotFoundError);
      await expect(editGuardian(v, editGuardianSchema.parse({ guardianId: id, version: 1, ...mother }))).rejects.toBeInstanceOf(NotFoundError);
      await expect(deleteGuardian(v, { guardianId: id, version: 1, confirmed: "yes" })).rejects.toBeInstanceOf(NotFoundError);
      expect(await listGuardians(v, student.id)).toEqual([]);
      await expect(addContact(v, addContactSchema.parse({ studentId: student.id, withWhom: "the student", ...call }), today)).rejects.toBeInstanceOf(NotFoundError);
      expect(await listContacts(v, student.id)).toEqual([]);
    }
  });

  it("an edit names the version it read: a stale edit is refused and changes nothing", async () => {
    const { me, student } = await setup();
    const { id } = await addGuardian(me, addGuardianSchema.parse({ studentId: student.id, ...mother }));
    await editGuardian(me, editGuardianSchema.parse({ guardianId: id, version: 1, ...mother, noContact: "on" }));
    const stale = await runValidated(me, editGuardianSchema, editGuardian, { guardianId: id, version: 1, ...mother, name: "Someone else" });
    expect(stale).toMatchObject({ ok: false, message: expect.stringContaining("changed by someone else") });
    expect(await db().guardian.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: "Rosa Pérez", noContact: true, version: 2 });
    expect(await db().auditEvent.count({ where: { studentId: student.id, action: "guardian.edit" } })).toBe(1);
  });

  it("adds once per client key: a repeat or a parallel duplicate answers the first guardian; a reused key with other fields is refused", async () => {
    const { me, student } = await setup();
    const key = crypto.randomUUID();
    const input = addGuardianSchema.parse({ studentId: student.id, ...mother, clientKey: key });
    const runs = await Promise.all(Array.from({ length: 4 }, () => addGuardian(me, input)));
    const again = await runValidated(me, addGuardianSchema, addGuardian, { studentId: student.id, ...mother, clientKey: key });
    expect(again).toMatchObject({ ok: true, data: { id: runs[0].id } });
    expect(new Set(runs.map((r) => r.id)).size).toBe(1);
    expect(await db().guardian.count({ where: { studentId: student.id } })).toBe(1);
    expect(await db().auditEvent.count({ where: { studentId: student.id, action: "guardian.create" } })).toBe(1);
    expect(await runValidated(me, addGuardianSchema, addGuardian, { studentId: student.id, ...mother, name: "Ana Pérez", clientKey: key })).toMatchObject({
      ok: false,
      message: KEY_REUSED,
    });
    // No key, or another key: a guardian of its own.
    await addGuardian(me, addGuardianSchema.parse({ studentId: student.id, ...mother }));
    await addGuardian(me, addGuardianSchema.parse({ studentId: student.id, ...mother, clientKey: crypto.randomUUID() }));
    expect(await db().guardian.count({ where: { studentId: student.id } })).toBe(3);
  });

  it("deleting keeps the contacts logged with them, by name", async () => {
    const { me, student } = await setup();
    const { id } = await addGuardian(me, addGuardianSchema.parse({ studentId: student.id, ...mother }));
    await addContact(me, addContactSchema.parse({ studentId: student.id, guardianId: id, ...call }), today);
    await deleteGuardian(me, { guardianId: id, version: 1, confirmed: "yes" });
    expect(await listContacts(me, student.id)).toEqual([expect.objectContaining({ withWhom: "Rosa Pérez", guardian: null })]);
    expect(await db().auditEvent.count({ where: { studentId: student.id, action: "guardian.delete" } })).toBe(1);
  });
});

describe("the family contact log", () => {
  it("logs a contact once per client key (audited once), newest day first; lastContactOn is its day", async () => {
    const { me, student } = await setup();
    const key = crypto.randomUUID();
    const input = addContactSchema.parse({ studentId: student.id, withWhom: "the student", ...call, clientKey: key });
    const [a, b] = await Promise.all([addContact(me, input, today), addContact(me, input, today)]);
    expect(a.id).toBe(b.id);
    await addContact(me, addContactSchema.parse({ studentId: student.id, withWhom: "aunt", ...call, occurredOn: "2026-11-02" }), today);
    const list = await listContacts(me, student.id);
    expect(list.map((c) => [c.withWhom, c.method, c.outcome])).toEqual([
      ["the student", "PHONE", "LEFT_MESSAGE"],
      ["aunt", "PHONE", "LEFT_MESSAGE"],
    ]);
    expect(await db().auditEvent.count({ where: { studentId: student.id, action: "contact.create" } })).toBe(2);
    expect((await lastContactOn(me, [student.id])).get(student.id)).toEqual(new Date("2026-11-19T00:00:00Z"));
  });

  it("refuses a day in the future and a contact with no one", async () => {
    const { me, student } = await setup();
    expect(await runValidated(me, addContactSchema, (v, i) => addContact(v, i, today), { studentId: student.id, withWhom: "x", ...call, occurredOn: "2026-11-21" })).toMatchObject({
      ok: false,
      fieldErrors: { occurredOn: ["The day cannot be in the future"] },
    });
    expect(await runValidated(me, addContactSchema, (v, i) => addContact(v, i, today), { studentId: student.id, ...call })).toMatchObject({
      ok: false,
      fieldErrors: { withWhom: ["Choose a guardian or type who it was"] },
    });
    // Blank "with whom" (spaces only) and no guardian is no one.
    expect(await runValidated(me, addContactSchema, (v, i) => addContact(v, i, today), { studentId: student.id, withWhom: "   ", guardianId: "", ...call })).toMatchObject({
      ok: false,
      fieldErrors: { withWhom: ["Choose a guardian or type who it was"] },
    });
    expect(await db().contact.count({ where: { studentId: student.id } })).toBe(0);
  });

  it("a do-not-contact guardian is refused unless the family contacted us, which the summary then says", async () => {
    const { me, student } = await setup();
    const { id } = await addGuardian(me, addGuardianSchema.parse({ studentId: student.id, ...mother, noContact: "on" }));
    const refused = await runValidated(me, addContactSchema, (v, i) => addContact(v, i, today), { studentId: student.id, guardianId: id, ...call });
    expect(refused).toMatchObject({ ok: false, fieldErrors: { guardianId: [expect.stringContaining("Rosa Pérez is marked do-not-contact")] } });
    const ok = await runValidated(me, addContactSchema, (v, i) => addContact(v, i, today), {
      studentId: student.id,
      guardianId: id,
      ...call,
      method: "MEETING",
      outcome: "REACHED",
      familyInitiated: "on",
    });
    expect(ok.ok).toBe(true);
    expect((await listContacts(me, student.id))[0].summary).toBe("[The family contacted us] Called about Algebra.");
  });

  it("a contact migrated from a FAMILY_CONTACT note shows the note's text, no method, and the note leaves the notes list", async () => {
    const { me, student } = await setup();
    const note = await db().note.create({ data: { studentId: student.id, authorId: me.id, kind: "FAMILY_CONTACT", body: "Spoke with dad." } });
    await db().contact.create({
      data: { id: `n_${note.id}`, studentId: student.id, withWhom: "Family", occurredOn: today, summary: note.body, nextStep: "", authorId: me.id, noteId: note.id },
    });
    await db().note.update({ where: { id: note.id }, data: { body: "Spoke with dad (edited)." } });
    expect(await listContacts(me, student.id)).toEqual([expect.objectContaining({ method: null, outcome: null, summary: "Spoke with dad (edited).", noteId: note.id })]);
    const { getStudentRecord } = await import("@/lib/students/record");
    expect((await getStudentRecord(me, student.id, today)).notes).toEqual([]);
  });

  it("an outreach attempt is a contact of the log, marked outreach: only for a student who left; its key answers only outreach", async () => {
    const { me, student } = await setup();
    const outreach = { studentId: student.id, withWhom: "the student", ...call, clientKey: crypto.randomUUID() };
    await expect(addContact(me, addContactSchema.parse(outreach), today, { outreach: true })).rejects.toMatchObject({ message: NOT_LEFT });
    await db().student.update({ where: { id: student.id }, data: { status: "DROPPED_OUT" } });
    const first = await addContact(me, addContactSchema.parse(outreach), today, { outreach: true });
    expect(await addContact(me, addContactSchema.parse(outreach), today, { outreach: true })).toEqual(first);
    await expect(addContact(me, addContactSchema.parse(outreach), today)).rejects.toMatchObject({ message: KEY_REUSED_CONTACT });
    await addContact(me, addContactSchema.parse({ studentId: student.id, withWhom: "aunt", ...call, occurredOn: "2026-11-02" }), today);
    expect((await listContacts(me, student.id)).map((c) => [c.withWhom, c.outreach])).toEqual([
      ["the student", true],
      ["aunt", false],
    ]);
    expect(await db().auditEvent.findFirst({ where: { action: "contact.create", entityId: first.id } })).toMatchObject({ details: { outreach: true } });
  });
});
