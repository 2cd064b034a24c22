import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { makeSchool, makeUser, viewerOf } from "@/lib/test/factory";
import { db } from "@/lib/db";
import { runValidated } from "@/lib/safe-action";
import { setUserActive } from "./active";
import { issueSetPasswordLink, linkHolder } from "./passwords";
import { listStaff } from "./queries";
import { setActiveSchema } from "./schema";

useTestDatabase();

const form = (userId: string, active: boolean, confirmed = "yes") => ({ userId, active: String(active), confirmed });

describe("staff accounts", () => {
  it("deactivation retires unused set-password links: the person's own and those they issued", async () => {
    const school = await makeSchool();
    const admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
    const other = viewerOf(await makeUser("DISTRICT_ADMIN", null));
    const c = await makeUser("COUNSELOR", school.id);
    const d = await makeUser("COUNSELOR", school.id);
    const forC = await issueSetPasswordLink(admin, { userId: c.id });
    const byOther = await issueSetPasswordLink(other, { userId: d.id });
    await runValidated(admin, setActiveSchema, setUserActive, form(c.id, false));
    await runValidated(admin, setActiveSchema, setUserActive, form(c.id, true));
    expect(await linkHolder(forC.token)).toBeNull();
    expect(await linkHolder(byOther.token)).not.toBeNull();
    await runValidated(admin, setActiveSchema, setUserActive, form(other.id, false));
    expect(await linkHolder(byOther.token)).toBeNull();
  });

  it("a district admin deactivates and reactivates a counselor, each change audited", async () => {
    const school = await makeSchool();
    const admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
    const c = await makeUser("COUNSELOR", school.id);
    const off = await runValidated(admin, setActiveSchema, setUserActive, form(c.id, false));
    expect(off).toEqual({ ok: true, data: { userId: c.id, active: false, name: c.name } });
    expect((await db().user.findUniqueOrThrow({ where: { id: c.id } })).active).toBe(false);
    expect((await listStaff(admin)).find((u) => u.id === c.id)?.active).toBe(false);
    const on = await runValidated(admin, setActiveSchema, setUserActive, form(c.id, true));
    expect(on.ok).toBe(true);
    const events = await db().auditEvent.findMany({ where: { entityId: c.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["user.deactivate", "user.reactivate"]);
  });

  it("refuses a district admin deactivating themself, naming the field", async () => {
    const admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
    const r = await runValidated(admin, setActiveSchema, setUserActive, form(admin.id, false));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.fieldErrors?.userId).toBeTruthy();
    expect((await db().user.findUniqueOrThrow({ where: { id: admin.id } })).active).toBe(true);
  });

  it("refuses school admins and counselors, and an unconfirmed change", async () => {
    const school = await makeSchool();
    const sa = viewerOf(await makeUser("SCHOOL_ADMIN", school.id));
    const c = await makeUser("COUNSELOR", school.id);
    expect((await runValidated(sa, setActiveSchema, setUserActive, form(c.id, false))).ok).toBe(false);
    expect((await runValidated(viewerOf(c), setActiveSchema, setUserActive, form(sa.id, false))).ok).toBe(false);
    // School admins read their school's staff (read-only); counselors have no staff list.
    await expect(listStaff(viewerOf(c))).rejects.toThrow();
    const admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
    const r = await runValidated(admin, setActiveSchema, setUserActive, form(c.id, false, "no"));
    expect(!r.ok && r.fieldErrors?.confirmed).toBeTruthy();
    expect((await db().user.findUniqueOrThrow({ where: { id: c.id } })).active).toBe(true);
  });

  it("an unknown user id is not found", async () => {
    const admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
    expect(await runValidated(admin, setActiveSchema, setUserActive, form("nope", false))).toEqual({ ok: false, message: "User not found" });
  });
});
