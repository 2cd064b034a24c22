import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeSchool, makeUser, viewerOf } from "@/lib/test/factory";
import { createSession, liveSessionUser, revokeSession, revokeSessions, TOUCH_EVERY_SECONDS } from "@/lib/auth/sessions";
import { runValidated } from "@/lib/safe-action";
import { setUserActive } from "@/lib/users/active";
import { setActiveSchema } from "@/lib/users/schema";

useTestDatabase();

const HOUR = 3_600_000;
const MINUTE = 60_000;

beforeAll(() => {
  process.env.NEXTAUTH_SECRET ??= "test-secret-for-sessions-0123456789";
});

async function counselor() {
  const school = await makeSchool();
  return makeUser("COUNSELOR", school.id);
}

describe("sessions", () => {
  it("a new session is live for its user only, and sign-out ends it at once", async () => {
    const u = await counselor();
    const other = await counselor();
    const sid = await createSession(u.id, { address: "10.0.0.1", userAgent: "test" });
    expect(await liveSessionUser(u.id, sid)).toMatchObject({ id: u.id, role: "COUNSELOR" });
    expect(await liveSessionUser(other.id, sid)).toBeNull();
    await revokeSession(sid, "sign-out");
    expect(await liveSessionUser(u.id, sid)).toBeNull();
    expect(await db().session.findUniqueOrThrow({ where: { id: sid } })).toMatchObject({ revokedReason: "sign-out", address: "10.0.0.1" });
  });

  it("ends SESSION_MAX_AGE_HOURS (8) after sign-in however active the user is (absolute lifetime)", async () => {
    const u = await counselor();
    const t0 = new Date("2026-11-30T13:00:00Z");
    const sid = await createSession(u.id, {}, t0);
    // A request every 30 minutes keeps it from going idle…
    for (let t = t0.getTime() + 30 * MINUTE; t < t0.getTime() + 8 * HOUR; t += 30 * MINUTE) {
      expect(await liveSessionUser(u.id, sid, new Date(t))).not.toBeNull();
    }
    // …but not past 8 hours from sign-in.
    expect(await liveSessionUser(u.id, sid, new Date(t0.getTime() + 8 * HOUR + 1000))).toBeNull();
  });

  it("ends after SESSION_IDLE_MINUTES (60) without a request; a request moves the idle clock on", async () => {
    const u = await counselor();
    const t0 = new Date("2026-11-30T13:00:00Z");
    const sid = await createSession(u.id, {}, t0);
    expect(await liveSessionUser(u.id, sid, new Date(t0.getTime() + 50 * MINUTE))).not.toBeNull();
    expect((await db().session.findUniqueOrThrow({ where: { id: sid } })).lastSeenAt).toEqual(new Date(t0.getTime() + 50 * MINUTE));
    expect(await liveSessionUser(u.id, sid, new Date(t0.getTime() + 100 * MINUTE))).not.toBeNull();
    expect(await liveSessionUser(u.id, sid, new Date(t0.getTime() + 161 * MINUTE))).toBeNull();
  });

  it(`writes lastSeenAt at most once every ${TOUCH_EVERY_SECONDS} s`, async () => {
    const u = await counselor();
    const t0 = new Date("2026-11-30T13:00:00Z");
    const sid = await createSession(u.id, {}, t0);
    await liveSessionUser(u.id, sid, new Date(t0.getTime() + 30_000));
    expect((await db().session.findUniqueOrThrow({ where: { id: sid } })).lastSeenAt).toEqual(t0);
    await liveSessionUser(u.id, sid, new Date(t0.getTime() + 61_000));
    expect((await db().session.findUniqueOrThrow({ where: { id: sid } })).lastSeenAt).toEqual(new Date(t0.getTime() + 61_000));
  });

  it("deactivation revokes every session, and reactivation does not bring them back", async () => {
    const school = await makeSchool();
    const admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
    const c = await makeUser("COUNSELOR", school.id);
    const [a, b] = [await createSession(c.id), await createSession(c.id)];
    expect((await runValidated(admin, setActiveSchema, setUserActive, { userId: c.id, active: "false", confirmed: "yes" })).ok).toBe(true);
    expect(await liveSessionUser(c.id, a)).toBeNull();
    expect((await runValidated(admin, setActiveSchema, setUserActive, { userId: c.id, active: "true", confirmed: "yes" })).ok).toBe(true);
    expect(await liveSessionUser(c.id, a)).toBeNull();
    expect(await liveSessionUser(c.id, b)).toBeNull();
    expect(await db().session.count({ where: { userId: c.id, revokedReason: "deactivated" } })).toBe(2);
  });

  it("reads the two-factor policy's demand in the same statement (Viewer.twoFactorDue), as the gate's own rule does", async () => {
    const { twoFactorEnrolmentDue } = await import("@/lib/auth/two-factor");
    const school = await makeSchool();
    const admin = await makeUser("SCHOOL_ADMIN", school.id, { passwordHash: "x" });
    const enrolled = await makeUser("DISTRICT_ADMIN", null, { passwordHash: "x", totpEnabledAt: new Date() });
    const sso = await makeUser("DISTRICT_ADMIN", null);
    const c = await makeUser("COUNSELOR", school.id, { passwordHash: "x" });
    const check = async () => {
      for (const u of [admin, enrolled, sso, c]) {
        const v = await liveSessionUser(u.id, await createSession(u.id));
        expect(v?.twoFactorDue).toBe(await twoFactorEnrolmentDue(u.id));
      }
    };
    await db().districtSettings.deleteMany({});
    await check(); // no settings row: administrators must
    expect((await liveSessionUser(admin.id, await createSession(admin.id)))?.twoFactorDue).toBe(true);
    for (const policy of ["OPTIONAL", "ALL_STAFF"] as const) {
      await db().districtSettings.upsert({ where: { id: 1 }, create: { id: 1, twoFactorPolicy: policy }, update: { twoFactorPolicy: policy } });
      await check();
    }
    expect((await liveSessionUser(c.id, await createSession(c.id)))?.twoFactorDue).toBe(true);
  });

  it("revokeSessions ends every live session of one user only", async () => {
    const u = await counselor();
    const other = await counselor();
    const mine = [await createSession(u.id), await createSession(u.id)];
    const theirs = await createSession(other.id);
    expect(await revokeSessions(u.id, "signed-out-everywhere")).toBe(2);
    for (const sid of mine) expect(await liveSessionUser(u.id, sid)).toBeNull();
    expect(await liveSessionUser(other.id, theirs)).not.toBeNull();
  });

  it("NextAuth's renewal (the jwt callback) refuses a revoked or expired session, so the cookie is cleared", async () => {
    const { authOptions } = await import("@/lib/auth");
    const jwt = authOptions().callbacks!.jwt!;
    const u = await counselor();
    const sid = await createSession(u.id);
    const token = { uid: u.id, sid };
    await expect(jwt({ token } as never)).resolves.toMatchObject(token);
    await revokeSession(sid, "sign-out");
    await expect(jwt({ token } as never)).rejects.toThrow("Session ended");
    const old = await createSession(u.id, {}, new Date(Date.now() - 9 * HOUR));
    await expect(jwt({ token: { uid: u.id, sid: old } } as never)).rejects.toThrow("Session ended");
    await expect(jwt({ token: { uid: u.id } } as never)).rejects.toThrow("Session ended"); // a token from before sessions
  });

  it("a sign-in through the jwt callback creates a session row with the address and browser", async () => {
    const { authOptions } = await import("@/lib/auth");
    const u = await counselor();
    const token = await authOptions().callbacks!.jwt!({
      token: {},
      user: { id: u.id, address: "198.51.100.4", userAgent: "Mozilla/5.0" },
      account: { provider: "credentials", type: "credentials", providerAccountId: u.id },
    } as never);
    expect(token).toMatchObject({ uid: u.id, sid: expect.any(String) });
    expect(await db().session.findUniqueOrThrow({ where: { id: token.sid as string } })).toMatchObject({ userId: u.id, address: "198.51.100.4", userAgent: "Mozilla/5.0" });
  });
});
