import { describe, expect, it } from "vitest";
import { generate } from "otplib";
import { useTestDatabase } from "@/lib/test/db";
import { makeSchool, makeUser, viewerOf } from "@/lib/test/factory";
import { db } from "@/lib/db";
import { runValidated } from "@/lib/safe-action";
import { hashPassword } from "@/lib/auth/credentials";
import { beginEnrolment, checkSignInSecondFactor, confirmEnrolment, disableTwoFactor, regenerateRecoveryCodes, twoFactorEnrolmentDue, twoFactorStatus } from "./two-factor";
import { anyCodeSchema, confirmEnrolmentSchema } from "./two-factor-schema";
import { getTwoFactorPolicy, setTwoFactorPolicy } from "@/lib/settings/two-factor-policy";
import { twoFactorPolicySchema } from "@/lib/settings/schema";
import { resetTwoFactor, resetTwoFactorSchema } from "@/lib/users/two-factor-reset";
import { ENROL_FIRST, twoFactorRefusal } from "./two-factor-gate";

useTestDatabase();

const T0 = new Date("2026-12-01T15:00:10Z");
const later = (s: number) => new Date(T0.getTime() + s * 1000);
const codeAt = (secret: string, when: Date) => generate({ secret, epoch: Math.floor(when.getTime() / 1000) });
const actions = async (userId: string) =>
  (await db().auditEvent.findMany({ where: { entityId: userId, action: { startsWith: "user.2fa" } }, orderBy: { id: "asc" } })).map((e) => e.action);

async function passwordUser(role: "COUNSELOR" | "SCHOOL_ADMIN" | "DISTRICT_ADMIN" = "COUNSELOR") {
  const school = role === "DISTRICT_ADMIN" ? null : (await makeSchool()).id;
  return viewerOf(await makeUser(role, school, { passwordHash: await hashPassword("pw") }));
}

async function enrolled(role?: "COUNSELOR" | "SCHOOL_ADMIN" | "DISTRICT_ADMIN") {
  const v = await passwordUser(role);
  const { secret } = await beginEnrolment(v);
  const { recoveryCodes } = await confirmEnrolment(v, { code: await codeAt(secret, T0), password: "pw" }, T0);
  return { v, secret, recoveryCodes };
}

describe("enrolment", () => {
  it("a code from the new secret turns two-factor on, with 10 hashed one-time recovery codes; audited", async () => {
    const v = await passwordUser();
    expect((await twoFactorStatus(v)).enabled).toBe(false);
    const { secret } = await beginEnrolment(v);
    expect((await twoFactorStatus(v)).pendingSecret).toBe(secret);
    const r = await runValidated(v, confirmEnrolmentSchema, (viewer, input) => confirmEnrolment(viewer, input, T0), { code: await codeAt(secret, T0), password: "pw" });
    expect(r.ok).toBe(true);
    const codes = r.ok ? r.data.recoveryCodes : [];
    expect(codes).toHaveLength(10);
    const stored = await db().recoveryCode.findMany({ where: { userId: v.id } });
    expect(stored).toHaveLength(10);
    for (const c of codes) expect(stored.map((s) => s.codeHash)).not.toContain(c);
    const user = await db().user.findUniqueOrThrow({ where: { id: v.id }, omit: { totpSecret: false } });
    expect(user.totpEnabledAt).toEqual(T0);
    expect(user.totpSecret).toBe(secret);
    expect(await twoFactorStatus(v)).toMatchObject({ enabled: true, pendingSecret: null, recoveryCodesLeft: 10 });
    expect(await actions(v.id)).toEqual(["user.2fa.setup", "user.2fa.enable"]);
  });

  it("turning it on needs the account's password too (a stolen session cannot enrol its own phone)", async () => {
    const v = await passwordUser();
    const { secret } = await beginEnrolment(v);
    const r = await runValidated(v, confirmEnrolmentSchema, (viewer, input) => confirmEnrolment(viewer, input, T0), { code: await codeAt(secret, T0), password: "not it" });
    expect(r).toMatchObject({ ok: false, fieldErrors: { password: ["Your password is not right"] } });
    expect((await twoFactorStatus(v)).enabled).toBe(false);
    expect(await db().auditEvent.count({ where: { userId: v.id, action: "user.password.failure" } })).toBe(1);
  });

  it("a wrong code leaves it off and names the field", async () => {
    const v = await passwordUser();
    const { secret } = await beginEnrolment(v);
    const wrong = String((Number(await codeAt(secret, T0)) + 1) % 1_000_000).padStart(6, "0");
    const r = await runValidated(v, confirmEnrolmentSchema, (viewer, input) => confirmEnrolment(viewer, input, T0), { code: wrong, password: "pw" });
    expect(!r.ok && r.fieldErrors?.code).toBeTruthy();
    expect((await db().user.findUniqueOrThrow({ where: { id: v.id } })).totpEnabledAt).toBeNull();
    expect(await db().recoveryCode.count({ where: { userId: v.id } })).toBe(0);
  });

  it("confirming without a set-up, setting up twice, or a single-sign-on user are refused", async () => {
    const v = await passwordUser();
    await expect(confirmEnrolment(v, { code: "123456", password: "pw" }, T0)).rejects.toThrow("Start the set-up first.");
    const { v: on } = await enrolled();
    await expect(beginEnrolment(on)).rejects.toThrow("already on");
    const sso = viewerOf(await makeUser("DISTRICT_ADMIN", null));
    await expect(beginEnrolment(sso)).rejects.toThrow("single sign-on");
  });
});

