import "server-only";
import { db } from "@/lib/db";

// Sign-in throttling: 5 failures for one account (or 20 from one address) within 15 minutes lock
// that key for 15 minutes. A success clears the account's counter.
export const ACCOUNT_MAX_FAILURES = 5;
export const ADDRESS_MAX_FAILURES = 20;
export const WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

export async function lockedUntil(keys: string[], now = new Date()): Promise<Date | null> {
  const rows = await db().signInThrottle.findMany({ where: { key: { in: keys }, lockedUntil: { gt: now } } });
  if (rows.length === 0) return null;
  return new Date(Math.max(...rows.map((r) => r.lockedUntil!.getTime())));
}

export async function recordFailure(key: string, max: number, now = new Date()): Promise<void> {
  await db().$transaction(async (tx) => {
    const row = await tx.signInThrottle.findUnique({ where: { key } });
    const fresh = !row || now.getTime() - row.firstFailureAt.getTime() > WINDOW_MS;
    const failures = fresh ? 1 : row.failures + 1;
    const data = {
      failures,
      firstFailureAt: fresh ? now : row!.firstFailureAt,
      lockedUntil: failures >= max ? new Date(now.getTime() + LOCK_MS) : null,
    };
    await tx.signInThrottle.upsert({ where: { key }, create: { key, ...data }, update: data });
  });
}

export async function clearFailures(key: string): Promise<void> {
  await db().signInThrottle.deleteMany({ where: { key } });
}
