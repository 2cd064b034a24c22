import { describe, expect, it } from "vitest";
import { generate } from "otplib";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeUser, viewerOf } from "@/lib/test/factory";
import { hashPassword, verifyCredentials } from "@/lib/auth/credentials";
import { ACCOUNT_MAX_FAILURES } from "@/lib/auth/throttle";
import { beginEnrolment, confirmEnrolment } from "./two-factor";

// A password sign-in of a two-factor account (lib/auth/credentials.ts with lib/auth/two-factor.ts).

useTestDatabase();

const codeNow = (secret: string, offsetSteps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });

async function enrolledAdmin() {
  const u = await makeUser("DISTRICT_ADMIN", null, { passwordHash: await hashPassword("right-password") });
  const v = viewerOf(u);
  const { secret } = await beginEnrolment(v);
  // Enrol with the previous step's code, so the current one is still unused for the sign-in.
  const { recoveryCodes } = await confirmEnrolment(v, { code: await codeNow(secret, -1), password: "right-password" });
  return { u, secret, recoveryCodes };
}

describe("signing in to a two-factor account", () => {
  it("the right password without a code asks for one, signs nobody in and counts no failure", async () => {
    const { u } = await enrolledAdmin();
    for (let i = 0; i < ACCOUNT_MAX_FAILURES + 2; i++) {
      expect(await verifyCredentials({ email: u.email, password: "right-password" }, "10.9.0.1")).toEqual({ ok: false, reason: "code-required" });
    }
    expect(await db().auditEvent.count({ where: { userId: u.id, action: { in: ["signin.success", "signin.failure"] } } })).toBe(0);
    // Each is recorded with the address: a right password from somewhere unexpected is a leaked one.
    const asked = await db().auditEvent.findMany({ where: { userId: u.id, action: "signin.code-required" } });
    expect(asked).toHaveLength(ACCOUNT_MAX_FAILURES + 2);
    expect(asked[0].details).toEqual({ email: u.email, address: "10.9.0.1" });
  });

  it("password and current code sign in once; the same code again is a failed sign-in", async () => {
    const { u, secret } = await enrolledAdmin();
    const code = await codeNow(secret);
    expect(await verifyCredentials({ email: u.email, password: "right-password", code }, "10.9.0.2")).toMatchObject({ ok: true, user: { id: u.id } });
    const ok = await db().auditEvent.findFirstOrThrow({ where: { userId: u.id, action: "signin.success" } });
    expect(ok.details).toMatchObject({ secondFactor: "totp" });
    // Signing in again at once with the same code: "already used", one event with the address, and
    // not counted towards the lock (a slip, not a guess).
    expect(await verifyCredentials({ email: u.email, password: "right-password", code }, "10.9.0.2")).toEqual({ ok: false, reason: "code-reused" });
    const failed = await db().auditEvent.findMany({ where: { userId: u.id, action: { in: ["signin.2fa.failure", "signin.failure"] } } });
    expect(failed.map((e) => [e.action, e.details])).toEqual([["signin.2fa.failure", { reason: "reused", email: u.email, address: "10.9.0.2" }]]);
    expect(await db().signInThrottle.findUnique({ where: { key: `email:${u.email}` } })).toMatchObject({ failures: 0 });
  });

  it("an administrator's two-factor reset lifts a lock that wrong codes set", async () => {
    const { u } = await enrolledAdmin();
    for (let i = 0; i < ACCOUNT_MAX_FAILURES; i++) await verifyCredentials({ email: u.email, password: "right-password", code: "000000" }, "10.9.5.1");
    expect(await verifyCredentials({ email: u.email, password: "right-password" }, "10.9.5.1")).toMatchObject({ reason: "locked" });
    const admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
    const { resetTwoFactor } = await import("@/lib/users/two-factor-reset");
    await resetTwoFactor(admin, { userId: u.id, confirmed: "yes" });
    expect((await verifyCredentials({ email: u.email, password: "right-password" }, "10.9.5.1")).ok).toBe(true);
  });

  it("refused attempts on a locked account are recorded under that account", async () => {
    const { u } = await enrolledAdmin();
    for (let i = 0; i < ACCOUNT_MAX_FAILURES + 1; i++) await verifyCredentials({ email: u.email, password: "wrong" }, "10.9.6.1");
    expect(await db().auditEvent.count({ where: { userId: u.id, action: "signin.locked" } })).toBe(1);
  });

  it("a wrong password with a right code is still refused as a wrong password", async () => {
    const { u, secret } = await enrolledAdmin();
    expect(await verifyCredentials({ email: u.email, password: "wrong", code: await codeNow(secret) }, "10.9.0.3")).toEqual({ ok: false, reason: "invalid" });
  });

  it(`wrong codes count in the throttle: after ${ACCOUNT_MAX_FAILURES} guesses the account is locked, even with the right code`, async () => {
    const { u, secret } = await enrolledAdmin();
    const right = await codeNow(secret);
    const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, "0");
    const outcomes = [];
    for (let i = 0; i < ACCOUNT_MAX_FAILURES; i++) {
      outcomes.push((await verifyCredentials({ email: u.email, password: "right-password", code: wrong }, `10.9.1.${i}`)).ok ? "ok" : "refused");
      // Asking for the code in between does not wipe the count.
      await verifyCredentials({ email: u.email, password: "right-password" }, `10.9.1.${i}`);
    }
    expect(outcomes).toEqual(Array(ACCOUNT_MAX_FAILURES).fill("refused"));
    expect(await verifyCredentials({ email: u.email, password: "right-password", code: right }, "10.9.2.1")).toMatchObject({ ok: false, reason: "locked" });
  });

  it("a recovery code signs in once", async () => {
    const { u, recoveryCodes } = await enrolledAdmin();
    const code = recoveryCodes[4];
    expect((await verifyCredentials({ email: u.email, password: "right-password", code }, "10.9.3.1")).ok).toBe(true);
    expect(await verifyCredentials({ email: u.email, password: "right-password", code }, "10.9.3.1")).toEqual({ ok: false, reason: "code-wrong" });
    const ok = await db().auditEvent.findFirstOrThrow({ where: { userId: u.id, action: "signin.success" } });
    expect(ok.details).toMatchObject({ secondFactor: "recovery" });
  });

  it("an account without two-factor signs in with the password alone, as before", async () => {
    const u = await makeUser("DISTRICT_ADMIN", null, { passwordHash: await hashPassword("right-password") });
    expect((await verifyCredentials({ email: u.email, password: "right-password" }, "10.9.4.1")).ok).toBe(true);
  });
});
