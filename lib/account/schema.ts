import { z } from "zod";

// Inputs of the account page: a new password, and "sign out everywhere".
// Password rules follow NIST SP 800-63B §5.1.1.2: a minimum length (12 here: staff reach student
// records), a generous maximum, no composition rules, and a check against commonly used and
// context-specific passwords (the email, the product's name).

export const MIN_PASSWORD_LENGTH = 12;

/** Passwords too common or too close to this product to allow (a short list; length does the rest). */
const COMMON = ["password1234", "passwordpassword", "123456789012", "qwertyuiopas", "credittrack", "changeme1234", "welcome12345", "letmein12345", "iloveyou1234", "abc123456789"];

/** Why a new password is too weak for this person, or null. */
export function passwordWeakness(password: string, email: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 200) return "Use at most 200 characters";
  const lower = password.toLowerCase();
  const local = email.toLowerCase().split("@")[0] ?? "";
  if (local.length >= 4 && lower.includes(local)) return "Do not use your email address in your password";
  if (COMMON.some((c) => lower.includes(c))) return "This password is too common; choose another";
  if (new Set(lower).size < 5) return "Use more different characters";
  return null;
}

export const changePasswordSchema = z
  .object({
    current: z.string().min(1, "Enter your current password").max(200),
    next: z.string().max(200, "Use at most 200 characters"),
    confirm: z.string().max(200),
  })
  .refine((v) => v.next === v.confirm, { path: ["confirm"], message: "The two new passwords differ" })
  .refine((v) => v.next !== v.current, { path: ["next"], message: "Choose a password different from your current one" });
export type ChangePasswordInput = z.output<typeof changePasswordSchema>;

export const signOutEverywhereSchema = z.object({
  /** Whose sessions: the viewer's own when absent (district administrators may name anyone). */
  userId: z.string().trim().min(1).max(64).optional(),
  confirmed: z.literal("yes", { error: "Confirm the change" }),
});
export type SignOutEverywhereInput = z.output<typeof signOutEverywhereSchema>;
