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

  it("ignores malformed filters instead of failing", () => {
    expect(auditFilterSchema.parse({ from: "not-a-date", page: "-3", user: "x".repeat(1000) })).toEqual({ page: 1 });
  });
});