describe("signing in with a second factor", () => {
  it("no code needed without enrolment; with it a missing code asks for one", async () => {
    const v = await passwordUser();
    expect(await checkSignInSecondFactor(v.id, undefined, T0)).toEqual({ outcome: "not-enrolled" });
    const { v: on } = await enrolled();
    expect(await checkSignInSecondFactor(on.id, undefined, T0)).toEqual({ outcome: "code-required" });
    expect(await checkSignInSecondFactor(on.id, "  ", T0)).toEqual({ outcome: "code-required" });
  });

  it("a current code works once; the next step's code works after it; a wrong one is audited", async () => {
    const { v, secret } = await enrolled();
    // The enrolment used T0's step: that code is spent already.
    expect(await checkSignInSecondFactor(v.id, await codeAt(secret, T0), later(5))).toEqual({ outcome: "wrong", reason: "reused" });
    const code = await codeAt(secret, later(30));
    expect(await checkSignInSecondFactor(v.id, code, later(35))).toEqual({ outcome: "ok", method: "totp" });
    expect(await checkSignInSecondFactor(v.id, code, later(40))).toEqual({ outcome: "wrong", reason: "reused" });
    // One step ahead (the phone's clock runs fast) is accepted.
    expect(await checkSignInSecondFactor(v.id, await codeAt(secret, later(90)), later(61))).toEqual({ outcome: "ok", method: "totp" });
    expect(await checkSignInSecondFactor(v.id, "000000x", later(95))).toEqual({ outcome: "wrong", reason: "invalid" });
    const failures = await db().auditEvent.findMany({ where: { userId: v.id, action: "signin.2fa.failure" } });
    expect(failures.map((f) => f.details)).toEqual([{ reason: "reused" }, { reason: "reused" }, { reason: "invalid" }]); // no sign-in attempt: no address
  });

  it("two sign-ins racing with the same code: exactly one succeeds", async () => {
    const { v, secret } = await enrolled();
    const code = await codeAt(secret, later(30));
    const results = await Promise.all([1, 2, 3].map(() => checkSignInSecondFactor(v.id, code, later(31))));
    expect(results.filter((r) => r.outcome === "ok")).toHaveLength(1);
  });

  it("a recovery code works once, typed in any case and with or without its dash", async () => {
    const { v, recoveryCodes } = await enrolled();
    const [first, second] = recoveryCodes;
    expect(await checkSignInSecondFactor(v.id, first.toUpperCase().replace("-", " "), T0)).toEqual({ outcome: "ok", method: "recovery" });
    expect(await checkSignInSecondFactor(v.id, first, T0)).toEqual({ outcome: "wrong", reason: "invalid" });
    expect(await checkSignInSecondFactor(v.id, second, T0)).toEqual({ outcome: "ok", method: "recovery" });
    expect((await twoFactorStatus(v)).recoveryCodesLeft).toBe(8);
    // Another user's code does not open this account.
    const other = await enrolled();
    expect(await checkSignInSecondFactor(v.id, other.recoveryCodes[0], T0)).toEqual({ outcome: "wrong", reason: "invalid" });
  });
});

