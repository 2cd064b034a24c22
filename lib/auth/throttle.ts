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

/**
 * Counts one failure for a key in ONE statement (insert or update under the row lock), so parallel
 * guesses cannot read the same count and each write back count + 1: every failure is counted.
 */
export async function recordFailure(key: string, max: number, now = new Date()): Promise<void> {
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  const lockUntil = new Date(now.getTime() + LOCK_MS);
  await db().$executeRaw`
    INSERT INTO "SignInThrottle" AS t (key, failures, "firstFailureAt", "lockedUntil")
    VALUES (${key}, 1, ${now}, CASE WHEN 1 >= ${max}::int THEN ${lockUntil}::timestamp END)
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN t."firstFailureAt" < ${windowStart}::timestamp THEN 1 ELSE t.failures + 1 END,
      "firstFailureAt" = CASE WHEN t."firstFailureAt" < ${windowStart}::timestamp THEN ${now}::timestamp ELSE t."firstFailureAt" END,
      "lockedUntil" = CASE
        WHEN (CASE WHEN t."firstFailureAt" < ${windowStart}::timestamp THEN 1 ELSE t.failures + 1 END) >= ${max}::int THEN ${lockUntil}::timestamp
        ELSE NULL END`;
}

export async function clearFailures(key: string): Promise<void> {
  await db().signInThrottle.deleteMany({ where: { key } });
}
