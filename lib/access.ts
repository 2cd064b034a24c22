import "server-only";
import { Prisma, type Role } from "@/lib/generated/prisma/client";
import { isStorableText } from "@/lib/storable";
// The scopes' SQL renderings live in the boundary; re-exported for the sqlRows paths until they move.
export { readableNoteSql, studentScopeSql } from "@/lib/sql/fragments/scope";

// Scope rules, applied in every query and action (never only in the UI):
// - a counselor reaches the students on their own caseload;
// - a school admin reaches the students of their school;
// - a district admin reaches every student.
// Out of scope and nonexistent look the same to callers: not found.

export type Viewer = {
  id: string;
  name: string;
  email: string;
  role: Role;
  schoolId: string | null;
  /**
   * Whether the district's two-factor policy requires this user to enrol before anything else,
   * when the session check already read it (lib/auth/sessions.ts); absent for viewers made
   * elsewhere, which lib/auth/two-factor-gate.ts then reads from the database.
   */
  twoFactorDue?: boolean;
};

// A where-clause that matches nothing (for a misconfigured account, e.g. a school admin without a school).
const NOTHING = { id: { in: [] as string[] } };

/**
 * The students a person reaches. Its SQL rendering, for the typed boundary's queries:
 * lib/sql/fragments/scope.ts studentInScope (lib/access.int.test.ts holds the two together).
 */
export function studentScope(viewer: Viewer): Prisma.StudentWhereInput {
  switch (viewer.role) {
    case "DISTRICT_ADMIN":
      return {};
    case "SCHOOL_ADMIN":
      return viewer.schoolId ? { schoolId: viewer.schoolId } : NOTHING;
    case "COUNSELOR":
      return { counselorId: viewer.id };
  }
}

export function schoolScope(viewer: Viewer): Prisma.SchoolWhereInput {
  switch (viewer.role) {
    case "DISTRICT_ADMIN":
      return {};
    case "SCHOOL_ADMIN":
    case "COUNSELOR":
      return viewer.schoolId ? { id: viewer.schoolId } : NOTHING;
  }
}

/**
 * Staff accounts (the Users page): district admins manage every account; school admins read their
 * own school's staff and caseload sizes, and change nothing; counselors have no staff page.
 */
export function canManageUsers(viewer: Viewer): boolean {
  return viewer.role === "DISTRICT_ADMIN";
}

/**
 * Moving ticked students of the caseload to another counselor (issue 16, bulk actions): district
 * admins, and school admins — only their own school's students (studentScope) to an active
 * counselor of their own school (staffScope), enforced in lib/users/reassign.ts. A caseload is an
 * administrator's decision: counselors never move students. Moving a whole caseload away from a
 * counselor stays canManageUsers (the Staff page).
 */
export function canReassignStudents(viewer: Viewer): boolean {
  return viewer.role === "DISTRICT_ADMIN" || (viewer.role === "SCHOOL_ADMIN" && viewer.schoolId !== null);
}

/** The staff accounts a viewer may read (forbidden for counselors). */
export function staffScope(viewer: Viewer): Prisma.UserWhereInput {
  switch (viewer.role) {
    case "DISTRICT_ADMIN":
      return {};
    case "SCHOOL_ADMIN":
      return viewer.schoolId ? { schoolId: viewer.schoolId } : NOTHING;
    case "COUNSELOR":
      throw new ForbiddenError();
  }
}

export function isAdmin(viewer: Viewer): boolean {
  return viewer.role === "SCHOOL_ADMIN" || viewer.role === "DISTRICT_ADMIN";
}

/**
 * The catalog (providers, online courses, their assessments and versions): every staff member
 * reads it — counselors enroll students from it and school admins plan recovery with it — and only
 * district administrators change it or see its district-wide enrollment counts.
 */
export function canManageCatalog(viewer: Viewer): boolean {
  return viewer.role === "DISTRICT_ADMIN";
}

/**
 * The district's settings (name, diploma credits and requirements, passing grade, two-factor rule):
 * district administrators only — they decide what every school's figures and audits measure.
 */
