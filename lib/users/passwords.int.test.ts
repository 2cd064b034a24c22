import { createHash } from "node:crypto";
import bcrypt from "bcryptjs";
import nodemailer from "nodemailer";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { makeSchool, makeUser, viewerOf } from "@/lib/test/factory";
import { db } from "@/lib/db";
import { runValidated } from "@/lib/safe-action";
import { createSession, liveSessionUser } from "@/lib/auth/sessions";
import { verifyCredentials } from "@/lib/auth/credentials";
import { INVALID_LINK, issueSetPasswordLink, linkHolder, LINK_TTL_HOURS, setPasswordWithLink, setUserPassword } from "./passwords";
import { REOPEN_LINK, submitSetPasswordWithLink } from "./set-password-submit";
import { issueLinkSchema, setPasswordSchema } from "./schema";
import { setMailTransport } from "@/lib/mail";

useTestDatabase();

beforeAll(() => {
  process.env.NEXTAUTH_SECRET ??= "test-secret-for-passwords-0123456789";
});

const GOOD = "correct horse battery staple";
const hashOf = async (id: string) => (await db().user.findUniqueOrThrow({ where: { id }, omit: { passwordHash: false } })).passwordHash;
/** The public form's submission (the action minus reading its cookie): fields as posted, and the page's cookie. */
const submit = (fields: Record<string, string>, cookie?: string) => submitSetPasswordWithLink(fields, cookie);

async function people() {
  const school = await makeSchool();
  return { school, admin: viewerOf(await makeUser("DISTRICT_ADMIN", null)), counselor: await makeUser("COUNSELOR", school.id) };
}

describe("an administrator sets someone's password", () => {
  it("sets it with the account page's strength check, ends their sessions, retires their links, audited", async () => {
    const { admin, counselor } = await people();
    const session = await createSession(counselor.id);
    const { token } = await issueSetPasswordLink(admin, { userId: counselor.id });
    const r = await runValidated(admin, setPasswordSchema, setUserPassword, { userId: counselor.id, password: GOOD, confirm: GOOD });
    expect(r).toEqual({ ok: true, data: { userId: counselor.id, revoked: 1 } });
    expect(await bcrypt.compare(GOOD, (await hashOf(counselor.id))!)).toBe(true);
    expect(await liveSessionUser(counselor.id, session)).toBeNull();
    expect(await linkHolder(token)).toBeNull();
    expect(await db().auditEvent.findFirstOrThrow({ where: { action: "user.password.set", entityId: counselor.id } })).toMatchObject({
      userId: admin.id,
      details: { sessionsEnded: 1 },
    });
    expect((await verifyCredentials({ email: counselor.email, password: GOOD })).ok).toBe(true);
  });

  it("weak, mismatched or missing passwords get field messages and nothing is written", async () => {
    const { admin, counselor } = await people();
    const cases: [Record<string, string>, string][] = [
      [{ userId: counselor.id, password: "short", confirm: "short" }, "password"],
      [{ userId: counselor.id, password: "password1234password", confirm: "password1234password" }, "password"],
      [{ userId: counselor.id, password: `${counselor.email.split("@")[0]}-and-more`, confirm: `${counselor.email.split("@")[0]}-and-more` }, "password"],
      [{ userId: counselor.id, password: GOOD, confirm: `${GOOD}!` }, "confirm"],
      [{ userId: counselor.id, password: "", confirm: "" }, "password"],
    ];
    for (const [input, field] of cases) {
      const r = await runValidated(admin, setPasswordSchema, setUserPassword, input);
      expect(!r.ok && r.fieldErrors?.[field], JSON.stringify(input)).toBeTruthy();
    }
    expect(await hashOf(counselor.id)).toBeNull();
  });

  it("refuses oneself, school admins and counselors", async () => {
    const { admin, counselor, school } = await people();
    expect(await runValidated(admin, setPasswordSchema, setUserPassword, { userId: admin.id, password: GOOD, confirm: GOOD })).toMatchObject({
      ok: false,
      fieldErrors: { userId: expect.any(Array) },
    });
    expect(await runValidated(admin, issueLinkSchema, issueSetPasswordLink, { userId: admin.id })).toMatchObject({ ok: false, fieldErrors: { userId: expect.any(Array) } });
    for (const v of [viewerOf(await makeUser("SCHOOL_ADMIN", school.id)), viewerOf(await makeUser("COUNSELOR", school.id))]) {
      expect(await runValidated(v, setPasswordSchema, setUserPassword, { userId: counselor.id, password: GOOD, confirm: GOOD })).toEqual({
        ok: false,
        message: "You do not have access to this.",
      });
      expect(await runValidated(v, issueLinkSchema, issueSetPasswordLink, { userId: counselor.id })).toEqual({ ok: false, message: "You do not have access to this." });
    }
    expect(await hashOf(counselor.id)).toBeNull();
    expect(await db().passwordSetToken.count({ where: { userId: counselor.id } })).toBe(0);
  });
});

