import "server-only";
import bcrypt from "bcryptjs";
import { db } from "@/lib/db";
import { ACCOUNT_MAX_FAILURES, ADDRESS_MAX_FAILURES, clearFailures, releaseAttempt, reserveAttempt } from "@/lib/auth/throttle";

import { signInSchema } from "@/lib/auth/schema";
import { checkSignInSecondFactor } from "@/lib/auth/two-factor";
import { TWO_FACTOR_CODE_REQUIRED, TWO_FACTOR_CODE_REUSED, TWO_FACTOR_CODE_WRONG } from "@/lib/auth/two-factor-schema";

export type SignInOutcome =
  | { ok: true; user: { id: string; name: string; email: string; role: string; schoolId: string | null } }
  | { ok: false; reason: "invalid" | "locked" | "code-required" | "code-wrong" | "code-reused"; retryAt?: Date };

export const SIGNIN_MESSAGES = {
  invalid: "Email or password is incorrect.",
  locked: "Too many failed sign-ins. Try again in 15 minutes.",
  "code-required": TWO_FACTOR_CODE_REQUIRED,
  "code-wrong": TWO_FACTOR_CODE_WRONG,
  "code-reused": TWO_FACTOR_CODE_REUSED,
} as const;

// A dummy hash so an unknown email costs the same time as a wrong password.
const DUMMY_HASH = "$2b$10$CwTycUXWue0Thq9StjUM0uJ8.sJ0RzFj3aG6ZpGkq7QkQpK5Vb3xW";

/**
 * Checks an email and password, with throttling by account and by address (lib/auth/throttle.ts:
 * the attempt is reserved for both keys before the password is checked, so a burst of parallel
 * guesses gets at most 5 checks). Writes an audit event; failures record the address.
 */
export async function verifyCredentials(raw: unknown, address = "unknown"): Promise<SignInOutcome> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password, code } = parsed.data;
  const accountKey = `email:${email}`;
  const addressKey = `ip:${address}`;
  const [account, from] = await Promise.all([reserveAttempt(accountKey, ACCOUNT_MAX_FAILURES), reserveAttempt(addressKey, ADDRESS_MAX_FAILURES)]);
  if (!account.allowed || !from.allowed) {
    // The attempt was refused unchecked: give back what it took from the key that allowed it, so
    // refused attempts against one account do not use up a shared address's allowance.
    if (account.allowed) await releaseAttempt(accountKey, ACCOUNT_MAX_FAILURES);
    if (from.allowed) await releaseAttempt(addressKey, ADDRESS_MAX_FAILURES);
    const retryAt = new Date(Math.max(account.allowed ? 0 : account.lockedUntil.getTime(), from.allowed ? 0 : from.lockedUntil.getTime()));
    // Recorded under the account when there is one, so "who tried to sign in as X" finds it.
    const known = await db().user.findUnique({ where: { email }, select: { id: true } });
    await audit(known?.id ?? null, "signin.locked", { email, address, locked: !account.allowed ? "account" : "address" });
    return { ok: false, reason: "locked", retryAt };
  }
  const user = await db().user.findUnique({ where: { email }, omit: { passwordHash: false } });
  const good = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !user.active || !user.passwordHash || !good) {
    await audit(user?.id ?? null, "signin.failure", { email, address });
    const [a, f] = await Promise.all([lockedUntil(accountKey), lockedUntil(addressKey)]);
    const until = a ?? f;
    return until ? { ok: false, reason: "locked", retryAt: until } : { ok: false, reason: "invalid" };
  }
  // Two-factor accounts (lib/auth/two-factor.ts): the right password alone does not sign in.
  const second = await checkSignInSecondFactor(user.id, code, new Date(), { email, address });
  if (second.outcome === "code-required") {
    // Not a guess: both attempts are given back, but the account's earlier failures stay (clearing
    // them would let code guesses alternate with code-less sign-ins without ever locking).
    await Promise.all([releaseAttempt(accountKey, ACCOUNT_MAX_FAILURES), releaseAttempt(addressKey, ADDRESS_MAX_FAILURES)]);
    // Recorded: a right password from an unexpected address is the first sign of a leaked one.
    await audit(user.id, "signin.code-required", { email, address });
    return { ok: false, reason: "code-required" };
  }
  if (second.outcome === "wrong" && second.reason === "reused") {
    // A code that was right a moment ago and has been used (signing in again at once): a slip, not
    // a guess — random guesses land here about twice in a million. Not counted; its own message.
    await Promise.all([releaseAttempt(accountKey, ACCOUNT_MAX_FAILURES), releaseAttempt(addressKey, ADDRESS_MAX_FAILURES)]);
    return { ok: false, reason: "code-reused" };
  }
  if (second.outcome === "wrong") {
    // A wrong code is a guess: its reserved attempt stays counted, like a wrong password
    // (checkSignInSecondFactor has recorded signin.2fa.failure with the address).
    const [a, f] = await Promise.all([lockedUntil(accountKey), lockedUntil(addressKey)]);
    const until = a ?? f;
    return until ? { ok: false, reason: "locked", retryAt: until } : { ok: false, reason: "code-wrong" };
  }
  await Promise.all([clearFailures(accountKey), releaseAttempt(addressKey, ADDRESS_MAX_FAILURES)]);
  await audit(user.id, "signin.success", second.outcome === "ok" ? { address, secondFactor: second.method } : { address });
  return { ok: true, user: { id: user.id, name: user.name, email: user.email, role: user.role, schoolId: user.schoolId } };
}

/** When a key's lock ends, if it is locked now. */
async function lockedUntil(key: string, now = new Date()): Promise<Date | null> {
  const row = await db().signInThrottle.findFirst({ where: { key, lockedUntil: { gt: now } }, select: { lockedUntil: true } });
  return row?.lockedUntil ?? null;
}

async function audit(userId: string | null, action: string, details: Record<string, string>) {
  await db().auditEvent.create({ data: { userId, action, details } });
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, 10);
}
