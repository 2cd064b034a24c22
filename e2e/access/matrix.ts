// The authorization matrix: every page, API route and server action of the app, with what each
// kind of caller must get. lib/test/route-inventory.test.ts fails when app/ or a 'use server' file
// gains (or loses) an entry point that this table does not list; e2e/access-matrix.spec.ts tries
// every entry with every caller against the production build and the demo district.
//
// Callers (the ids each one uses are discovered through the UI/API in the spec):
// - anonymous         no session at all
// One target: a student of counselor.okafor (Riverside), with an enrollment and a note, and
// Riverside as the school of the report pages.
// - counselorOwn      counselor.okafor (the target is on their caseload)
// - counselorOther    counselor.delgado (same school, another counselor's student)
// - schoolAdminOwn    admin.riverside
// - schoolAdminOther  admin.franklin
// - districtAdmin     district.admin
// - deactivated       a Harbor View counselor made for the run: its cookie, replayed after a district admin deactivated them

import type { Role } from "../../lib/generated/prisma/enums";
import { can, type Action } from "../../lib/access/policy";

export const CALLERS = ["anonymous", "counselorOwn", "counselorOther", "schoolAdminOwn", "schoolAdminOther", "districtAdmin", "deactivated"] as const;
export type Caller = (typeof CALLERS)[number];

/**
 * Pages: ok = 200 with the caller's own data; notFound = the plain 404 page; signIn = a redirect to
 * /signin. API routes: ok = 200; 401 / 403 / 404 / 400 = that status with a JSON error.
 * Actions: ok = the action ran for this caller (saved, or a domain refusal such as a stale
 * version); notFound = "… not found", indistinguishable from a nonexistent id; forbidden = refused
 * for the role; signedOut = no session (a sign-in redirect or the "session has ended" answer).
 */
export type PageOutcome = "ok" | "notFound" | "signIn" | "home";
export type ApiOutcome = "ok" | "redirect" | 400 | 401 | 403 | 404 | 409;
export type ActionOutcome = "ok" | "notFound" | "forbidden" | "signedOut";

type By<T> = Record<Caller, T>;

/** The role each signed-in caller has: the matrix asks the policy table (lib/access/policy.ts) what each may do. */
const SIGNED_IN = {
  counselorOwn: "COUNSELOR",
  counselorOther: "COUNSELOR",
  schoolAdminOwn: "SCHOOL_ADMIN",
  schoolAdminOther: "SCHOOL_ADMIN",
  districtAdmin: "DISTRICT_ADMIN",
} as const satisfies Partial<Record<Caller, Role>>;
type SignedIn = keyof typeof SIGNED_IN;

/**
 * What each signed-in caller gets of an entry gated by `action`: the role refusal `refused` when
 * the policy does not let their role (can(), the same call the page, route or action makes), else
 * `allowed` — "ok", or per caller for an entry about one school or student (their scope).
 */
function gated<T>(action: Action, refused: T, allowed: T | Record<SignedIn, T>): Record<SignedIn, T> {
  const out = {} as Record<SignedIn, T>;
  for (const c of Object.keys(SIGNED_IN) as SignedIn[]) {
    const inScope = typeof allowed === "object" && allowed !== null ? (allowed as Record<SignedIn, T>)[c] : (allowed as T);
    out[c] = can({ role: SIGNED_IN[c] }, action) ? inScope : refused;
  }
  return out;
}
/** A page gated by `action`: refused roles get the plain 404 page (lib/audit/refuse.ts requirePage). */
const pageGate = (action: Action, allowed: PageOutcome | Record<SignedIn, PageOutcome> = "ok") => gated<PageOutcome>(action, "notFound", allowed);
/** An action gated by `action`: refused roles are told "forbidden" (lib/access.ts assertCan). */
const actionGate = (action: Action, allowed: ActionOutcome | Record<SignedIn, ActionOutcome> = "ok") => gated<ActionOutcome>(action, "forbidden", allowed);
/** An API route gated by `action`: refused roles get 403. */
const apiGate = (action: Action, allowed: ApiOutcome | Record<SignedIn, ApiOutcome> = "ok") => gated<ApiOutcome>(action, 403, allowed);

