import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_PROFICIENT_LEVELS, enrolmentDue, parseProficientLevels, policyRequires } from "./rules";

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

describe("state test levels that count as proficient", () => {
  it.each([
    ["one per line, trimmed", "Meeting Expectations\n  Exceeding Expectations  \n", ["Meeting Expectations", "Exceeding Expectations"]],
    ["commas and Windows line ends", "Proficient, Advanced\r\nMastery", ["Proficient", "Advanced", "Mastery"]],
    ["duplicates without case keep the first spelling", "Proficient\nPROFICIENT\n proficient \nAdvanced", ["Proficient", "Advanced"]],
    ["blank lines and inner spaces", "\n\nMeeting   Expectations\n\n,,", ["Meeting Expectations"]],
  ])("%s", (_, raw, levels) => {
    expect(parseProficientLevels(raw)).toEqual({ levels, problem: null });
  });

  it("refuses none, more than 30, and a level over 60 characters", () => {
    expect(parseProficientLevels(" \n , ").problem).toBe("Enter at least one level that counts as proficient");
    const many = Array.from({ length: 31 }, (_, i) => `Level ${i}`).join("\n");
    expect(parseProficientLevels(many).problem).toBe("Enter at most 30 levels (there are 31)");
    // 30 distinct, with duplicates beyond: fine.
    expect(parseProficientLevels(`${Array.from({ length: 30 }, (_, i) => `Level ${i}`).join("\n")}\nlevel 0`).problem).toBeNull();
    expect(parseProficientLevels(`Proficient\n${"x".repeat(61)}`).problem).toBe(`Keep each level to 60 characters: "${"x".repeat(30)}…" has 61`);
    expect(parseProficientLevels("x".repeat(60)).problem).toBeNull();
  });

  it("the default for a district without settings is the column's default", () => {
    const schema = fs.readFileSync(path.join(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");
    const list = /proficientLevels\s+String\[\]\s+@default\(\[([^\]]*)\]\)/.exec(schema)![1]!;
    expect(JSON.parse(`[${list}]`)).toEqual(DEFAULT_PROFICIENT_LEVELS);
  });
});
