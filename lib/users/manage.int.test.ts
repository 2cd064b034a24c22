import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { db } from "@/lib/db";
import { runValidated } from "@/lib/safe-action";
import { changeRole, createUser } from "./manage";
import { listStaff, getStaffMember } from "./queries";
import { ForbiddenError } from "@/lib/access";
import { changeRoleSchema, createUserSchema } from "./schema";

useTestDatabase();

const admin = async () => viewerOf(await makeUser("DISTRICT_ADMIN", null));
const userCount = () => db().user.count();

describe("adding a user", () => {
  it("a district admin adds a counselor with no password, email stored in lower case, audited", async () => {
    const school = await makeSchool();
    const a = await admin();
    const r = await runValidated(a, createUserSchema, createUser, { email: " Ana.Diaz@District.Example ", name: "Ana Diaz", role: "COUNSELOR", schoolId: school.id });
    expect(r.ok).toBe(true);
    const u = await db().user.findUniqueOrThrow({ where: { email: "ana.diaz@district.example" }, omit: { passwordHash: false } });
    expect(u).toMatchObject({ name: "Ana Diaz", role: "COUNSELOR", schoolId: school.id, active: true, passwordHash: null });
    expect(await db().auditEvent.findFirstOrThrow({ where: { action: "user.add", entityId: u.id } })).toMatchObject({ userId: a.id });
    expect((await listStaff(a)).find((s) => s.id === u.id)).toMatchObject({ hasPassword: false, caseload: 0 });
  });

  it("bad input gets field messages and writes nothing", async () => {
    const school = await makeSchool();
    const a = await admin();
    const before = await userCount();
    const cases: [Record<string, string>, string][] = [
      [{ email: "not an email", name: "X", role: "COUNSELOR", schoolId: school.id }, "email"],
      [{ email: "x@y.example", name: " ", role: "COUNSELOR", schoolId: school.id }, "name"],
      [{ email: "x@y.example", name: "X", role: "OWNER", schoolId: school.id }, "role"],
      [{ email: "x@y.example", name: "X", role: "COUNSELOR", schoolId: "" }, "schoolId"],
      [{ email: "x@y.example", name: "X", role: "SCHOOL_ADMIN" }, "schoolId"],
      [{ email: "x@y.example", name: "X", role: "DISTRICT_ADMIN", schoolId: school.id }, "schoolId"],
      [{ email: "x@y.example", name: "X", role: "COUNSELOR", schoolId: "no-such-school" }, "schoolId"],
    ];
    for (const [input, field] of cases) {
      const r = await runValidated(a, createUserSchema, createUser, input);
      expect(r.ok, JSON.stringify(input)).toBe(false);
      expect(!r.ok && r.fieldErrors?.[field], JSON.stringify(input)).toBeTruthy();
    }
    expect(await userCount()).toBe(before);
  });

  it("refuses an email already used, whatever its case", async () => {
    const a = await admin();
    await makeUser("DISTRICT_ADMIN", null, { email: "Taken.Person@District.Example" });
    const r = await runValidated(a, createUserSchema, createUser, { email: "taken.person@district.example", name: "Another", role: "DISTRICT_ADMIN" });
    expect(r).toMatchObject({ ok: false, fieldErrors: { email: ["Another account already uses this email address"] } });
  });

  it("refuses school admins and counselors", async () => {
    const school = await makeSchool();
    const before = await userCount();
    for (const role of ["SCHOOL_ADMIN", "COUNSELOR"] as const) {
      const v = viewerOf(await makeUser(role, school.id));
      const r = await runValidated(v, createUserSchema, createUser, { email: `new.${role.toLowerCase()}@x.example`, name: "New", role: "COUNSELOR", schoolId: school.id });
      expect(r).toEqual({ ok: false, message: "You do not have access to this." });
    }
    expect(await userCount()).toBe(before + 2);
  });
});

