import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeSchool, makeUser, viewerOf } from "@/lib/test/factory";
import { hashPassword, verifyCredentials } from "@/lib/auth/credentials";
import { createSession, liveSessionUser } from "@/lib/auth/sessions";
import { runValidated } from "@/lib/safe-action";
import { changeOwnPassword, signOutEverywhere } from "./password";
import { changePasswordSchema, passwordWeakness, signOutEverywhereSchema } from "./schema";

useTestDatabase();
beforeAll(() => {
  process.env.NEXTAUTH_SECRET ??= "test-secret-for-account-0123456789";
});

async function counselor(password = "the old passphrase 1") {
  const school = await makeSchool();
  return makeUser("COUNSELOR", school.id, { passwordHash: await hashPassword(password) });
}

describe("passwordWeakness (NIST SP 800-63B: length, no composition rules, common and context words)", () => {
  it.each([
    ["short1234", "a@x.org", /at least 12/],
    ["x".repeat(201), "a@x.org", /at most 200/],
    ["my name is jsmith ok", "jsmith@district.org", /email/],
    ["Password1234!", "a@x.org", /too common/],
    ["my credittrack pass", "a@x.org", /too common/],
    ["aaaaaaaaaaaaaaab", "a@x.org", /different characters/],
  ])("refuses %j", (pw, email, why) => expect(passwordWeakness(pw, email)).toMatch(why));

  it("accepts a passphrase of ordinary words, with no digits or symbols required", () => {
    expect(passwordWeakness("correct horse battery staple", "jsmith@district.org")).toBeNull();
    expect(passwordWeakness("abcdefghijkl", "a@x.org")).toBeNull();
  });
});

describe("changing one's password", () => {
  it("needs the current password, refuses a weak one by field, and writes nothing when refused", async () => {
    const u = await counselor();
    const v = viewerOf(u);
    const wrong = await runValidated(v, changePasswordSchema, changeOwnPassword, { current: "not it", next: "a brand new passphrase", confirm: "a brand new passphrase" });
    expect(wrong).toMatchObject({ ok: false, fieldErrors: { current: ["Your current password is not right"] } });
    const weak = await runValidated(v, changePasswordSchema, changeOwnPassword, { current: "the old passphrase 1", next: "short", confirm: "short" });
    expect(weak).toMatchObject({ ok: false, fieldErrors: { next: [expect.stringMatching(/at least 12/)] } });
    const differ = await runValidated(v, changePasswordSchema, changeOwnPassword, {
      current: "the old passphrase 1",
      next: "a brand new passphrase",
      confirm: "a brand new passphrase!",
    });
    expect(differ).toMatchObject({ ok: false, fieldErrors: { confirm: ["The two new passwords differ"] } });
    expect((await verifyCredentials({ email: u.email, password: "the old passphrase 1" }, "10.9.0.1")).ok).toBe(true);
  });

  it("changes it, ends every session of that user (not others'), and audits it", async () => {
    const u = await counselor();
    const other = await counselor();
    const [a, b] = [await createSession(u.id), await createSession(u.id)];
    const theirs = await createSession(other.id);
    const r = await runValidated(viewerOf(u), changePasswordSchema, changeOwnPassword, {
      current: "the old passphrase 1",
      next: "a brand new passphrase",
      confirm: "a brand new passphrase",
    });
    expect(r).toEqual({ ok: true, data: { revoked: 2 } });
    expect(await liveSessionUser(u.id, a)).toBeNull();
    expect(await liveSessionUser(u.id, b)).toBeNull();
    expect(await liveSessionUser(other.id, theirs)).not.toBeNull();
    expect((await verifyCredentials({ email: u.email, password: "the old passphrase 1" }, "10.9.0.2")).ok).toBe(false);
    expect((await verifyCredentials({ email: u.email, password: "a brand new passphrase" }, "10.9.0.2")).ok).toBe(true);
    expect(await db().auditEvent.findFirstOrThrow({ where: { userId: u.id, action: "user.password.change" } })).toMatchObject({ entityId: u.id, details: { sessionsEnded: 2 } });
  });

  it("guesses of the current password share the account's sign-in limit, each audited", async () => {
    const u = await counselor();
    const v = viewerOf(u);
    const attempt = (current: string) => runValidated(v, changePasswordSchema, changeOwnPassword, { current, next: "a brand new passphrase", confirm: "a brand new passphrase" });
    for (let i = 0; i < 5; i++) expect(await attempt(`guess number ${i}`)).toMatchObject({ ok: false, fieldErrors: { current: ["Your current password is not right"] } });
    expect(await attempt("the old passphrase 1")).toMatchObject({ ok: false, fieldErrors: { current: [expect.stringMatching(/Too many wrong attempts/)] } });
    expect(await db().auditEvent.count({ where: { userId: u.id, action: "user.password.failure" } })).toBe(5);
    expect((await verifyCredentials({ email: u.email, password: "the old passphrase 1" }, "10.9.0.3")).ok).toBe(false);
  });

  it("tells a single-sign-on user to change it at their identity provider", async () => {
    const school = await makeSchool();
    const sso = viewerOf(await makeUser("COUNSELOR", school.id));
    const r = await runValidated(sso, changePasswordSchema, changeOwnPassword, { current: "anything", next: "a brand new passphrase", confirm: "a brand new passphrase" });
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/single sign-on/) });
  });
});

describe("sign out everywhere", () => {
  it("ends one's own sessions", async () => {
    const u = await counselor();
    const s = await createSession(u.id);
    expect(await runValidated(viewerOf(u), signOutEverywhereSchema, signOutEverywhere, { confirmed: "yes" })).toEqual({ ok: true, data: { userId: u.id, revoked: 1, self: true } });
    expect(await liveSessionUser(u.id, s)).toBeNull();
  });

  it("lets a district administrator end anyone's sessions, audited; others are refused", async () => {
    const school = await makeSchool();
    const admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
    const schoolAdmin = viewerOf(await makeUser("SCHOOL_ADMIN", school.id));
    const u = await counselor();
    const s = await createSession(u.id);
    expect(await runValidated(schoolAdmin, signOutEverywhereSchema, signOutEverywhere, { userId: u.id, confirmed: "yes" })).toMatchObject({
      ok: false,
      message: "You do not have access to this.",
    });
    expect(await liveSessionUser(u.id, s)).not.toBeNull();
    expect(await runValidated(admin, signOutEverywhereSchema, signOutEverywhere, { userId: u.id, confirmed: "yes" })).toEqual({
      ok: true,
      data: { userId: u.id, revoked: 1, self: false },
    });
    expect(await liveSessionUser(u.id, s)).toBeNull();
    expect(await db().auditEvent.findFirstOrThrow({ where: { userId: admin.id, action: "user.sessions.revoke" } })).toMatchObject({
      entityId: u.id,
      details: { sessionsEnded: 1 },
    });
    expect(await runValidated(admin, signOutEverywhereSchema, signOutEverywhere, { userId: "nope", confirmed: "yes" })).toEqual({ ok: false, message: "User not found" });
    expect(await runValidated(admin, signOutEverywhereSchema, signOutEverywhere, { userId: u.id })).toMatchObject({ ok: false, fieldErrors: { confirmed: expect.any(Array) } });
  });
});