export type PageEntry = { file: string; path: string; expect: By<PageOutcome> };
/** body: a JSON body for POSTs ({placeholders} filled in by the spec). */
export type RouteEntry = { file: string; method: "GET" | "POST"; path: string; body?: string; expect: By<ApiOutcome> };
export type ActionEntry = { file: string; name: string; expect: By<ActionOutcome> };

const page = (file: string, path: string, expect: By<PageOutcome>): PageEntry => ({ file: `app/${file}`, path, expect });
const route = (file: string, method: "GET" | "POST", path: string, expect: By<ApiOutcome>, body?: string): RouteEntry => ({ file: `app/${file}`, method, path, expect, body });
const action = (file: string, name: string, expect: By<ActionOutcome>): ActionEntry => ({ file, name, expect });

// Shorthands for the common shapes of a row.
const signedOut = { anonymous: "signIn", deactivated: "signIn" } as const;
const anyone: Omit<By<PageOutcome>, "anonymous" | "deactivated"> = { counselorOwn: "ok", counselorOther: "ok", schoolAdminOwn: "ok", schoolAdminOther: "ok", districtAdmin: "ok" };
/** Pages about one school (Riverside), for the roles that may read reports: the other school's admin gets a plain 404. */
const aboutSchool = pageGate("reports.read", { ...anyone, schoolAdminOther: "notFound" });
/** Pages about one student: only their counselor, their school's admin and district admins. */
const aboutStudent: Omit<By<PageOutcome>, "anonymous" | "deactivated"> = {
  counselorOwn: "ok",
  counselorOther: "notFound",
  schoolAdminOwn: "ok",
  schoolAdminOther: "notFound",
  districtAdmin: "ok",
};

