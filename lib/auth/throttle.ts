import "server-only";
import { db } from "@/lib/db";
import { releasedAttempt } from "@/lib/sql/queries/released-attempt";
import { reservedAttempt } from "@/lib/sql/queries/reserved-attempt";

// Sign-in throttling: at most 5 password checks for one account (or 20 from one address) within
// 15 minutes; the 5th (20th) locks that key for 15 minutes. A success clears the account's counter
// and gives the address its attempt back.
//
// An attempt is RESERVED before the password is checked, in one statement under the row lock
// (reserveAttempt), and refused when its number is past the limit. Checking the lock first and
// counting the failure after the (slow, bcrypt) check let 30 guesses sent at once all be checked;
// now, however many are in flight, at most ACCOUNT_MAX_FAILURES of them reach the password check
// in a window. (OWASP Authentication Cheat Sheet, "Account lockout"; NIST SP 800-63B §5.2.2 rate
// limiting.)
export const ACCOUNT_MAX_FAILURES = 5;
export const ADDRESS_MAX_FAILURES = 20;
export const WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

export type Reservation = { allowed: true } | { allowed: false; lockedUntil: Date };

/**
 * Reserves one attempt for a key: one INSERT … ON CONFLICT DO UPDATE … RETURNING, so parallel
 * attempts are serialized on the row and each gets its own number. The counter starts again when
 * the window has passed and no lock is in force. The attempt that reaches `max` is still checked
 * and sets the lock; every later one in the window is refused. `failures` counts attempts that
 * have not been given back (a success gives its attempt back: releaseAttempt/clearFailures).
 */
export async function reserveAttempt(key: string, max: number, now = new Date()): Promise<Reservation> {
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  const lockUntil = new Date(now.getTime() + LOCK_MS);
  const row = await reservedAttempt(key, max, { now, windowStart, lockUntil });
  if (row.failures <= max) return { allowed: true };
  return { allowed: false, lockedUntil: row.lockedUntil ?? lockUntil };
}

/** Gives an attempt back (a success from this address), lifting a lock the attempt itself set. */
export async function releaseAttempt(key: string, max: number): Promise<void> {
  await releasedAttempt(key, max);
}

export async function clearFailures(key: string): Promise<void> {
  await db().signInThrottle.deleteMany({ where: { key } });
}

/**
 * For secrets checked while signed in (the current password on the account page, a two-factor
 * code to turn it off or make new recovery codes): the attempt counts against the account's
 * sign-in allowance, so a stolen session cannot guess them at leisure. Returns the lock's end when
 * refused; a right answer gives the attempt back (`release`). Keyed on the account's email, as
 * sign-in is, so guesses here and at sign-in share one limit.
 */
export async function reserveAccountAttempt(email: string): Promise<{ allowed: true; release: () => Promise<void> } | { allowed: false; lockedUntil: Date }> {
  const key = `email:${email.trim().toLowerCase()}`;
  const r = await reserveAttempt(key, ACCOUNT_MAX_FAILURES);
  return r.allowed ? { allowed: true, release: () => releaseAttempt(key, ACCOUNT_MAX_FAILURES) } : r;
}
