import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/access";
import { makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { runValidated } from "@/lib/safe-action";
import { caseloadParamsSchema } from "@/lib/students/schema";
import { addNoteToStudents } from "./bulk";
import { bulkNoteSchema } from "./schema";
import { caseloadCsv, caseloadExportRows, CASELOAD_CSV_COLUMNS } from "./export";

useTestDatabase();

async function setup() {
  const school = await makeSchool();
  const me = await makeUser("COUNSELOR", school.id);
  const other = await makeUser("COUNSELOR", school.id);
  const [a, b] = [await makeStudent(school.id, me.id), await makeStudent(school.id, me.id)];
  const theirs = await makeStudent(school.id, other.id);
  return { school, me: viewerOf(me), a, b, theirs };
}

describe("bulk note", () => {
  it("adds the same note to each selected student in one go, audited once per student as note.create", async () => {
    const { me, a, b } = await setup();
    const r = await addNoteToStudents(me, bulkNoteSchema.parse({ studentId: [a.id, b.id, a.id], kind: "CHECK_IN", body: "Met at lunch" }));
    expect(r.added).toBe(2);
    const notes = await db().note.findMany({ where: { authorId: me.id }, orderBy: { studentId: "asc" } });
    expect(notes.map((n) => n.studentId).sort()).toEqual([a.id, b.id].sort());
    expect(notes.every((n) => n.body === "Met at lunch" && n.kind === "CHECK_IN" && !n.restricted)).toBe(true);
    const events = await db().auditEvent.findMany({ where: { userId: me.id, action: "note.create" } });
    expect(events.map((e) => e.studentId).sort()).toEqual([a.id, b.id].sort());
    expect(events.map((e) => e.entityId).sort()).toEqual(notes.map((n) => n.id).sort());
  });

  it("writes nothing when one selected student is another counselor's: the whole action is not found", async () => {
    const { me, a, b, theirs } = await setup();
    await expect(addNoteToStudents(me, bulkNoteSchema.parse({ studentId: [a.id, theirs.id, b.id], kind: "OTHER", body: "x" }))).rejects.toBeInstanceOf(NotFoundError);
    const ids = [a.id, b.id, theirs.id];
    expect(await db().note.count({ where: { studentId: { in: ids } } })).toBe(0);
    expect(await db().auditEvent.count({ where: { action: "note.create", studentId: { in: ids } } })).toBe(0);
  });

  it("refuses a nonexistent id the same way, and records the refusal through the action wrapper", async () => {
    const { me, a } = await setup();
    const r = await runValidated(me, bulkNoteSchema, addNoteToStudents, { studentId: [a.id, "nope"], kind: "OTHER", body: "x" });
    expect(r).toMatchObject({ ok: false, message: "Student not found" });
    expect(await db().note.count({ where: { studentId: a.id } })).toBe(0);
    expect(await db().auditEvent.count({ where: { userId: me.id, action: "student.write.refused", entityId: "nope" } })).toBe(1);
  });

  it("asks for at least one student, a kind and a text", async () => {
    const { me } = await setup();
    const r = await runValidated(me, bulkNoteSchema, addNoteToStudents, { kind: "", body: " " });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.fieldErrors ?? {}).sort()).toEqual(["body", "kind", "studentId"]);
  });
});

describe("caseload CSV", () => {
  const read = async (it: AsyncIterable<string>) => {
    let s = "";
    for await (const c of it) s += c;
    return s;
  };

  it("writes the view (every page) with the page's headers, formula-escaped, and audits the students exported", async () => {
    const { me, a, b } = await setup();
    await db().student.update({ where: { id: a.id }, data: { lastName: "=HYPERLINK(1)" } });
    const rows = await caseloadExportRows(me, caseloadParamsSchema.parse({}), new Date("2026-10-15T00:00:00Z"), null);
    expect(rows.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    const csv = await read(caseloadCsv(me, rows, { view: "" }));
    const [header, ...lines] = csv.trimEnd().split("\r\n");
    expect(header).toBe(CASELOAD_CSV_COLUMNS.map((c) => (c.includes(",") ? `"${c}"` : c)).join(","));
    expect(header!.startsWith("Student,SIS id,")).toBe(true);
    expect(lines).toHaveLength(2);
    expect(csv).toContain("\"'=HYPERLINK(1)");
    const ev = await db().auditEvent.findFirstOrThrow({ where: { action: "export.caseload" }, include: { students: true } });
    expect(ev.students.map((s) => s.studentId).sort()).toEqual([a.id, b.id].sort());
  });

  it("exports a selection only when every id is in scope", async () => {
    const { me, a, theirs } = await setup();
    const p = caseloadParamsSchema.parse({});
    expect((await caseloadExportRows(me, p, new Date(), [a.id])).map((r) => r.id)).toEqual([a.id]);
    await expect(caseloadExportRows(me, p, new Date(), [a.id, theirs.id])).rejects.toBeInstanceOf(NotFoundError);
  });
});