export const PAGES: PageEntry[] = [
  page("page.tsx", "/", { ...signedOut, counselorOwn: "home", counselorOther: "home", schoolAdminOwn: "home", schoolAdminOther: "home", districtAdmin: "home" }),
  page("signin/page.tsx", "/signin", {
    anonymous: "ok",
    deactivated: "ok",
    counselorOwn: "home",
    counselorOther: "home",
    schoolAdminOwn: "home",
    schoolAdminOther: "home",
    districtAdmin: "home",
  }),
  page("(app)/admin/page.tsx", "/admin", { ...signedOut, ...pageGate("overview.read") }),
  page("(app)/audit/page.tsx", "/audit", { ...signedOut, ...pageGate("audit.read") }),
  page("(app)/caseload/page.tsx", "/caseload", { ...signedOut, ...pageGate("caseload.read") }),
  page("(app)/today/page.tsx", "/today", { ...signedOut, ...pageGate("today.read") }),
  page("(app)/imports/page.tsx", "/imports", { ...signedOut, ...pageGate("imports.manage") }),
  page("(app)/imports/mappings/page.tsx", "/imports/mappings", { ...signedOut, ...pageGate("imports.manage") }),
  page("(app)/imports/[id]/page.tsx", "/imports/{importRun}", { ...signedOut, ...pageGate("imports.manage") }),
  // Staff: school admins read their own school's staff (read-only); district admins manage everyone.
  page("(app)/users/page.tsx", "/users", { ...signedOut, ...pageGate("staff.read") }),
  page("(app)/users/[id]/page.tsx", "/users/{counselor}", { ...signedOut, ...pageGate("users.manage") }),
  page("(app)/users/reassign/page.tsx", "/users/reassign?from={counselor}", { ...signedOut, ...pageGate("users.manage") }),
  // Public: without a link's token (proxy.ts moves ?token= into a cookie and redirects here) it
  // shows "this link cannot be used" to anyone, signed in or not.
  page("set-password/page.tsx", "/set-password", {
    anonymous: "ok",
    deactivated: "ok",
    counselorOwn: "ok",
    counselorOther: "ok",
    schoolAdminOwn: "ok",
    schoolAdminOther: "ok",
    districtAdmin: "ok",
  }),
  page("(app)/account/password/page.tsx", "/account/password", { ...signedOut, ...anyone }),
  page("(app)/account/security/page.tsx", "/account/security", { ...signedOut, ...anyone }),
  page("(app)/settings/page.tsx", "/settings", { ...signedOut, ...pageGate("settings.manage") }),
  // What is loaded and what is missing: district admins only.
  page("(app)/admin/readiness/page.tsx", "/admin/readiness", { ...signedOut, ...pageGate("readiness.read") }),
  // Credits awarded below the passing grade: administrators, each their own scope (a school admin sees their school's).
  page("(app)/admin/credit-review/page.tsx", "/admin/credit-review", { ...signedOut, ...pageGate("credit.review") }),
  // First run: open to anyone; with a district administrator (the demo) it says "already set up — sign in".
  page("setup/page.tsx", "/setup", {
    anonymous: "ok",
    deactivated: "ok",
    counselorOwn: "ok",
    counselorOther: "ok",
    schoolAdminOwn: "ok",
    schoolAdminOther: "ok",
    districtAdmin: "ok",
  }),
  // The catalog: every staff member reads it (counselors enroll from it); district admins change it.
  page("(app)/catalog/page.tsx", "/catalog", { ...signedOut, ...pageGate("catalog.read") }),
  page("(app)/catalog/[id]/page.tsx", "/catalog/{course}", { ...signedOut, ...pageGate("catalog.read") }),
  page("(app)/reports/page.tsx", "/reports?school={school}", { ...signedOut, ...aboutSchool }),
  page("(app)/reports/definitions/page.tsx", "/reports/definitions", { ...signedOut, ...pageGate("reports.read") }),
  page("(app)/reports/district/page.tsx", "/reports/district", { ...signedOut, ...pageGate("reports.district") }),
  page("(app)/reports/drill/page.tsx", "/reports/drill?figure=acgr4&cohort=2024&school={school}", { ...signedOut, ...aboutSchool }),
  page("(app)/reports/equity/page.tsx", "/reports/equity?school={school}", { ...signedOut, ...aboutSchool }),
  page("(app)/reports/quality/page.tsx", "/reports/quality?school={school}", { ...signedOut, ...aboutSchool }),
  page("(app)/reports/quality/enrollments/page.tsx", "/reports/quality/enrollments?year=2024&show=passed&school={school}", { ...signedOut, ...aboutSchool }),
  page("(app)/reports/early-warning/page.tsx", "/reports/early-warning?school={school}", { ...signedOut, ...aboutSchool }),
  page("(app)/students/[id]/page.tsx", "/students/{student}", { ...signedOut, ...aboutStudent }),
  page("(app)/students/[id]/plan/page.tsx", "/students/{student}/plan", { ...signedOut, ...aboutStudent }),
  // A printable intervention plan: read through its student, audited like the student record.
  page("(app)/students/[id]/plans/[planId]/page.tsx", "/students/{student}/plans/{plan}", { ...signedOut, ...aboutStudent }),
  page("(app)/reports/plans/page.tsx", "/reports/plans?school={school}", { ...signedOut, ...aboutSchool }),
  // The family progress letter: read through the student record like the plan.
  page("(app)/students/[id]/letter/page.tsx", "/students/{student}/letter?lang=es", { ...signedOut, ...aboutStudent }),
  // The Re-engagement list: every role, each their own scope (a counselor their caseload's students who left).
  page("(app)/reengagement/page.tsx", "/reengagement", { ...signedOut, ...pageGate("reengagement.read") }),
];

const apiSignedOut = { anonymous: 401, deactivated: 401 } as const;
const reportApi = apiGate("reports.read", { counselorOwn: "ok", counselorOther: "ok", schoolAdminOwn: "ok", schoolAdminOther: 404, districtAdmin: "ok" });

