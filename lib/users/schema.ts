import { z } from "zod";

// Inputs of the staff page (district admins): deactivate or reactivate one account.
export const setActiveSchema = z.object({
  userId: z.string().trim().min(1, "Choose a user").max(64, "Choose a user"),
  active: z.enum(["true", "false"], { error: "Say whether the account is active" }).transform((v) => v === "true"),
  confirmed: z.literal("yes", { error: "Confirm the change" }),
});
export type SetActiveInput = z.output<typeof setActiveSchema>;
