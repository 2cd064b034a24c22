import "server-only";
import { db, type Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import type { Viewer } from "@/lib/access";
import { DomainError } from "@/lib/safe-action";
import { getTwoFactorPolicy } from "@/lib/settings/two-factor-policy";
import { enrolmentDue, policyRequires } from "@/lib/settings/rules";
import { checkTotp, hashRecoveryCode, isRecoveryCode, isTotpCode, newRecoveryCodes, newTotpSecret, normalizeCode } from "./totp";
import bcrypt from "bcryptjs";
import { TWO_FACTOR_CODE_WRONG, type CodeInput, type ConfirmEnrolmentInput } from "./two-factor-schema";
import { reserveAccountAttempt } from "./throttle";

export const TOO_MANY_ATTEMPTS = "Too many wrong attempts. Try again in 15 minutes.";

// Two-factor sign-in (TOTP, RFC 6238) for password users: enrolment (a secret, confirmed by a
// code), one-time recovery codes (SHA-256 hashes), turning it off, and the sign-in check.
// Codes are compared in lib/auth/totp.ts; every change here is one transaction with its audit event.

export type TwoFactorStatus = {
  enabled: boolean;
  /** Set up but not yet confirmed with a code: the secret to show. */
  pendingSecret: string | null;
  recoveryCodesLeft: number;
  /** The district policy requires it of this user (so it cannot be turned off). */
  required: boolean;
  /** Single sign-on only: no password, so nothing to add a factor to. */
  ssoOnly: boolean;
};

export async function twoFactorStatus(viewer: Viewer): Promise<TwoFactorStatus> {
  const [user, policy, left] = await Promise.all([
    db().user.findUniqueOrThrow({ where: { id: viewer.id }, select: { totpSecret: true, totpEnabledAt: true, passwordHash: true } }),
    getTwoFactorPolicy(),
    db().recoveryCode.count({ where: { userId: viewer.id, usedAt: null } }),
  ]);
  const enabled = user.totpEnabledAt !== null;
  return {
    enabled,
    pendingSecret: !enabled ? user.totpSecret : null,
    recoveryCodesLeft: enabled ? left : 0,
    required: policyRequires(policy, viewer.role),
    ssoOnly: !user.passwordHash,
  };
}

/** Whether this signed-in user must enrol before using anything else (the district policy). */
export async function twoFactorEnrolmentDue(userId: string): Promise<boolean> {
  const [user, policy] = await Promise.all([
    db().user.findUnique({ where: { id: userId }, select: { role: true, passwordHash: true, totpEnabledAt: true } }),
    getTwoFactorPolicy(),
  ]);
  if (!user) return false;
  return enrolmentDue(policy, { role: user.role, hasPassword: Boolean(user.passwordHash), totpEnabled: user.totpEnabledAt !== null });
}

/** Step 1: a new secret for the user to add to their app (replaces an unconfirmed one). */
export async function beginEnrolment(viewer: Viewer): Promise<{ secret: string }> {
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { totpEnabledAt: true, passwordHash: true } });
    if (user.totpEnabledAt) throw new DomainError("Two-factor sign-in is already on.");
    if (!user.passwordHash) throw new DomainError("You sign in through your organization's single sign-on, which has its own second factor.");
    const secret = newTotpSecret();
    await tx.user.update({ where: { id: viewer.id }, data: { totpSecret: secret, totpLastStep: null } });
    await recordAudit(viewer, { action: "user.2fa.setup", entity: "User", entityId: viewer.id }, tx);
    return { secret };
  });
}

/**
 * Step 2: the account's password (checked like a sign-in: it shares the account's limit) and a
 * current code, which proves the app has the secret; two-factor is on and 10 recovery codes are
 * made (shown once).
 */
export async function confirmEnrolment(viewer: Viewer, input: ConfirmEnrolmentInput, now = new Date()): Promise<{ recoveryCodes: string[] }> {
  const attempt = await reserveAccountAttempt(viewer.email);
  if (!attempt.allowed) throw new DomainError(TOO_MANY_ATTEMPTS, "password");
  const { passwordHash } = await db().user.findUniqueOrThrow({ where: { id: viewer.id }, select: { passwordHash: true } });
  if (!passwordHash || !(await bcrypt.compare(input.password, passwordHash))) {
    await recordAudit(viewer, { action: "user.password.failure", entity: "User", entityId: viewer.id, details: { during: "two-factor set-up" } });
    throw new DomainError("Your password is not right", "password");
  }
  await attempt.release();
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { totpSecret: true, totpEnabledAt: true } });
    if (user.totpEnabledAt) throw new DomainError("Two-factor sign-in is already on.");
    if (!user.totpSecret) throw new DomainError("Start the set-up first.");
    const check = await checkTotp(user.totpSecret, normalizeCode(input.code), now);
    if (!check.ok) throw new DomainError(TWO_FACTOR_CODE_WRONG, "code");
    await tx.user.update({ where: { id: viewer.id }, data: { totpEnabledAt: now, totpLastStep: check.step } });
    const recoveryCodes = await replaceRecoveryCodes(tx, viewer.id);
    await recordAudit(viewer, { action: "user.2fa.enable", entity: "User", entityId: viewer.id }, tx);
    return { recoveryCodes };
  });
}

