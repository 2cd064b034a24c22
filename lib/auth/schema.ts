import { z } from "zod";

// Shared by the sign-in form (client) and the credentials check (server).
export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter your email address").max(254),
  password: z.string().min(1, "Enter your password").max(200),
});
