import "server-only";
import bcrypt from "bcryptjs";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { revokeSessions } from "@/lib/auth/sessions";
import { hashPassword } from "@/lib/auth/credentials";
import { reserveAccountAttempt } from "@/lib/auth/throttle";
import { TOO_MANY_ATTEMPTS } from "@/lib/auth/two-factor";
import { assertCan, NotFoundError, type Viewer } from "@/lib/access";
import { DomainError } from "@/lib/safe-action";
import { passwordWeakness, type ChangePasswordInput, type SignOutEverywhereInput } from "./schema";

/**
 * A signed-in user changes their own password: the current one must be right, the new one strong
 * enough (lib/account/schema.ts). Every session of theirs is revoked in the same transaction,
 * this one included, so a token taken before the change is useless and they sign in again.
 * Single-sign-on users have no password here.
 */
export async function changeOwnPassword(viewer: Viewer, input: ChangePasswordInput): Promise<{ revoked: number }> {
  const user = await db().user.findUnique({ where: { id: viewer.id }, omit: { passwordHash: false } });
  if (!user) throw new NotFoundError("User");
  if (!user.passwordHash) throw new DomainError("Your account signs in through your district's single sign-on; change your password there.");
  // The current password is a secret checked while signed in: it shares the account's sign-in
  // allowance, so a stolen session cannot try a dictionary here (lib/auth/throttle.ts).
  const attempt = await reserveAccountAttempt(user.email);
  if (!attempt.allowed) throw new DomainError(TOO_MANY_ATTEMPTS, "current");
  if (!(await bcrypt.compare(input.current, user.passwordHash))) {
    await recordAudit(viewer, { action: "user.password.failure", entity: "User", entityId: user.id });
    throw new DomainError("Your current password is not right", "current");
  }
  await attempt.release();
  const weak = passwordWeakness(input.next, user.email);
  if (weak) throw new DomainError(weak, "next");
  const hash = await hashPassword(input.next);
  return db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash: hash } });
    const revoked = await revokeSessions(user.id, "password-changed", tx);
    await recordAudit(viewer, { action: "user.password.change", entity: "User", entityId: user.id, details: { sessionsEnded: revoked } }, tx);
    return { revoked };
  });
}

/**
 * Ends every session of a user at once: the viewer's own, or (district administrators) anyone's —
 * for a lost laptop or a suspected stolen session. Audited.
 */
export async function signOutEverywhere(viewer: Viewer, input: SignOutEverywhereInput): Promise<{ userId: string; revoked: number; self: boolean }> {
  const userId = input.userId ?? viewer.id;
  const self = userId === viewer.id;
  if (!self) assertCan(viewer, "users.manage");
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (!user) throw new NotFoundError("User");
    const revoked = await revokeSessions(user.id, "signed-out-everywhere", tx);
    await recordAudit(viewer, { action: "user.sessions.revoke", entity: "User", entityId: user.id, details: { sessionsEnded: revoked } }, tx);
    return { userId: user.id, revoked, self };
  });
}
