import { z } from "zod";

// District settings form (district administrators).
export const twoFactorPolicySchema = z.object({
  policy: z.enum(["OPTIONAL", "ADMINISTRATORS", "ALL_STAFF"], { error: "Choose who must use two-factor sign-in" }),
});
export type TwoFactorPolicyInput = z.output<typeof twoFactorPolicySchema>;