export const ROUTES: RouteEntry[] = [
  // NextAuth's own endpoints: public by design; /session shows only the caller's own session.
  route("api/auth/[...nextauth]/route.ts", "GET", "/api/auth/session", {
    anonymous: "ok",
    deactivated: "ok",
    counselorOwn: "ok",
    counselorOther: "ok",
    schoolAdminOwn: "ok",
    schoolAdminOther: "ok",
    districtAdmin: "ok",
  }),
  // The load balancer's health check (lib/health.ts): public by design, names no one.
  route("api/health/route.ts", "GET", "/api/health", {
    anonymous: "ok",
    deactivated: "ok",
    counselorOwn: "ok",
    counselorOther: "ok",
    schoolAdminOwn: "ok",
    schoolAdminOther: "ok",
    districtAdmin: "ok",
  }),
  // A POST without NextAuth's CSRF token is sent back to sign in, and signs no one out.
  route("api/auth/[...nextauth]/route.ts", "POST", "/api/auth/signout", {
    anonymous: "redirect",
    deactivated: "redirect",
    counselorOwn: "redirect",
    counselorOther: "redirect",
    schoolAdminOwn: "redirect",
    schoolAdminOther: "redirect",
    districtAdmin: "redirect",
  }),
  // Exports: everyone signed in gets their own scope (the spec checks whose students are in it).
  route("api/exports/students/route.ts", "GET", "/api/exports/students", {
    ...apiSignedOut,
    counselorOwn: "ok",
    counselorOther: "ok",
    schoolAdminOwn: "ok",
    schoolAdminOther: "ok",
    districtAdmin: "ok",
  }),
  route("api/exports/enrollments/route.ts", "GET", "/api/exports/enrollments", {
    ...apiSignedOut,
    counselorOwn: "ok",
    counselorOther: "ok",
    schoolAdminOwn: "ok",
    schoolAdminOther: "ok",
    districtAdmin: "ok",
  }),
  // The caseload's CSV: the selected rows here (the view's CSV is the same route with the caseload's filters).
  route("api/caseload/export/route.ts", "GET", "/api/caseload/export?id={student}", {
    ...apiSignedOut,
    counselorOwn: "ok",
    counselorOther: 404,
    schoolAdminOwn: "ok",
    schoolAdminOther: 404,
    districtAdmin: "ok",
  }),
  // The catalog as the catalog import reads it: no student data, any staff member.
  route("api/exports/catalog/route.ts", "GET", "/api/exports/catalog", {
    ...apiSignedOut,
    counselorOwn: "ok",
    counselorOther: "ok",
    schoolAdminOwn: "ok",
    schoolAdminOther: "ok",
    districtAdmin: "ok",
  }),
  route("api/imports/route.ts", "POST", "/api/imports?kind=progress&name=p.csv&dryRun=1", { ...apiSignedOut, ...apiGate("imports.manage") }),
  // A mapping id that exists nowhere: refused for other roles, not found for district admins (a saved one downloads for them: mapping.int.test.ts, e2e/imports-mapping.spec.ts).
  route("api/imports/mappings/[id]/route.ts", "GET", "/api/imports/mappings/cm0nosuchmapping0000000000", { ...apiSignedOut, ...apiGate("imports.manage", 404) }),
  route("api/imports/[id]/errors/route.ts", "GET", "/api/imports/{importRun}/errors", { ...apiSignedOut, ...apiGate("imports.manage") }),
  // JSON writes on one student's records. In scope: a note is added (200); results with a stale
  // version are refused with 409 (proves the write was reached, changes nothing).
  route(
    "api/students/[id]/notes/route.ts",
    "POST",
    "/api/students/{student}/notes",
    { ...apiSignedOut, counselorOwn: "ok", counselorOther: 404, schoolAdminOwn: "ok", schoolAdminOther: 404, districtAdmin: "ok" },
    '{"kind":"OTHER","body":"access matrix check"}',
  ),
  route(
    "api/enrollments/[id]/results/route.ts",
    "POST",
    "/api/enrollments/{enrollment}/results",
    { ...apiSignedOut, counselorOwn: 409, counselorOther: 404, schoolAdminOwn: 409, schoolAdminOther: 404, districtAdmin: 409 },
    '{"version":987654,"results":[{"assessmentId":"{assessment}","score":50,"takenOn":"2025-01-15"}]}',
  ),
  route("api/reports/graduation/route.ts", "GET", "/api/reports/graduation?cohort=2024&school={school}", { ...apiSignedOut, ...reportApi }),
  route("api/reports/dropout/route.ts", "GET", "/api/reports/dropout?year=2024&school={school}", { ...apiSignedOut, ...reportApi }),
  route("api/reports/completers/route.ts", "GET", "/api/reports/completers?year=2024&school={school}", { ...apiSignedOut, ...reportApi }),
  route("api/reports/program/route.ts", "GET", "/api/reports/program?year=2024&school={school}", { ...apiSignedOut, ...reportApi }),
  route("api/reports/quality/route.ts", "GET", "/api/reports/quality?year=2024&school={school}", { ...apiSignedOut, ...reportApi }),
  route("api/reports/quality/enrollments/route.ts", "GET", "/api/reports/quality/enrollments?year=2024&show=passed&school={school}", { ...apiSignedOut, ...reportApi }),
  route("api/reports/export/route.ts", "GET", "/api/reports/export?table=equity&school={school}", { ...apiSignedOut, ...reportApi }),
  // The plans report's CSV sits beside its page (not under /api/): no session cookie is sent to sign in.
  route("(app)/reports/plans/csv/route.ts", "GET", "/reports/plans/csv?table=risk&school={school}", { anonymous: "redirect", deactivated: "redirect", ...reportApi }),
  // The audit log as CSV: district administrators only; every other role is refused (403, audited).
  route("api/audit/export/route.ts", "GET", "/api/audit/export?action=audit.export", { ...apiSignedOut, ...apiGate("audit.read") }),
];

