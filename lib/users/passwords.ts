import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db, type Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { hashPassword } from "@/lib/auth/credentials";
import { revokeSessions } from "@/lib/auth/sessions";
import { passwordWeakness } from "@/lib/account/schema";
import { NotFoundError, type Viewer, assertCan } from "@/lib/access";
import { DomainError } from "@/lib/safe-action";
import { mailConfigured, sendMail } from "@/lib/mail";
import { formatMoment } from "@/lib/calendar";
import type { IssueLinkInput, SetPasswordInput, UseLinkInput } from "./schema";

// Passwords for other people (district admins), and one-time set-password links. An account made
// by an administrator or a roster import has no password until one of these; single-sign-on users
// never need one. Both ways run the strength check of /account/password (NIST SP 800-63B
// §5.1.1.2, lib/account/schema.ts) and end the person's other sessions.
//
// Links follow the OWASP Forgot Password Cheat Sheet: a random token of 256 bits, only its SHA-256
// hash stored (a copy of the database opens no account), an expiry, single use (consumed by a
// conditional update, so two submissions at once cannot both succeed), and a new link retires the
// older ones. The link is shown once, to the administrator who hands it over.

export const LINK_TTL_HOURS = 72;
export const INVALID_LINK = "This link cannot be used: it has expired, was already used or was replaced by a newer one. Ask your administrator for a new link.";

const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

async function otherUser(viewer: Viewer, userId: string, self: string) {
  assertCan(viewer, "users.manage");
  if (userId === viewer.id) throw new DomainError(self, "userId");
  const user = await db().user.findUnique({ where: { id: userId }, select: { id: true, email: true, active: true } });
  if (!user) throw new NotFoundError("User");
  return user;
}

/** Retires every link of a user not used yet (a new link, or a password set another way). */
const retireLinks = (tx: Tx, userId: string) => tx.passwordSetToken.deleteMany({ where: { userId, usedAt: null } });

/** A district admin sets someone's password (to tell them in person); their sessions end. */
export async function setUserPassword(viewer: Viewer, input: SetPasswordInput): Promise<{ userId: string; revoked: number }> {
  const user = await otherUser(viewer, input.userId, "Change your own password on your account page.");
  const weak = passwordWeakness(input.password, user.email);
  if (weak) throw new DomainError(weak.replace("your email", "their email"), "password");
  const hash = await hashPassword(input.password);
  return db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash: hash } });
    await retireLinks(tx, user.id);
    const revoked = await revokeSessions(user.id, "password-changed", tx);
    await recordAudit(viewer, { action: "user.password.set", entity: "User", entityId: user.id, details: { sessionsEnded: revoked } }, tx);
    return { userId: user.id, revoked };
  });
}

/**
 * A new one-time link for someone: the token is returned once (in the link) and stored nowhere.
 * With `send` and e-mail configured (lib/mail.ts), the link is also e-mailed to the person; a
 * failure to send is reported, never fatal — the link is still shown to hand over.
 */
export async function issueSetPasswordLink(
  viewer: Viewer,
  input: Pick<IssueLinkInput, "userId"> & { send?: boolean },
  now = new Date(),
  base = "http://localhost",
): Promise<{ userId: string; token: string; link: string; expiresAt: Date; expiresAtText: string; emailed: boolean; mailError?: string }> {
  const user = await otherUser(viewer, input.userId, "Change your own password on your account page.");
  if (!user.active) throw new DomainError("This account is deactivated: reactivate it first.", "userId");
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + LINK_TTL_HOURS * 3_600_000);
  await db().$transaction(async (tx) => {
    await retireLinks(tx, user.id);
    await tx.passwordSetToken.create({ data: { userId: user.id, tokenHash: hashToken(token), createdById: viewer.id, createdAt: now, expiresAt } });
    await recordAudit(viewer, { action: "user.password.link", entity: "User", entityId: user.id, details: { expiresAt: expiresAt.toISOString() } }, tx);
  });
  const link = `${base.replace(/\/+$/, "")}/set-password?token=${token}`;
  // The expiry in the district's zone, the same words on the Users page and in the e-mail.
  const expiresAtText = formatMoment(expiresAt);
  if (!input.send || !mailConfigured()) return { userId: user.id, token, link, expiresAt, expiresAtText, emailed: false };
  try {
    await sendMail({
      to: user.email,
      subject: "Choose your CreditTrack password",
      text: [
        `${viewer.name} made you a link to choose your CreditTrack password:`,
        "",
        link,
        "",
        `It works once, until ${expiresAtText}. If you did not expect it, ignore this message and tell your district administrator.`,
      ].join("\n"),
    });
    await recordAudit(viewer, { action: "user.password.link-mailed", entity: "User", entityId: user.id });
    return { userId: user.id, token, link, expiresAt, expiresAtText, emailed: true };
  } catch (e) {
    // The server's words may carry addresses or settings: logged here, a plain sentence for the page.
    console.error("Could not e-mail a set-password link", e instanceof Error ? e.message : e);
    return { userId: user.id, token, link, expiresAt, expiresAtText, emailed: false, mailError: "The e-mail could not be sent: hand the link over yourself." };
  }
}

type LinkUser = { id: string; name: string; email: string; role: Viewer["role"]; schoolId: string | null };

/** The account a usable link is for, or null (unknown, used, expired, retired, or the account deactivated). */
async function usableLink(token: string, now: Date): Promise<{ id: string; user: LinkUser } | null> {
  if (!token || token.length > 200) return null;
  const row = await db().passwordSetToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, usedAt: true, expiresAt: true, user: { select: { id: true, name: true, email: true, role: true, schoolId: true, active: true } } },
  });
  if (!row || row.usedAt || row.expiresAt <= now || !row.user.active) return null;
  const { active: _active, ...user } = row.user;
  return { id: row.id, user };
}

/** For the set-password page: whose link this is, or null when it cannot be used. */
export async function linkHolder(token: string, now = new Date()): Promise<{ name: string; email: string } | null> {
  const link = await usableLink(token, now);
  return link ? { name: link.user.name, email: link.user.email } : null;
}

/**
 * The person sets their password through the link (signed out). The link is consumed, every
 * session of theirs ends, and other links they had are retired — all in one transaction with the
 * audit event. A second use, at once or later, finds the link used and is refused.
 */
export async function setPasswordWithLink(input: UseLinkInput, now = new Date()): Promise<{ email: string }> {
  const link = await usableLink(input.token, now);
  if (!link) throw new DomainError(INVALID_LINK);
  const weak = passwordWeakness(input.password, link.user.email);
  if (weak) throw new DomainError(weak, "password");
  const hash = await hashPassword(input.password);
  return db().$transaction(async (tx) => {
    const consumed = await tx.passwordSetToken.updateMany({ where: { id: link.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (consumed.count !== 1) throw new DomainError(INVALID_LINK);
    await tx.user.update({ where: { id: link.user.id }, data: { passwordHash: hash } });
    await retireLinks(tx, link.user.id);
    const revoked = await revokeSessions(link.user.id, "password-changed", tx);
    // The person is who acts here (no session yet): the event is theirs.
    await recordAudit(link.user, { action: "user.password.link-used", entity: "User", entityId: link.user.id, details: { sessionsEnded: revoked } }, tx);
    return { email: link.user.email };
  });
}
