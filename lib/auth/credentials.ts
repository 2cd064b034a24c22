import "server-only";
import bcrypt from "bcryptjs";
import { db } from "@/lib/db";
import { ACCOUNT_MAX_FAILURES, ADDRESS_MAX_FAILURES, clearFailures, lockedUntil, recordFailure } from "@/lib/auth/throttle";

import { signInSchema } from "@/lib/auth/schema";

export type SignInOutcome =
  | { ok: true; user: { id: string; name: string; email: string; role: string; schoolId: string | null } }
  | { ok: false; reason: "invalid" | "locked"; retryAt?: Date };

export const SIGNIN_MESSAGES = {
  invalid: "Email or password is incorrect.",
  locked: "Too many failed sign-ins. Try again in 15 minutes.",
} as const;

// A dummy hash so an unknown email costs the same time as a wrong password.
const DUMMY_HASH = "$2b$10$CwTycUXWue0Thq9StjUM0uJ8.sJ0RzFj3aG6ZpGkq7QkQpK5Vb3xW";

/** Checks an email and password, with throttling by account and by address. Writes an audit event. */
export async function verifyCredentials(raw: unknown, address = "unknown"): Promise<SignInOutcome> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const keys = [`email:${email}`, `ip:${address}`];
  const until = await lockedUntil(keys);
  if (until) {
    await audit(null, "signin.locked", { email });
    return { ok: false, reason: "locked", retryAt: until };
  }
  const user = await db().user.findUnique({ where: { email }, omit: { passwordHash: false } });
  const good = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !user.active || !user.passwordHash || !good) {
    await recordFailure(keys[0], ACCOUNT_MAX_FAILURES);
    await recordFailure(keys[1], ADDRESS_MAX_FAILURES);
    await audit(user?.id ?? null, "signin.failure", { email });
    const nowLocked = await lockedUntil(keys);
    return nowLocked ? { ok: false, reason: "locked", retryAt: nowLocked } : { ok: false, reason: "invalid" };
  }
  await clearFailures(keys[0]);
  await audit(user.id, "signin.success", {});
  return { ok: true, user: { id: user.id, name: user.name, email: user.email, role: user.role, schoolId: user.schoolId } };
}

async function audit(userId: string | null, action: string, details: Record<string, string>) {
  await db().auditEvent.create({ data: { userId, action, details } });
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, 10);
}
