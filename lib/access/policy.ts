import type { Role } from "@/lib/generated/prisma/enums";

// The role policy: which roles may do each thing, in one table. lib/access.ts re-exports it with
// assertCan and the data scopes; this part is pure (no "server-only", no Prisma value import) so
// that the navigation, the forms' schemas and the e2e access matrix (e2e/access/matrix.ts, run by
// Playwright outside Next) read the very same table.
//
// A role gate answers "may this role do this at all?". Whether a person reaches one student,
// note or school is a scope (lib/access.ts studentScope, reachesStudent, canShareNote …), applied
// in the query on top of the gate.

export const ROLES = ["COUNSELOR", "SCHOOL_ADMIN", "DISTRICT_ADMIN"] as const satisfies readonly Role[];

const EVERYONE = ROLES;
const ADMINS = ["SCHOOL_ADMIN", "DISTRICT_ADMIN"] as const satisfies readonly Role[];
const DISTRICT = ["DISTRICT_ADMIN"] as const satisfies readonly Role[];

type Rule = { roles: readonly Role[]; why: string; refusal?: string };

/** Every gated action, the roles that may, and why (the reason is the rule's source). */
export const POLICY = {
  // Pages every staff member opens, each in their own scope (listed so the nav reads the table too).
  "today.read": { roles: EVERYONE, why: "Whom to see first: counselors their caseload, admins by school and counselor (issue 16)." },
  "caseload.read": { roles: EVERYONE, why: "The students in the viewer's scope: a caseload, a school, the district." },
  "catalog.read": { roles: EVERYONE, why: "Counselors enroll students from the catalog and school admins plan recovery with it." },
  "reengagement.read": { roles: EVERYONE, why: "Students who left, in the viewer's scope (a counselor their caseload's)." },

  // Reading beyond one caseload.
  "students.byCounselor": { roles: ADMINS, why: "Administrators read every counselor's students of their scope, and filter them by counselor." },
  "students.allSchools": {
    roles: DISTRICT,
    why: "District administrators read every school: with no school chosen a list or report covers the district.",
  },
  "overview.read": { roles: ADMINS, why: "The school (district) overview is an administrator's landing page." },
  "reports.read": {
    roles: ADMINS,
    why: "Reports are aggregate figures of a school or the district, for the administrators who answer for them.",
    refusal: "Reports are for school and district administrators.",
  },
  "reports.district": {
    roles: DISTRICT,
    why: "The district summary compares every school.",
    refusal: "The district summary is for district administrators.",
  },
  "reengagement.summary": { roles: ADMINS, why: "Re-engaged per school year and later graduated is a report; counselors get the list itself." },

  // Administrators' decisions within their scope.
  "credit.review": {
    roles: ADMINS,
    why: "A reversal takes credit off a transcript: an administrator's decision, each within their student scope.",
  },
  "credit.override": {
    roles: ADMINS,
    why: "Completing a course that breaks the district's rigor guardrails, where its policy says warn (issue 18): an administrator's written, audited decision within their student scope.",
    refusal: "Only a school or district administrator can override the district's rigor guardrails.",
  },
  "caseload.reassign": {
    roles: ADMINS,
    why: "A caseload is an administrator's decision (issue 16): a school admin only their school's students to their school's counselors (lib/users/reassign.ts).",
  },
  "staff.read": { roles: ADMINS, why: "School admins read their school's staff and caseload sizes, and change nothing." },

  // The district's own administration.
  "users.manage": {
    roles: DISTRICT,
    why: "Staff accounts, and anyone else's password, sessions and two-factor: district administrators manage every account.",
  },
  "catalog.manage": { roles: DISTRICT, why: "The catalog and its district-wide enrollment counts serve every school." },
  "settings.manage": { roles: DISTRICT, why: "The district's settings decide what every school's figures and audits measure." },
  "imports.manage": {
    roles: DISTRICT,
    why: "An import writes records of every school, and a mapping decides how every later file is read.",
    // Also what `npm run import` prints for another user's account: say who may.
    refusal: "Only district administrators can import data.",
  },
  "readiness.read": { roles: DISTRICT, why: "Readiness counts are district-wide and its fixes (imports, staff, catalog) are theirs." },
  "audit.read": { roles: DISTRICT, why: "The audit log records every school's reads and writes.", refusal: "The audit log is for district administrators." },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof POLICY;
export const ACTIONS = Object.keys(POLICY) as Action[];

/** Whether the viewer's role may do `action` at all (a scope may still narrow what it reaches). */
export function can(viewer: { role: Role }, action: Action): boolean {
  return (POLICY[action].roles as readonly Role[]).includes(viewer.role);
}

/** The message a refusal of `action` shows (the rule's own, else the generic one). */
export function refusalOf(action: Action): string {
  const rule: Rule = POLICY[action];
  return rule.refusal ?? "You do not have access to this.";
}

/** Administrators (school or district): the two-factor policy "ADMINISTRATORS" covers these roles. */
export function isAdminRole(role: Role): boolean {
  return (ADMINS as readonly Role[]).includes(role);
}

/** Only a counselor holds a caseload (Student.counselorId): the one a student can be assigned to. */
export function holdsCaseload(role: Role | (string & {})): boolean {
  return role === "COUNSELOR";
}

/** Every role but a district administrator works at one school (User.schoolId). */
export function worksAtSchool(role: Role): boolean {
  return role !== "DISTRICT_ADMIN";
}
