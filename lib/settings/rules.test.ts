import { describe, expect, it } from "vitest";
import { enrolmentDue, policyRequires } from "./rules";

describe("two-factor policy", () => {
  it.each([
    ["OPTIONAL", "COUNSELOR", false],
    ["OPTIONAL", "SCHOOL_ADMIN", false],
    ["OPTIONAL", "DISTRICT_ADMIN", false],
    ["ADMINISTRATORS", "COUNSELOR", false],
    ["ADMINISTRATORS", "SCHOOL_ADMIN", true],
    ["ADMINISTRATORS", "DISTRICT_ADMIN", true],
    ["ALL_STAFF", "COUNSELOR", true],
    ["ALL_STAFF", "SCHOOL_ADMIN", true],
    ["ALL_STAFF", "DISTRICT_ADMIN", true],
  ] as const)("%s requires it of a %s: %s", (policy, role, required) => {
    expect(policyRequires(policy, role)).toBe(required);
  });

  it("enrolment is due only for a password user the policy covers who has not enrolled", () => {
    const admin = { role: "DISTRICT_ADMIN" as const, hasPassword: true, totpEnabled: false };
    expect(enrolmentDue("ADMINISTRATORS", admin)).toBe(true);
    expect(enrolmentDue("ADMINISTRATORS", { ...admin, totpEnabled: true })).toBe(false);
    // Single sign-on only (no password): the identity provider's second factor counts.
    expect(enrolmentDue("ALL_STAFF", { ...admin, hasPassword: false })).toBe(false);
    expect(enrolmentDue("OPTIONAL", admin)).toBe(false);
  });
});