export function canManageDistrictSettings(viewer: Viewer): boolean {
  return viewer.role === "DISTRICT_ADMIN";
}

/**
 * Imports and their column mappings: district administrators only — an import writes records of
 * every school, and a mapping decides how every later file of its shape is read.
 */
export function canManageImports(viewer: Viewer): boolean {
  return viewer.role === "DISTRICT_ADMIN";
}

/**
 * The readiness page (what is loaded, what is missing before the figures can be trusted): district
 * administrators only — its counts are district-wide and its fixes are theirs (imports, staff, catalog).
 */
export function canReadReadiness(viewer: Viewer): boolean {
  return viewer.role === "DISTRICT_ADMIN";
}

/**
 * Credits awarded under the old rule (a completion whose final grade is below the passing grade):
 * administrators list and reverse them within their student scope — district admins every school,
 * school admins their own school (studentScope). Counselors may not: a reversal takes credit off a
 * transcript, an administrator's decision.
 */
export function canReviewCredit(viewer: Viewer): boolean {
  return isAdmin(viewer);
}

/**
 * Restricted notes (issue 16): a note marked restricted is read only by its author, the
 * administrators of the student's school, district administrators and the users it is shared with
 * (NoteShare) — not by the student's counselor as such, so a reassigned caseload's new counselor
 * does not see it until it is shared. Applied on top of studentScope. Its SQL rendering, for the
 * typed boundary's queries: lib/sql/fragments/scope.ts noteReadable.
 */
export function readableNote(viewer: Viewer): Prisma.NoteWhereInput {
  const mine: Prisma.NoteWhereInput[] = [{ restricted: false }, { authorId: viewer.id }, { shares: { some: { userId: viewer.id } } }];
  switch (viewer.role) {
    case "DISTRICT_ADMIN":
      return {};
    case "SCHOOL_ADMIN":
      return { OR: viewer.schoolId ? [...mine, { student: { schoolId: viewer.schoolId } }] : mine };
    case "COUNSELOR":
      return { OR: mine };
  }
}

/**
 * Who may share a restricted note with another user, or take a share back: its author and the
 * administrators who may read it (the student's school's, the district's) — they decide who else
 * needs it, e.g. the new counselor after a reassignment. The note must be in the viewer's scope.
 */
export function canShareNote(viewer: Viewer, note: { authorId: string; schoolId: string }): boolean {
  if (note.authorId === viewer.id || viewer.role === "DISTRICT_ADMIN") return true;
  return viewer.role === "SCHOOL_ADMIN" && viewer.schoolId === note.schoolId;
}

/**
 * The Re-engagement list's summary (students re-engaged per school year, how many later graduated;
 * lib/reengagement/summary.ts): administrators, over their student scope. Counselors get the list
 * itself (their own caseload's students who left), not the summary: it is a report.
 */
export function canReadReengagementSummary(viewer: Viewer): boolean {
  return isAdmin(viewer);
}

/**
 * Thrown by data-layer functions for an id that is out of scope or does not exist. `what` and, when
 * the thrower knows it, the `id` asked for go into the refusal's audit event (lib/audit.ts
 * recordRefusal, called where these errors become a 404: lib/safe-action.ts, lib/reports/http.ts,
 * app/(app)/reports/guard.ts); neither is ever shown to the caller beyond the message.
 */
export class NotFoundError extends Error {
  constructor(readonly what = "Record", readonly id?: string) {
    super(`${what} not found`);
    this.name = "NotFoundError";
  }
}

/**
 * An id from a URL or form that no row can have — text PostgreSQL cannot even compare (NUL, a
 * lone surrogate) or absurdly long — is simply not found, like any other foreign id.
 */
export function assertLookupId(id: string, what = "Record"): void {
  if (id.length > 200 || !isStorableText(id)) throw new NotFoundError(what);
}

/** Thrown when the viewer's role may not do this at all (e.g. a counselor asking for reports). */
export class ForbiddenError extends Error {
  constructor(message = "You do not have access to this.") {
    super(message);
    this.name = "ForbiddenError";
  }
}