describe("changing a role or school", () => {
  const input = (userId: string, role: string, schoolId: string | null) => ({ userId, role, schoolId: schoolId ?? "", confirmed: "yes" });

  it("changes a counselor into a school admin of another school, audited with before and after", async () => {
    const [s1, s2] = [await makeSchool(), await makeSchool()];
    const a = await admin();
    const c = await makeUser("COUNSELOR", s1.id);
    expect(await runValidated(a, changeRoleSchema, changeRole, input(c.id, "SCHOOL_ADMIN", s2.id))).toEqual({ ok: true, data: { userId: c.id, changed: true } });
    expect(await db().user.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ role: "SCHOOL_ADMIN", schoolId: s2.id });
    const e = await db().auditEvent.findFirstOrThrow({ where: { action: "user.role", entityId: c.id } });
    expect(e.details).toEqual({ before: { role: "COUNSELOR", schoolId: s1.id }, after: { role: "SCHOOL_ADMIN", schoolId: s2.id } });
    expect((await getStaffMember(a, c.id)).role).toBe("SCHOOL_ADMIN");
  });

  it("refuses a change of one's own role", async () => {
    const a = await admin();
    const r = await runValidated(a, changeRoleSchema, changeRole, input(a.id, "COUNSELOR", (await makeSchool()).id));
    expect(!r.ok && r.fieldErrors?.userId).toBeTruthy();
    expect((await db().user.findUniqueOrThrow({ where: { id: a.id } })).role).toBe("DISTRICT_ADMIN");
  });

  it("refuses while students on the caseload would be left at a school the counselor no longer serves", async () => {
    const [s1, s2] = [await makeSchool(), await makeSchool()];
    const a = await admin();
    const c = await makeUser("COUNSELOR", s1.id);
    await makeStudent(s1.id, c.id);
    const r = await runValidated(a, changeRoleSchema, changeRole, input(c.id, "COUNSELOR", s2.id));
    expect(!r.ok && r.fieldErrors?.role?.[0]).toMatch(/1 student is on this person's caseload/);
    expect((await db().user.findUniqueOrThrow({ where: { id: c.id } })).schoolId).toBe(s1.id);
    expect(await db().auditEvent.count({ where: { action: "user.role", entityId: c.id } })).toBe(0);
  });

  it("refuses school admins and counselors; bad input names the field; unknown users are not found", async () => {
    const school = await makeSchool();
    const c = await makeUser("COUNSELOR", school.id);
    for (const role of ["SCHOOL_ADMIN", "COUNSELOR"] as const) {
      const v = viewerOf(await makeUser(role, school.id));
      expect(await runValidated(v, changeRoleSchema, changeRole, input(c.id, "SCHOOL_ADMIN", school.id))).toEqual({ ok: false, message: "You do not have access to this." });
    }
    const a = await admin();
    expect(await runValidated(a, changeRoleSchema, changeRole, input(c.id, "DISTRICT_ADMIN", school.id))).toMatchObject({
      ok: false,
      fieldErrors: { schoolId: expect.any(Array) },
    });
    expect(await runValidated(a, changeRoleSchema, changeRole, { ...input(c.id, "SCHOOL_ADMIN", school.id), confirmed: "" })).toMatchObject({
      ok: false,
      fieldErrors: { confirmed: expect.any(Array) },
    });
    expect(await runValidated(a, changeRoleSchema, changeRole, input("nope", "COUNSELOR", school.id))).toEqual({ ok: false, message: "User not found" });
    expect((await db().user.findUniqueOrThrow({ where: { id: c.id } })).role).toBe("COUNSELOR");
  });
});

describe("the staff list", () => {
  it("school admins read their own school's staff only; counselors are refused", async () => {
    const [s1, s2] = [await makeSchool(), await makeSchool()];
    const sa = viewerOf(await makeUser("SCHOOL_ADMIN", s1.id));
    const mine = await makeUser("COUNSELOR", s1.id);
    const other = await makeUser("COUNSELOR", s2.id);
    const ids = (await listStaff(sa)).map((u) => u.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(other.id);
    await expect(listStaff(viewerOf(mine))).rejects.toThrow();
    // One account's management page is district admins' (POLICY "users.manage"): a role refusal.
    await expect(getStaffMember(sa, mine.id)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