describe("recovery codes and turning it off", () => {
  it("new recovery codes need a current authenticator code; the old ones stop working", async () => {
    const { v, secret, recoveryCodes } = await enrolled();
    await expect(regenerateRecoveryCodes(v, { code: recoveryCodes[0] }, later(30))).rejects.toThrow("not right");
    const { recoveryCodes: fresh } = await regenerateRecoveryCodes(v, { code: await codeAt(secret, later(30)) }, later(30));
    expect(fresh).toHaveLength(10);
    expect(await checkSignInSecondFactor(v.id, recoveryCodes[1], later(40))).toEqual({ outcome: "wrong", reason: "invalid" });
    expect(await checkSignInSecondFactor(v.id, fresh[0], later(40))).toEqual({ outcome: "ok", method: "recovery" });
    expect(await actions(v.id)).toEqual(["user.2fa.setup", "user.2fa.enable", "user.2fa.failure", "user.2fa.recovery-codes"]);
  });

  it("codes checked on the account page share the sign-in limit: after 5 wrong ones even the right code is refused", async () => {
    const { v, secret } = await enrolled();
    for (let i = 0; i < 5; i++) await expect(regenerateRecoveryCodes(v, { code: "000000" }, later(30))).rejects.toThrow("not right");
    await expect(regenerateRecoveryCodes(v, { code: await codeAt(secret, later(30)) }, later(30))).rejects.toThrow("Too many wrong attempts");
    // …and the account's sign-in is locked too (one allowance per account).
    const { verifyCredentials } = await import("./credentials");
    expect(await verifyCredentials({ email: v.email, password: "pw" }, "10.7.0.1")).toMatchObject({ ok: false, reason: "locked" });
  });

  it("a right code gives its attempt back: many right codes in a row never lock", async () => {
    const { v, secret } = await enrolled();
    for (let i = 1; i <= 6; i++) {
      const at = later(30 * i);
      await regenerateRecoveryCodes(v, { code: await codeAt(secret, at) }, at);
    }
    expect(await db().signInThrottle.findUnique({ where: { key: `email:${v.email}` } })).toMatchObject({ failures: 0, lockedUntil: null });
  });

  it("a last step stored ahead of the clock refuses the code as used instead of throwing", async () => {
    const { v, secret } = await enrolled();
    await db().user.update({ where: { id: v.id }, data: { totpLastStep: Math.floor(later(3600).getTime() / 30_000) } });
    expect(await checkSignInSecondFactor(v.id, await codeAt(secret, later(30)), later(30))).toEqual({ outcome: "wrong", reason: "reused" });
  });

  it("turning it off takes a code (a recovery code will do) when the policy allows; audited", async () => {
    await setTwoFactorPolicy(await passwordUser("DISTRICT_ADMIN"), { policy: "OPTIONAL" });
    const { v, recoveryCodes } = await enrolled();
    const bad = await runValidated(v, anyCodeSchema, (viewer, input) => disableTwoFactor(viewer, input, later(30)), { code: "999999" });
    expect(!bad.ok && bad.fieldErrors?.code).toBeTruthy();
    const r = await runValidated(v, anyCodeSchema, (viewer, input) => disableTwoFactor(viewer, input, later(30)), { code: recoveryCodes[3] });
    expect(r).toEqual({ ok: true, data: { enabled: false } });
    const user = await db().user.findUniqueOrThrow({ where: { id: v.id }, omit: { totpSecret: false } });
    expect([user.totpSecret, user.totpEnabledAt, user.totpLastStep]).toEqual([null, null, null]);
    expect(await db().recoveryCode.count({ where: { userId: v.id } })).toBe(0);
    expect(await checkSignInSecondFactor(v.id, undefined, later(40))).toEqual({ outcome: "not-enrolled" });
    expect((await actions(v.id)).slice(-2)).toEqual(["user.2fa.failure", "user.2fa.disable"]);
  });

  it("the policy that requires it for the user forbids turning it off", async () => {
    await setTwoFactorPolicy(await passwordUser("DISTRICT_ADMIN"), { policy: "ALL_STAFF" });
    const { v, secret } = await enrolled("COUNSELOR");
    await expect(disableTwoFactor(v, { code: await codeAt(secret, later(30)) }, later(30))).rejects.toThrow("requires two-factor");
    expect((await db().user.findUniqueOrThrow({ where: { id: v.id } })).totpEnabledAt).not.toBeNull();
  });
});