const actSignedOut = { anonymous: "signedOut", deactivated: "signedOut" } as const;
/** Actions on one student's records: out of scope reads exactly like a nonexistent id. */
const onStudent: Omit<By<ActionOutcome>, "anonymous" | "deactivated"> = {
  counselorOwn: "ok",
  counselorOther: "notFound",
  schoolAdminOwn: "ok",
  schoolAdminOther: "notFound",
  districtAdmin: "ok",
};

const onAnyone: Omit<By<ActionOutcome>, "anonymous" | "deactivated"> = {
  counselorOwn: "ok",
  counselorOther: "ok",
  schoolAdminOwn: "ok",
  schoolAdminOther: "ok",
  districtAdmin: "ok",
};

/** Staff management: district admins only; every other role is refused for the role. */
const usersOnly = (districtAdmin: ActionOutcome) => actionGate("users.manage", districtAdmin);

export const ACTIONS: ActionEntry[] = [
  action("lib/enrollments/actions.ts", "enrollAction", { ...actSignedOut, ...onStudent }),
  action("lib/enrollments/actions.ts", "recordResultsAction", { ...actSignedOut, ...onStudent }),
  action("lib/enrollments/actions.ts", "completeAction", { ...actSignedOut, ...onStudent }),
  action("lib/enrollments/actions.ts", "endEnrollmentAction", { ...actSignedOut, ...onStudent }),
  // Reversing a credit: administrators in scope (the target enrollment has no credit: a domain refusal); counselors never.
  action("lib/enrollments/credit-review-actions.ts", "reverseCreditAction", { ...actSignedOut, ...actionGate("credit.review", onStudent) }),
  action("lib/notes/actions.ts", "addNoteAction", { ...actSignedOut, ...onStudent }),
  // Only a note's author may edit it: the other in-scope staff are refused, out of scope is not found.
  action("lib/notes/actions.ts", "editNoteAction", { ...actSignedOut, ...onStudent, schoolAdminOwn: "forbidden", districtAdmin: "forbidden" }),
  // Sharing names an ordinary note (refused in scope: only restricted notes are shared), so nothing changes.
  action("lib/notes/actions.ts", "shareNoteAction", { ...actSignedOut, ...onStudent }),
  action("lib/notes/actions.ts", "unshareNoteAction", { ...actSignedOut, ...onStudent }),
  // Guardians: adding one is written for the callers in scope; edit and delete name a guardian that exists nowhere.
  action("lib/family/actions.ts", "addGuardianAction", { ...actSignedOut, ...onStudent }),
  action("lib/family/actions.ts", "editGuardianAction", {
    ...actSignedOut,
    counselorOwn: "notFound",
    counselorOther: "notFound",
    schoolAdminOwn: "notFound",
    schoolAdminOther: "notFound",
    districtAdmin: "notFound",
  }),
  action("lib/family/actions.ts", "deleteGuardianAction", {
    ...actSignedOut,
    counselorOwn: "notFound",
    counselorOther: "notFound",
    schoolAdminOwn: "notFound",
    schoolAdminOther: "notFound",
    districtAdmin: "notFound",
  }),
  // A contact dated tomorrow: refused in scope (field error, nothing written), not found out of it.
  action("lib/family/actions.ts", "addContactAction", { ...actSignedOut, ...onStudent }),
  // Intervention plans: anyone who can reach the student. Starting one names an owner who exists
  // nowhere and a check-in is dated in the future (field refusals, nothing written); edit and close
  // name a stale version (refused); out of scope is not found.
  ...["createPlanAction", "editPlanAction", "addCheckInAction", "closePlanAction"].map((name) => action("lib/plans/actions.ts", name, { ...actSignedOut, ...onStudent })),
  action("lib/students/actions.ts", "changeStatusAction", { ...actSignedOut, ...onStudent }),
  // The caseload: a note for every ticked student (one out of scope: not found, nothing written);
  // saved views are each user's own (saving with no name is a field refusal; another's view is not found).
  action("lib/caseload/actions.ts", "bulkNoteAction", { ...actSignedOut, ...onStudent }),
  // A family contact dated in the future and a plan owned by a user who exists nowhere: refused in
  // scope (field errors, nothing written), not found out of it. Moving ticked students: administrators
  // only (POLICY "caseload.reassign"); in scope a stale version refuses it (nobody moves).
  action("lib/caseload/actions.ts", "bulkContactAction", { ...actSignedOut, ...onStudent }),
  action("lib/caseload/actions.ts", "bulkPlanAction", { ...actSignedOut, ...onStudent }),
  action("lib/caseload/actions.ts", "bulkReassignAction", { ...actSignedOut, ...actionGate("caseload.reassign", onStudent) }),
  action("lib/caseload/actions.ts", "saveViewAction", { ...actSignedOut, ...onAnyone }),
  action("lib/caseload/actions.ts", "deleteViewAction", {
    ...actSignedOut,
    counselorOwn: "notFound",
    counselorOther: "notFound",
    schoolAdminOwn: "notFound",
    schoolAdminOther: "notFound",
    districtAdmin: "notFound",
  }),
  // Setting a Today entry aside: snoozed to a past day (a field refusal in scope, nothing written),
  // not found out of scope; putting one back names a dismissal that exists nowhere (each user's own).
  action("lib/today/actions.ts", "dismissTodayAction", { ...actSignedOut, ...onStudent }),
  action("lib/today/actions.ts", "restoreTodayAction", {
    ...actSignedOut,
    counselorOwn: "notFound",
    counselorOther: "notFound",
    schoolAdminOwn: "notFound",
    schoolAdminOther: "notFound",
    districtAdmin: "notFound",
  }),
  // Outreach and re-engagement from the Re-engagement list: in scope the target (enrolled) is refused
  // outreach and its stale version refuses the re-engagement, nothing written.
  action("lib/reengagement/actions.ts", "logOutreachAction", { ...actSignedOut, ...onStudent }),
  action("lib/reengagement/actions.ts", "reengageAction", { ...actSignedOut, ...onStudent }),
  // A wrong current password: refused as a domain error for everyone, nothing changes.
  action("lib/account/actions.ts", "changePasswordAction", { ...actSignedOut, ...onAnyone }),
  // Someone else's sessions: district admins only (a user id that exists nowhere: not found).
  action("lib/account/actions.ts", "signOutEverywhereAction", { ...actSignedOut, ...usersOnly("notFound") }),
  // Two-factor on one's own account: a code that is not right (or nothing set up) is a domain
  // refusal for everyone; starting a set-up leaves an unconfirmed secret, which changes no sign-in.
  action("lib/auth/two-factor-actions.ts", "beginTwoFactorAction", { ...actSignedOut, ...onAnyone }),
  action("lib/auth/two-factor-actions.ts", "confirmTwoFactorAction", { ...actSignedOut, ...onAnyone }),
  action("lib/auth/two-factor-actions.ts", "regenerateRecoveryCodesAction", { ...actSignedOut, ...onAnyone }),
  action("lib/auth/two-factor-actions.ts", "disableTwoFactorAction", { ...actSignedOut, ...onAnyone }),
  // District settings: district admins only (setting the demo's own policy again changes nothing).
  action("lib/settings/actions.ts", "setTwoFactorPolicyAction", { ...actSignedOut, ...actionGate("settings.manage") }),
  // The district's diploma requirements: district admins only (the demo's own values again change nothing).
  action("lib/settings/actions.ts", "saveDistrictSettingsAction", { ...actSignedOut, ...actionGate("settings.manage") }),
  // The landing folder (scheduled imports): district admins only; the matrix's folder does not exist, so nothing is saved.
  action("lib/settings/actions.ts", "saveLandingSettingsAction", { ...actSignedOut, ...actionGate("settings.manage") }),
  // Each provider's overdue days: district admins only (a provider id that exists nowhere: not found, nothing saved).
  action("lib/settings/actions.ts", "saveProviderOverdueAction", { ...actSignedOut, ...actionGate("settings.manage", "notFound") }),
  // The rigor guardrails: district admins only (a form naming no program type changes nothing).
  action("lib/settings/actions.ts", "saveRigorPoliciesAction", { ...actSignedOut, ...actionGate("settings.manage") }),
  // The state test levels that count as proficient: district admins only (the schema's default list again changes nothing).
  action("lib/settings/actions.ts", "saveProficientLevelsAction", { ...actSignedOut, ...actionGate("settings.manage") }),
  // Catalog writes, providers' contract costs among them: district admins only (a provider or
  // course id that exists nowhere: not found).
  ...["saveProviderAction", "saveCourseAction", "setCourseActiveAction", "deleteCourseAction", "moveEnrollmentsAction", "saveContractAction", "deleteContractAction"].map((name) =>
    action("lib/catalog/actions.ts", name, { ...actSignedOut, ...actionGate("catalog.manage", "notFound") }),
  ),
  // Column mappings: district admins only (anyone else is refused for the role). An empty mapping is
  // a field refusal; its preview is a dry run that writes nothing but its run record.
  ...["saveMappingAction", "importMappingJsonAction", "previewMappingAction"].map((name) =>
    action("lib/imports/mapping/actions.ts", name, { ...actSignedOut, ...actionGate("imports.manage") }),
  ),
  // Reverting an import run: district admins only (anyone else is refused for the role); the matrix
  // names a run that exists nowhere (a real revert: lib/imports/revert.int.test.ts, e2e/imports-revert.spec.ts).
  ...["checkRevertAction", "revertRunAction"].map((name) => action("lib/imports/revert-actions.ts", name, { ...actSignedOut, ...actionGate("imports.manage", "notFound") })),
  // Someone else's two-factor reset: district admins only (a user id that exists nowhere: not found).
  action("lib/users/two-factor-actions.ts", "resetTwoFactorAction", { ...actSignedOut, ...usersOnly("notFound") }),
  action("lib/users/actions.ts", "setActiveAction", { ...actSignedOut, ...usersOnly("ok") }),
  // The Users page's other writes: district admins only. Adding a user with an email already in
  // use is a field refusal (nothing written); the others name a user id that exists nowhere.
  action("lib/users/actions.ts", "createUserAction", { ...actSignedOut, ...usersOnly("ok") }),
  action("lib/users/actions.ts", "changeRoleAction", { ...actSignedOut, ...usersOnly("notFound") }),
  action("lib/users/actions.ts", "setPasswordAction", { ...actSignedOut, ...usersOnly("notFound") }),
  action("lib/users/actions.ts", "issueLinkAction", { ...actSignedOut, ...usersOnly("notFound") }),
  action("lib/users/actions.ts", "reassignAction", { ...actSignedOut, ...usersOnly("notFound") }),
  // Public by design: the one-time link's token is the credential; a token that is no link's is refused for everyone.
  action("lib/users/set-password-actions.ts", "setPasswordWithLinkAction", { anonymous: "ok", deactivated: "ok", ...onAnyone }),
  // First run: no session; the setup token is the credential. With a district administrator (the
  // demo) it is refused as "already set up" for everyone, nothing written.
  action("lib/setup/actions.ts", "setupDistrictAction", { anonymous: "ok", deactivated: "ok", ...onAnyone }),
];

/** Matrix size: entries × callers (the closing note reports it). */
export const MATRIX_SIZE = (PAGES.length + ROUTES.length + ACTIONS.length) * CALLERS.length;
