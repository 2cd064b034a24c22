import { z } from "zod";

// Shared by the sign-in form (client) and the credentials check (server).
export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter your email address").max(254),
  password: z.string().min(1, "Enter your password").max(200),
  /** The second step for a two-factor account: a 6-digit code or a recovery code (absent: not asked yet). */
  code: z.string().trim().max(40).optional(),
});
