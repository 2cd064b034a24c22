import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeSchool, makeUser } from "@/lib/test/factory";
import { hashPassword, verifyCredentials } from "@/lib/auth/credentials";
import { ACCOUNT_MAX_FAILURES, ADDRESS_MAX_FAILURES, LOCK_MS, reserveAttempt, WINDOW_MS } from "@/lib/auth/throttle";

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

  it("counts every one of many parallel failures (no lost update), and locks", async () => {
    const u = await userWithPassword("right-password");
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => verifyCredentials({ email: u.email, password: `guess${i}` }, `10.3.0.${i}`)));
    expect(outcomes.every((o) => !o.ok)).toBe(true);
    const row = await db().signInThrottle.findUniqueOrThrow({ where: { key: `email:${u.email.toLowerCase()}` } });
    expect(row.failures).toBe(12);
    expect(row.lockedUntil).not.toBeNull();
    expect(await verifyCredentials({ email: u.email, password: "right-password" }, "10.3.1.1")).toMatchObject({ ok: false, reason: "locked" });
  });

  it("starts a new window after 15 minutes, and the lock lasts 15 minutes from the attempt that set it", async () => {
    const key = "email:window@example.org";
    const t0 = new Date("2026-10-01T12:00:00Z");
    for (let i = 0; i < ACCOUNT_MAX_FAILURES - 1; i++) expect(await reserveAttempt(key, ACCOUNT_MAX_FAILURES, t0)).toEqual({ allowed: true });
    expect(await db().signInThrottle.findUniqueOrThrow({ where: { key } })).toMatchObject({ failures: ACCOUNT_MAX_FAILURES - 1, lockedUntil: null });
    const later = new Date(t0.getTime() + WINDOW_MS + 1000);
    await reserveAttempt(key, ACCOUNT_MAX_FAILURES, later);
    expect(await db().signInThrottle.findUniqueOrThrow({ where: { key } })).toMatchObject({ failures: 1, firstFailureAt: later, lockedUntil: null });
    for (let i = 0; i < ACCOUNT_MAX_FAILURES - 1; i++) expect(await reserveAttempt(key, ACCOUNT_MAX_FAILURES, later)).toEqual({ allowed: true });
    const lockEnds = new Date(later.getTime() + LOCK_MS);
    expect(await db().signInThrottle.findUniqueOrThrow({ where: { key } })).toMatchObject({ failures: ACCOUNT_MAX_FAILURES, lockedUntil: lockEnds });
    // Refused while locked, and the lock is not extended by refused attempts…
    const during = new Date(later.getTime() + LOCK_MS - 1000);
    expect(await reserveAttempt(key, ACCOUNT_MAX_FAILURES, during)).toEqual({ allowed: false, lockedUntil: lockEnds });
    // …and once it has ended, the counter starts again.
    const after = new Date(lockEnds.getTime() + 1000);
    expect(await reserveAttempt(key, ACCOUNT_MAX_FAILURES, after)).toEqual({ allowed: true });
    expect(await db().signInThrottle.findUniqueOrThrow({ where: { key } })).toMatchObject({ failures: 1, lockedUntil: null });
  });

  it("checks at most 5 passwords of 30 wrong guesses sent at once, and then refuses the right one", async () => {
    const u = await userWithPassword("right-password");
    const outcomes = await Promise.all(Array.from({ length: 30 }, (_, i) => verifyCredentials({ email: u.email, password: `guess${i}` }, `10.4.0.${i}`)));
    expect(outcomes.every((o) => !o.ok)).toBe(true);
    // Each checked guess writes signin.failure; each refused one signin.locked.
    expect(await db().auditEvent.count({ where: { action: "signin.failure", details: { path: ["email"], equals: u.email } } })).toBe(ACCOUNT_MAX_FAILURES);
    expect(await db().auditEvent.count({ where: { action: "signin.locked", details: { path: ["email"], equals: u.email } } })).toBe(30 - ACCOUNT_MAX_FAILURES);
    expect(await verifyCredentials({ email: u.email, password: "right-password" }, "10.4.1.1")).toMatchObject({ ok: false, reason: "locked" });
    expect(await db().auditEvent.count({ where: { userId: u.id, action: "signin.success" } })).toBe(0);
  });

  it(`locks an address after ${ADDRESS_MAX_FAILURES} checked failures across accounts; a success gives its attempt back`, async () => {
    const u = await userWithPassword("right-password");
    const others = await Promise.all(Array.from({ length: 5 }, () => userWithPassword("x-password")));
    const address = "10.5.0.1";
    // 19 wrong guesses spread over 5 accounts (none locked: ≤ 4 each), then a success from the same address.
    for (let i = 0; i < ADDRESS_MAX_FAILURES - 1; i++) await verifyCredentials({ email: others[i % 5].email, password: "nope" }, address);
    expect((await verifyCredentials({ email: u.email, password: "right-password" }, address)).ok).toBe(true);
    // The success did not use up the 20th attempt: one more wrong guess is checked and locks the address.
    expect(await verifyCredentials({ email: u.email, password: "nope" }, address)).toMatchObject({ ok: false, reason: "locked" });
    expect(await verifyCredentials({ email: u.email, password: "right-password" }, address)).toMatchObject({ ok: false, reason: "locked" });
    // Another address is not affected.
    expect((await verifyCredentials({ email: u.email, password: "right-password" }, "10.5.0.2")).ok).toBe(true);
  });

  it("records the address on signin.failure events", async () => {
    const u = await userWithPassword("right-password");
    await verifyCredentials({ email: u.email, password: "wrong" }, "203.0.113.7");
    const e = await db().auditEvent.findFirstOrThrow({ where: { userId: u.id, action: "signin.failure" } });
    expect(e.details).toEqual({ email: u.email, address: "203.0.113.7" });
  });
});
