import { z } from "zod";

// Inputs of the two-factor forms (account security page) and the sign-in form's second step.

/** authorize()'s error when the password is right and the account needs a code: the form then asks for it. */
export const TWO_FACTOR_CODE_REQUIRED = "Enter the 6-digit code from your authenticator app, or a recovery code.";
export const TWO_FACTOR_CODE_WRONG = "That code is not right. Enter the current code from your authenticator app, or an unused recovery code.";

export const TWO_FACTOR_CODE_REUSED = "That code has just been used. Wait for the next code in your authenticator app, then enter it.";

const code = z.string().trim().min(1, "Enter the code").max(40, "Enter the code");

/** A current authenticator code (enrolment, new recovery codes). */
export const totpCodeSchema = z.object({
  code: code.regex(/^\d{3}\s?\d{3}$/, "Enter the 6-digit code from your authenticator app"),
});
/**
 * Turning two-factor on: a current code, and the account's password — so someone holding a
 * stolen session cannot put their own authenticator on the account and lock its owner out.
 */
export const confirmEnrolmentSchema = totpCodeSchema.extend({
  password: z.string().min(1, "Enter your password").max(200, "Enter your password"),
});
export type ConfirmEnrolmentInput = z.output<typeof confirmEnrolmentSchema>;

/** An authenticator code or a recovery code (turning two-factor off: the phone may be lost). */
export const anyCodeSchema = z.object({ code });
export type CodeInput = z.output<typeof anyCodeSchema>;
