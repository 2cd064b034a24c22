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

// State test levels that count as proficient (issue #18: the program quality report reads a
// result's own proficient flag, else its level against these, without case).

/** DistrictSettings.proficientLevels' default (schema.prisma), for a district with no settings row yet. */
export const DEFAULT_PROFICIENT_LEVELS = ["Proficient", "Advanced", "Meeting Expectations", "Exceeding Expectations", "Meets", "Exceeds", "Mastery", "Distinguished"];
export const PROFICIENT_LEVELS_MAX = 30;
export const PROFICIENT_LEVEL_LENGTH_MAX = 60;

/**
 * The levels as typed, one per line or separated by commas → trimmed, inner spaces collapsed,
 * blanks dropped, the first spelling of each kept (duplicates compared without case, as the report
 * compares them), with what is wrong with the list, if anything.
 */
export function parseProficientLevels(raw: string): { levels: string[]; problem: string | null } {
  const seen = new Set<string>();
  const levels: string[] = [];
  for (const part of raw.split(/[\r\n,]+/)) {
    const level = part.trim().replace(/\s+/g, " ");
    if (level === "" || seen.has(level.toLowerCase())) continue;
    seen.add(level.toLowerCase());
    levels.push(level);
  }
  const long = levels.find((l) => l.length > PROFICIENT_LEVEL_LENGTH_MAX);
  const problem =
    levels.length === 0
      ? "Enter at least one level that counts as proficient"
      : levels.length > PROFICIENT_LEVELS_MAX
        ? `Enter at most ${PROFICIENT_LEVELS_MAX} levels (there are ${levels.length})`
        : long
          ? `Keep each level to ${PROFICIENT_LEVEL_LENGTH_MAX} characters: "${long.slice(0, 30)}…" has ${long.length}`
          : null;
  return { levels, problem };
}
