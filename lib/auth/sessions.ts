import "server-only";
import { randomBytes } from "node:crypto";
import { db, type Tx } from "@/lib/db";
import { liveSessionRow } from "@/lib/sql/queries/live-session-row";
import { touchSession } from "@/lib/sql/queries/touch-session";
import { env } from "@/lib/env";
import type { Viewer } from "@/lib/access";
import { DEFAULT_TWO_FACTOR_POLICY, enrolmentDue } from "@/lib/settings/rules";

// Sessions that can end. The session cookie is NextAuth's sealed JWT, but it carries only the user
// id and the id of a `Session` row, and every request checks that row (in the same statement that
// re-reads the user, lib/auth.ts currentViewer), so:
// - sign-out, deactivation, a password change and "sign out everywhere" revoke a token at once
//   (a copied cookie stops working; renewal at /api/auth/session is refused and clears it);
// - a session ends SESSION_MAX_AGE_HOURS after sign-in whatever renews the cookie (absolute
//   lifetime), and after SESSION_IDLE_MINUTES without a request (idle timeout).
// OWASP Session Management Cheat Sheet: server-side invalidation on logout, idle and absolute
// timeouts. `lastSeenAt` is written at most once a minute per session, so the idle timeout is
// accurate to a minute and a page view does not cost a write.

export const TOUCH_EVERY_SECONDS = 60;

export type RevokeReason = "sign-out" | "deactivated" | "password-changed" | "signed-out-everywhere" | "two-factor-reset" | "role-changed";

/** A new session row for a sign-in; its id goes into the token. */
export async function createSession(userId: string, meta: { address?: string | null; userAgent?: string | null } = {}, now = new Date()): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  const e = env();
  await db().session.create({
    data: {
      id,
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + e.SESSION_MAX_AGE_HOURS * 3_600_000),
      address: meta.address?.slice(0, 100) ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    },
  });
  return id;
}

/** Revoke one session (sign-out). Idempotent. */
export async function revokeSession(sessionId: string, reason: RevokeReason, now = new Date()): Promise<void> {
  await db().session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now, revokedReason: reason } });
}

/** Revoke every live session of a user, in the caller's transaction when given. Returns how many. */
export async function revokeSessions(userId: string, reason: RevokeReason, tx?: Tx, now = new Date()): Promise<number> {
  const r = await (tx ?? db()).session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now, revokedReason: reason } });
  return r.count;
}

/**
 * The user of a live session, or null: the session exists, belongs to that user, is not revoked,
 * has not passed its absolute expiry and has seen a request within the idle timeout; the user is
 * active. One prepared statement (this runs on every request), which also reads what the
 * district's two-factor policy asks of the user (Viewer.twoFactorDue, so the policy gate costs no
 * query of its own); `lastSeenAt` is moved on at most once a minute.
 */
export async function liveSessionUser(uid: string, sid: string, now = new Date()): Promise<Viewer | null> {
  const idleFrom = new Date(now.getTime() - env().SESSION_IDLE_MINUTES * 60_000);
  const touchBefore = new Date(now.getTime() - TOUCH_EVERY_SECONDS * 1000);
  const row = await liveSessionRow(uid, sid, { now, idleFrom, touchBefore });
  if (!row || !row.active) return null;
  if (row.touch) await touchSession(sid, now, touchBefore);
  const twoFactorDue = enrolmentDue(row.policy ?? DEFAULT_TWO_FACTOR_POLICY, { role: row.role, hasPassword: row.hasPassword, totpEnabled: row.totpEnabled });
  return { id: row.id, name: row.name, email: row.email, role: row.role, schoolId: row.schoolId, twoFactorDue };
}
