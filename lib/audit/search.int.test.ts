import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { recordAudit } from "@/lib/audit";
import { searchAudit, auditFilterSchema } from "@/lib/audit/search";
import { ForbiddenError } from "@/lib/access";
import { makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";

useTestDatabase();

describe("searchAudit", () => {
  it("finds events by user, student and action, newest first; only for district admins", async () => {
    const school = await makeSchool();
    const c = viewerOf(await makeUser("COUNSELOR", school.id, { email: "finder.counselor@test.example" }));
    const s = await makeStudent(school.id, c.id, { sisId: "AUD123" });
    await recordAudit(c, { action: "student.read", studentId: s.id });
    await recordAudit(c, { action: "note.create", studentId: s.id, entity: "Note", entityId: "n1" });
    await recordAudit(null, { action: "signin.failure" });
    const admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));

    const byStudent = await searchAudit(admin, auditFilterSchema.parse({ student: "AUD123" }));
    expect(byStudent.total).toBe(2);
    expect(byStudent.rows.map((r) => r.action)).toEqual(["note.create", "student.read"]);
    expect((await searchAudit(admin, auditFilterSchema.parse({ user: "finder.counselor", action: "student." }))).total).toBe(1);

    await expect(searchAudit(c, auditFilterSchema.parse({}))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(searchAudit(viewerOf(await makeUser("SCHOOL_ADMIN", school.id)), auditFilterSchema.parse({}))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("names the person an event acted on, and the record otherwise; a list event names none", async () => {
    const admin = viewerOf(await makeUser("DISTRICT_ADMIN", null, { email: "names.admin@test.example" }));
    const target = await makeUser("COUNSELOR", null, { name: "Luis Delgado", email: "luis.delgado@test.example" });
    await recordAudit(admin, { action: "user.deactivate", entity: "User", entityId: target.id });
    await recordAudit(admin, { action: "note.edit", entity: "Note", entityId: "n9" });
    await recordAudit(admin, { action: "caseload.view", entity: "Student", details: { filter: {}, students: 3 } });
    const { rows } = await searchAudit(admin, auditFilterSchema.parse({ user: "names.admin" }));
    expect(rows.map((r) => [r.action, r.record])).toEqual([
      ["caseload.view", null],
      ["note.edit", "Note n9"],
      ["user.deactivate", "Luis Delgado (luis.delgado@test.example)"],
    ]);
  });

  it("ignores malformed filters instead of failing", () => {
    expect(auditFilterSchema.parse({ from: "not-a-date", page: "-3", user: "x".repeat(1000) })).toEqual({ page: 1 });
  });
});