/** New recovery codes (the old ones stop working), confirmed with a current authenticator code. */
export async function regenerateRecoveryCodes(viewer: Viewer, input: CodeInput, now = new Date()): Promise<{ recoveryCodes: string[] }> {
  return withCode(viewer, input.code, now, { recovery: false }, async (tx) => {
    const recoveryCodes = await replaceRecoveryCodes(tx, viewer.id);
    await recordAudit(viewer, { action: "user.2fa.recovery-codes", entity: "User", entityId: viewer.id }, tx);
    return { recoveryCodes };
  });
}

/** Turns two-factor off (when the district policy does not require it), confirmed with a code or a recovery code. */
export async function disableTwoFactor(viewer: Viewer, input: CodeInput, now = new Date()): Promise<{ enabled: false }> {
  if (policyRequires(await getTwoFactorPolicy(), viewer.role)) {
    throw new DomainError("The district requires two-factor sign-in for your account: it cannot be turned off.");
  }
  return withCode(viewer, input.code, now, { recovery: true }, async (tx) => {
    await clearTwoFactor(tx, viewer.id);
    await recordAudit(viewer, { action: "user.2fa.disable", entity: "User", entityId: viewer.id }, tx);
    return { enabled: false as const };
  });
}

/** Removes the secret, the enrolment and the recovery codes (turning off, an administrator's reset). */
export async function clearTwoFactor(tx: Tx, userId: string): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
  await tx.recoveryCode.deleteMany({ where: { userId } });
}

async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: hashRecoveryCode(c) })) });
  return codes;
}

/**
 * On the account page: uses up a code, then runs `fn`, in one transaction. A wrong code is a field
 * error and a `user.2fa.failure` event (written after the transaction has ended: the embedded
 * database has one connection, which the transaction holds).
 */
async function withCode<R>(viewer: Viewer, code: string, now: Date, opts: { recovery: boolean }, fn: (tx: Tx) => Promise<R>): Promise<R> {
  // Each code checked here counts against the account's sign-in allowance (5 per 15 minutes).
  const attempt = await reserveAccountAttempt(viewer.email);
  if (!attempt.allowed) throw new DomainError(TOO_MANY_ATTEMPTS, "code");
  const out = await db().$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { totpEnabledAt: true } });
    if (!user.totpEnabledAt) throw new DomainError("Two-factor sign-in is not on.");
    const r = await useSecondFactor(tx, viewer.id, code, now, opts);
    return r.ok ? { ok: true as const, value: await fn(tx) } : r;
  });
  if (out.ok) {
    await attempt.release();
    return out.value;
  }
  await recordAudit(viewer, { action: "user.2fa.failure", entity: "User", entityId: viewer.id, details: { reason: out.reason } });
  throw new DomainError(TWO_FACTOR_CODE_WRONG, "code");
}

export type SecondFactorResult = { ok: true; method: "totp" | "recovery" } | { ok: false; reason: "invalid" | "reused" };

/**
 * Checks and uses up a code: a TOTP code moves the user's last step forward, a recovery code is
 * marked used. Each write is conditional (`totpLastStep` still below the step, `usedAt` still
 * null), so two requests racing with the same code cannot both succeed.
 */
export async function useSecondFactor(tx: Tx, userId: string, raw: string, now: Date, opts: { recovery: boolean } = { recovery: true }): Promise<SecondFactorResult> {
  const code = normalizeCode(raw);
  if (isTotpCode(code)) {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { totpSecret: true, totpLastStep: true, totpEnabledAt: true } });
    if (!user?.totpSecret || !user.totpEnabledAt) return { ok: false, reason: "invalid" };
    const check = await checkTotp(user.totpSecret, code, now, user.totpLastStep);
    if (!check.ok) return check;
    const moved = await tx.user.updateMany({
      where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: check.step } }] },
      data: { totpLastStep: check.step },
    });
    return moved.count === 1 ? { ok: true, method: "totp" } : { ok: false, reason: "reused" };
  }
  if (opts.recovery && isRecoveryCode(code)) {
    const used = await tx.recoveryCode.updateMany({ where: { userId, codeHash: hashRecoveryCode(code), usedAt: null }, data: { usedAt: now } });
    return used.count === 1 ? { ok: true, method: "recovery" } : { ok: false, reason: "invalid" };
  }
  return { ok: false, reason: "invalid" };
}

export type SignInSecondFactor =
  { outcome: "not-enrolled" } | { outcome: "code-required" } | { outcome: "ok"; method: "totp" | "recovery" } | { outcome: "wrong"; reason: "invalid" | "reused" };

/**
 * The second step of a password sign-in, called once the password is known to be right: no code
 * is needed without enrolment; with it, a missing code asks for one and a wrong or reused code is
 * a failed sign-in (the caller counts it in the throttle: it is a guess). Writes
 * `signin.2fa.failure` for a wrong code; the caller writes the sign-in's own events.
 */
export async function checkSignInSecondFactor(
  userId: string,
  code: string | undefined,
  now = new Date(),
  attempt: { email?: string; address?: string } = {},
): Promise<SignInSecondFactor> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true } });
  if (!user?.totpEnabledAt) return { outcome: "not-enrolled" };
  if (!code || !code.trim()) return { outcome: "code-required" };
  const r = await db().$transaction((tx) => useSecondFactor(tx, userId, code, now));
  if (r.ok) return { outcome: "ok", method: r.method };
  await db().auditEvent.create({ data: { userId, action: "signin.2fa.failure", entity: "User", entityId: userId, details: { reason: r.reason, ...attempt } } });
  return { outcome: "wrong", reason: r.reason };
}
