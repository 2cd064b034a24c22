import type { Role, TwoFactorPolicy } from "@/lib/generated/prisma/enums";
import { isAdminRole } from "@/lib/access/policy";

// Who must sign in with two factors (issue #14). Only password users: a single-sign-on user's
// second factor is their identity provider's business (Entra ID or Google enforce their own).

/** The district's policy when no DistrictSettings row exists yet: administrators must. */
export const DEFAULT_TWO_FACTOR_POLICY: TwoFactorPolicy = "ADMINISTRATORS";

export const POLICY_LABEL: Record<TwoFactorPolicy, string> = {
  OPTIONAL: "Optional for everyone",
  ADMINISTRATORS: "Required for school and district administrators",
  ALL_STAFF: "Required for all staff",
};

/** Whether the policy requires two-factor sign-in of a user with this role. */
export function policyRequires(policy: TwoFactorPolicy, role: Role): boolean {
  switch (policy) {
    case "OPTIONAL":
      return false;
    case "ADMINISTRATORS":
      return isAdminRole(role);
    case "ALL_STAFF":
      return true;
  }
}

/** A password user the policy covers who has not enrolled yet must enrol before anything else. */
export function enrolmentDue(policy: TwoFactorPolicy, user: { role: Role; hasPassword: boolean; totpEnabled: boolean }): boolean {
  return user.hasPassword && !user.totpEnabled && policyRequires(policy, user.role);
}