describe("one-time set-password links", () => {
  it("stores only the token's SHA-256 hash, expires in 72 hours, and a new link retires the older one", async () => {
    const { admin, counselor } = await people();
    const now = new Date("2026-12-01T10:00:00Z");
    const first = await issueSetPasswordLink(admin, { userId: counselor.id }, now);
    const second = await issueSetPasswordLink(admin, { userId: counselor.id }, now);
    const rows = await db().passwordSetToken.findMany({ where: { userId: counselor.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).toBe(createHash("sha256").update(second.token).digest("hex"));
    expect(rows[0].tokenHash).not.toContain(second.token);
    expect(second.expiresAt.getTime() - now.getTime()).toBe(LINK_TTL_HOURS * 3_600_000);
    expect(await linkHolder(first.token, now)).toBeNull();
    expect(await linkHolder(second.token, now)).toEqual({ name: counselor.name, email: counselor.email });
    expect(await db().auditEvent.count({ where: { action: "user.password.link", entityId: counselor.id } })).toBe(2);
  });

  it("sets the password, ends every session, is audited as the person, and cannot be used twice", async () => {
    const { admin, counselor } = await people();
    await db().user.update({ where: { id: counselor.id }, data: { passwordHash: await bcrypt.hash("an old long password", 4) } });
    const session = await createSession(counselor.id);
    const { token } = await issueSetPasswordLink(admin, { userId: counselor.id });
    // As the page posts it: the token only in the cookie proxy.ts set from the link.
    const r = await submit({ password: GOOD, confirm: GOOD }, token);
    expect(r).toMatchObject({ ok: true, data: { email: counselor.email } });
    expect(await liveSessionUser(counselor.id, session)).toBeNull();
    expect((await verifyCredentials({ email: counselor.email, password: GOOD })).ok).toBe(true);
    expect(await db().auditEvent.findFirstOrThrow({ where: { action: "user.password.link-used" } })).toMatchObject({ userId: counselor.id, entityId: counselor.id });
    const again = await submit({ password: "another good passphrase", confirm: "another good passphrase" }, token);
    expect(again).toEqual({ ok: false, message: INVALID_LINK });
    expect((await verifyCredentials({ email: counselor.email, password: GOOD })).ok).toBe(true);
  });

  it("two submissions at once: exactly one succeeds", async () => {
    const { admin, counselor } = await people();
    const { token } = await issueSetPasswordLink(admin, { userId: counselor.id });
    const results = await Promise.all(
      ["first parallel passphrase", "second parallel passphrase", "third parallel passphrase"].map((p) =>
        setPasswordWithLink({ token, password: p, confirm: p }).then(
          () => p,
          () => null,
        ),
      ),
    );
    const winners = results.filter(Boolean);
    expect(winners).toHaveLength(1);
    expect(await bcrypt.compare(winners[0]!, (await hashOf(counselor.id))!)).toBe(true);
    expect(await db().auditEvent.count({ where: { action: "user.password.link-used", entityId: counselor.id } })).toBe(1);
  });

  it("refuses an expired link, a link of a deactivated account, and an unknown token, writing nothing", async () => {
    const { admin, counselor, school } = await people();
    const issued = new Date("2026-12-01T10:00:00Z");
    const { token } = await issueSetPasswordLink(admin, { userId: counselor.id }, issued);
    const late = new Date(issued.getTime() + LINK_TTL_HOURS * 3_600_000 + 1000);
    await expect(setPasswordWithLink({ token, password: GOOD, confirm: GOOD }, late)).rejects.toThrow(INVALID_LINK);
    const off = await makeUser("COUNSELOR", school.id);
    const offLink = await issueSetPasswordLink(admin, { userId: off.id });
    await db().user.update({ where: { id: off.id }, data: { active: false } });
    await expect(setPasswordWithLink({ token: offLink.token, password: GOOD, confirm: GOOD })).rejects.toThrow(INVALID_LINK);
    expect(await submit({ token: "x".repeat(43), password: GOOD, confirm: GOOD })).toEqual({ ok: false, message: INVALID_LINK });
    expect(await hashOf(counselor.id)).toBeNull();
    expect(await hashOf(off.id)).toBeNull();
    // Issuing one for a deactivated account is refused.
    expect(await runValidated(admin, issueLinkSchema, issueSetPasswordLink, { userId: off.id })).toMatchObject({ ok: false, fieldErrors: { userId: expect.any(Array) } });
  });

  it("bad input on the public form gets field messages; the link stays usable", async () => {
    const { admin, counselor } = await people();
    const { token } = await issueSetPasswordLink(admin, { userId: counselor.id });
    expect(await submit({ token, password: "short", confirm: "short" })).toMatchObject({ ok: false, fieldErrors: { password: expect.any(Array) } });
    expect(await submit({ token, password: GOOD, confirm: "different" })).toMatchObject({ ok: false, fieldErrors: { confirm: expect.any(Array) } });
    // No token at all (the cookie expired, or the page was not opened from a link): open the link again.
    expect(await submit({ password: GOOD, confirm: GOOD })).toEqual({ ok: false, message: REOPEN_LINK });
    expect(await submit({ password: GOOD, confirm: GOOD }, "")).toEqual({ ok: false, message: REOPEN_LINK });
    expect(await submit({ token, password: "with\u0000nul character", confirm: "with\u0000nul character" })).toMatchObject({
      ok: false,
      fieldErrors: { password: expect.any(Array) },
    });
    expect(await linkHolder(token)).not.toBeNull();
    expect(await hashOf(counselor.id)).toBeNull();
  });

  it("the page's cookie is the token; a token field is read only when there is no cookie", async () => {
    const { admin, counselor, school } = await people();
    const { token } = await issueSetPasswordLink(admin, { userId: counselor.id });
    // A forged field cannot stand in for the cookie the link set.
    expect(await submit({ token: "x".repeat(43), password: GOOD, confirm: GOOD }, token)).toMatchObject({ ok: true, data: { email: counselor.email } });
    expect((await verifyCredentials({ email: counselor.email, password: GOOD })).ok).toBe(true);
    const other = await makeUser("COUNSELOR", school.id);
    const second = await issueSetPasswordLink(admin, { userId: other.id });
    expect(await submit({ token: second.token, password: GOOD, confirm: GOOD }, "y".repeat(43))).toEqual({ ok: false, message: INVALID_LINK });
    expect(await hashOf(other.id)).toBeNull();
    expect(await submit({ token: second.token, password: GOOD, confirm: GOOD })).toMatchObject({ ok: true, data: { email: other.email } });
  });
});

describe("e-mailing a set-password link", () => {
  it("sends it only when asked and e-mail is configured, audited; a send failure still shows the link", async () => {
    const { admin, counselor } = await people();
    // Not configured (no SMTP_URL in tests): asked to send, nothing is sent.
    const quiet = await issueSetPasswordLink(admin, { userId: counselor.id, send: true }, new Date(), "http://ct.example");
    expect(quiet).toMatchObject({ emailed: false, link: `http://ct.example/set-password?token=${quiet.token}` });
    expect(quiet.mailError).toBeUndefined();
    const sent: { to: string; text: string }[] = [];
    try {
      const t = nodemailer.createTransport({ jsonTransport: true });
      setMailTransport({ sendMail: async (m: { to: string; text: string }) => (sent.push(m), t.sendMail(m)) } as never);
      const r = await issueSetPasswordLink(admin, { userId: counselor.id, send: true }, new Date(), "http://ct.example");
      expect(r.emailed).toBe(true);
      expect(sent).toHaveLength(1);
      expect(sent[0].to).toBe(counselor.email);
      expect(sent[0].text).toContain(r.link);
      expect(await db().auditEvent.count({ where: { action: "user.password.link-mailed", entityId: counselor.id } })).toBe(1);
      // Not asked: not sent.
      await issueSetPasswordLink(admin, { userId: counselor.id }, new Date(), "http://ct.example");
      expect(sent).toHaveLength(1);
      // The server refuses: the link is still issued and shown, with a plain sentence.
      setMailTransport({
        sendMail: async () => {
          throw new Error("550 relay denied for smtp.example");
        },
      } as never);
      const failed = await issueSetPasswordLink(admin, { userId: counselor.id, send: true }, new Date(), "http://ct.example");
      expect(failed).toMatchObject({ emailed: false, mailError: "The e-mail could not be sent: hand the link over yourself." });
      expect(await linkHolder(failed.token)).not.toBeNull();
    } finally {
      setMailTransport(null);
    }
  });

  it("the expiry is the district's time, on the Users page and in the e-mail: 03:30 UTC is the evening before in New York", async () => {
    vi.stubEnv("DISTRICT_TIME_ZONE", "America/New_York");
    const { admin, counselor } = await people();
    const sent: { to: string; text: string }[] = [];
    try {
      setMailTransport({ sendMail: async (m: { to: string; text: string }) => void sent.push(m) } as never);
      // Issued at 03:30 UTC on January 9, 2027: it expires 72 hours later, 03:30 UTC on January 12 —
      // January 11, 10:30 PM in New York (EST, UTC−5).
      const r = await issueSetPasswordLink(admin, { userId: counselor.id, send: true }, new Date("2027-01-09T03:30:00Z"), "http://ct.example");
      expect(r.expiresAt.toISOString()).toBe("2027-01-12T03:30:00.000Z");
      // What issueLinkAction hands the Users page (staff-forms.tsx shows expiresAtText).
      expect(r.expiresAtText).toBe("Jan 11, 2027, 10:30 PM EST");
      expect(sent[0].text).toContain("It works once, until Jan 11, 2027, 10:30 PM EST.");
    } finally {
      setMailTransport(null);
      vi.unstubAllEnvs();
    }
  });
});