describe("district policy", () => {
  it("with no settings row it is ADMINISTRATORS; a district admin changes it, audited; others may not", async () => {
    await db().districtSettings.deleteMany({});
    expect(await getTwoFactorPolicy()).toBe("ADMINISTRATORS");
    const admin = await passwordUser("DISTRICT_ADMIN");
    const r = await runValidated(admin, twoFactorPolicySchema, setTwoFactorPolicy, { policy: "ALL_STAFF" });
    expect(r).toEqual({ ok: true, data: { policy: "ALL_STAFF" } });
    expect(await getTwoFactorPolicy()).toBe("ALL_STAFF");
    const ev = await db().auditEvent.findFirstOrThrow({ where: { action: "settings.2fa-policy", userId: admin.id } });
    expect(ev.details).toEqual({ from: "ADMINISTRATORS", to: "ALL_STAFF" });
    const sa = await passwordUser("SCHOOL_ADMIN");
    expect(await runValidated(sa, twoFactorPolicySchema, setTwoFactorPolicy, { policy: "OPTIONAL" })).toEqual({ ok: false, message: "You do not have access to this." });
    expect((await runValidated(admin, twoFactorPolicySchema, setTwoFactorPolicy, { policy: "SOMETIMES" })).ok).toBe(false);
    expect(await getTwoFactorPolicy()).toBe("ALL_STAFF");
  });

  it("enrolment is due for covered password users who have not enrolled, never for single sign-on users", async () => {
    const admin = await passwordUser("DISTRICT_ADMIN");
    await setTwoFactorPolicy(admin, { policy: "ADMINISTRATORS" });
    const counselor = await passwordUser("COUNSELOR");
    const sso = viewerOf(await makeUser("SCHOOL_ADMIN", (await makeSchool()).id));
    const { v: done } = await enrolled("SCHOOL_ADMIN");
    expect(await twoFactorEnrolmentDue(admin.id)).toBe(true);
    expect(await twoFactorEnrolmentDue(counselor.id)).toBe(false);
    expect(await twoFactorEnrolmentDue(sso.id)).toBe(false);
    expect(await twoFactorEnrolmentDue(done.id)).toBe(false);
    await setTwoFactorPolicy(admin, { policy: "ALL_STAFF" });
    expect(await twoFactorEnrolmentDue(counselor.id)).toBe(true);
    await setTwoFactorPolicy(admin, { policy: "OPTIONAL" });
    expect(await twoFactorEnrolmentDue(admin.id)).toBe(false);
  });

  it("API routes answer 403 with the reason to a user who must enrol first, and nothing to others", async () => {
    const admin = await passwordUser("DISTRICT_ADMIN");
    await setTwoFactorPolicy(admin, { policy: "ADMINISTRATORS" });
    const refused = await twoFactorRefusal(admin);
    expect(refused?.status).toBe(403);
    expect(await refused?.json()).toEqual({ error: ENROL_FIRST });
    expect(await twoFactorRefusal(await passwordUser("COUNSELOR"))).toBeNull();
    expect(await twoFactorRefusal((await enrolled("DISTRICT_ADMIN")).v)).toBeNull();
    expect(await twoFactorRefusal(null)).toBeNull();
  });
});

describe("an administrator's reset", () => {
  it("clears the secret, enrolment and recovery codes of another user; audited; the user enrols again", async () => {
    const admin = await passwordUser("DISTRICT_ADMIN");
    await setTwoFactorPolicy(admin, { policy: "ADMINISTRATORS" });
    const { v } = await enrolled("SCHOOL_ADMIN");
    const { id: sid } = await db().session.create({ data: { id: `s-${v.id}`, userId: v.id, expiresAt: later(3600) } });
    const r = await runValidated(admin, resetTwoFactorSchema, resetTwoFactor, { userId: v.id, confirmed: "yes" });
    expect(r).toEqual({ ok: true, data: { userId: v.id } });
    const user = await db().user.findUniqueOrThrow({ where: { id: v.id }, omit: { totpSecret: false } });
    expect([user.totpSecret, user.totpEnabledAt]).toEqual([null, null]);
    expect(await db().recoveryCode.count({ where: { userId: v.id } })).toBe(0);
    expect(await twoFactorEnrolmentDue(v.id)).toBe(true);
    const ev = await db().auditEvent.findFirstOrThrow({ where: { action: "user.2fa.reset", entityId: v.id } });
    expect([ev.userId, ev.details]).toEqual([admin.id, { wasEnabled: true }]);
    expect(await db().session.findUniqueOrThrow({ where: { id: sid } })).toMatchObject({ revokedReason: "two-factor-reset" });
  });

  it("is refused for oneself, for other roles, unconfirmed, and for an unknown id", async () => {
    const admin = await passwordUser("DISTRICT_ADMIN");
    const self = await runValidated(admin, resetTwoFactorSchema, resetTwoFactor, { userId: admin.id, confirmed: "yes" });
    expect(!self.ok && self.fieldErrors?.userId).toBeTruthy();
    const { v } = await enrolled("COUNSELOR");
    const sa = await passwordUser("SCHOOL_ADMIN");
    expect(await runValidated(sa, resetTwoFactorSchema, resetTwoFactor, { userId: v.id, confirmed: "yes" })).toEqual({ ok: false, message: "You do not have access to this." });
    const unconfirmed = await runValidated(admin, resetTwoFactorSchema, resetTwoFactor, { userId: v.id, confirmed: "no" });
    expect(!unconfirmed.ok && unconfirmed.fieldErrors?.confirmed).toBeTruthy();
    expect((await db().user.findUniqueOrThrow({ where: { id: v.id } })).totpEnabledAt).not.toBeNull();
    expect(await runValidated(admin, resetTwoFactorSchema, resetTwoFactor, { userId: "nope", confirmed: "yes" })).toEqual({ ok: false, message: "User not found" });
  });
});
