import { createHash, randomInt } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";

// Two-factor codes, pure (no database): TOTP per RFC 6238 (HMAC-SHA1, 6 digits, 30-s steps, as
// every authenticator app expects) through otplib, and one-time recovery codes.

export const TOTP_PERIOD = 30;
/** Steps accepted either side of the current one (RFC 6238 §5.2 allows for clock drift). */
export const TOTP_WINDOW = 1;
export const TOTP_ISSUER = "CreditTrack";
export const RECOVERY_CODE_COUNT = 10;

/** A new shared secret: 20 random bytes (160 bits, RFC 4226 §4's recommendation), base32. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secret: string, email: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: email, secret, period: TOTP_PERIOD, digits: 6 });
}

/** The RFC 6238 time step T = floor(unix seconds / 30) of an instant. */
export function timeStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD);
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: "invalid" | "reused" };

/**
 * Checks a 6-digit code against the secret at `now`, accepting the step before and after the
 * current one. A code whose step is not later than `lastStep` (the last one accepted) is refused
 * as "reused": each code signs in once.
 */
export async function checkTotp(secret: string, code: string, now: Date, lastStep: number | null = null): Promise<TotpCheck> {
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: "invalid" };
  const epoch = Math.floor(now.getTime() / 1000);
  // epochTolerance in seconds: ±30 s around `now` reaches exactly the neighbouring step on each side.
  const base = { secret, token: code, epoch, period: TOTP_PERIOD, epochTolerance: TOTP_WINDOW * TOTP_PERIOD };
  // A last step already at or past the newest step the window reaches (a server clock that ran
  // ahead, or stepped back): no code can be newer. otplib throws for such an afterTimeStep.
  if (lastStep !== null && lastStep >= Math.floor(epoch / TOTP_PERIOD) + TOTP_WINDOW) return { ok: false, reason: "reused" };
  const r = await verify(lastStep === null ? base : { ...base, afterTimeStep: lastStep });
  if (r.valid) return { ok: true, step: (r as { timeStep: number }).timeStep };
  if (lastStep !== null && (await verify(base)).valid) return { ok: false, reason: "reused" };
  return { ok: false, reason: "invalid" };
}

// Recovery codes: 10 characters from an alphabet without look-alikes (no 0/o, 1/l/i), shown as
// xxxxx-xxxxx. 31^10 ≈ 8 × 10^14 each: random enough that an unsalted SHA-256 is a safe store
// (nobody can enumerate them), and typing one in after losing the phone stays bearable.
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const s = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return `${s.slice(0, 5)}-${s.slice(5)}`;
  });
}

/** What the user typed, tidied: spaces and dashes out, lower case. */
export function normalizeCode(input: string): string {
  return input.replace(/[\s-]/g, "").toLowerCase();
}

export function isTotpCode(input: string): boolean {
  return /^\d{6}$/.test(normalizeCode(input));
}

export function isRecoveryCode(input: string): boolean {
  return new RegExp(`^[${ALPHABET}]{10}$`).test(normalizeCode(input));
}

export function hashRecoveryCode(input: string): string {
  return createHash("sha256").update(normalizeCode(input)).digest("hex");
}
