import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeSchool, makeUser } from "@/lib/test/factory";
import { hashPassword, verifyCredentials } from "@/lib/auth/credentials";
import { ACCOUNT_MAX_FAILURES } from "@/lib/auth/throttle";

useTestDatabase();

async function userWithPassword(password: string, active = true) {
  const school = await makeSchool();
  return makeUser("COUNSELOR", school.id, { passwordHash: await hashPassword(password), active });
}

describe("verifyCredentials", () => {
  it("accepts the right password, case-insensitively on the email, and audits it", async () => {
    const u = await userWithPassword("right-password");
    const out = await verifyCredentials({ email: u.email.toUpperCase(), password: "right-password" }, "10.0.0.1");
    expect(out).toMatchObject({ ok: true, user: { id: u.id, role: "COUNSELOR" } });
    expect(await db().auditEvent.count({ where: { userId: u.id, action: "signin.success" } })).toBe(1);
  });

  it("refuses a wrong password, an unknown email and malformed input the same way", async () => {
    const u = await userWithPassword("right-password");
    expect(await verifyCredentials({ email: u.email, password: "wrong" }, "10.0.0.2")).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyCredentials({ email: "nobody@test.example", password: "x" }, "10.0.0.2")).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyCredentials({ email: 42, password: null }, "10.0.0.2")).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyCredentials("<script>", "10.0.0.2")).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a deactivated account even with the right password", async () => {
    const u = await userWithPassword("right-password", false);
    expect(await verifyCredentials({ email: u.email, password: "right-password" }, "10.0.0.3")).toEqual({ ok: false, reason: "invalid" });
  });

  it(`locks an account after ${ACCOUNT_MAX_FAILURES} failures, even for the right password, and only that account`, async () => {
    const u = await userWithPassword("right-password");
    const other = await userWithPassword("other-password");
    for (let i = 1; i < ACCOUNT_MAX_FAILURES; i++) {
      expect((await verifyCredentials({ email: u.email, password: `wrong${i}` }, `10.1.0.${i}`)).ok).toBe(false);
    }
    const fifth = await verifyCredentials({ email: u.email, password: "wrong5" }, "10.1.0.9");
    expect(fifth).toMatchObject({ ok: false, reason: "locked" });
    expect(await verifyCredentials({ email: u.email, password: "right-password" }, "10.1.0.10")).toMatchObject({ ok: false, reason: "locked" });
    expect((await verifyCredentials({ email: other.email, password: "other-password" }, "10.1.0.11")).ok).toBe(true);
  });

  it("a success clears earlier failures of that account", async () => {
    const u = await userWithPassword("right-password");
    for (let i = 0; i < ACCOUNT_MAX_FAILURES - 1; i++) await verifyCredentials({ email: u.email, password: "nope" }, "10.2.0.1");
    expect((await verifyCredentials({ email: u.email, password: "right-password" }, "10.2.0.1")).ok).toBe(true);
    expect((await verifyCredentials({ email: u.email, password: "nope" }, "10.2.0.1")).ok).toBe(false);
    expect((await verifyCredentials({ email: u.email, password: "right-password" }, "10.2.0.1")).ok).toBe(true);
  });
});
