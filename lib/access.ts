import "server-only";
import { Prisma, type Role } from "@/lib/generated/prisma/client";
import { isStorableText } from "@/lib/storable";
import { can, refusalOf, type Action } from "@/lib/access/policy";

export { ACTIONS, POLICY, ROLES, can, holdsCaseload, isAdminRole, refusalOf, worksAtSchool, type Action } from "@/lib/access/policy";

// Scope rules, applied in every query and action (never only in the UI):
// - a counselor reaches the students on their own caseload;
// - a school admin reaches the students of their school;
// - a district admin reaches every student.
// Out of scope and nonexistent look the same to callers: not found.
//
// Role gates: the table in lib/access/policy.ts (POLICY, can); a refusal is assertCan's one
// outcome, ForbiddenError — the convention most of the app already had (lib/safe-action.ts
// answers it "You do not have access to this." and audits `access.refused`; the report and audit
// APIs answer 403; pages show the plain 404 page through lib/audit/refuse.ts requirePage, so a URL
// says nothing of what exists). Not found stays the answer for a record out of scope, never for a
// role: the import and mapping actions used to say "not found" to other roles and now say
// forbidden like every other district-only write.

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

/** What a scope needs of a person: who they are, their role and their school — never a whole (or faked) viewer. */
export type Actor = Pick<Viewer, "id" | "role" | "schoolId">;

/** Refuses (ForbiddenError, the one outcome of a role gate) unless the viewer's role may do `action`. */
export function assertCan(viewer: { role: Role }, action: Action): void {
  if (!can(viewer, action)) throw new ForbiddenError(refusalOf(action));
}

// A where-clause that matches nothing (for a misconfigured account, e.g. a school admin without a school).
const NOTHING = { id: { in: [] as string[] } };

/**
 * The students a person reaches. Its SQL rendering, for the typed boundary's queries:
 * lib/sql/fragments/scope.ts studentInScope (lib/access.int.test.ts holds the two together).
 */
export function studentScope(viewer: Actor): Prisma.StudentWhereInput {
  switch (viewer.role) {
    case "DISTRICT_ADMIN":
      return {};
    case "SCHOOL_ADMIN":
      return viewer.schoolId ? { schoolId: viewer.schoolId } : NOTHING;
    case "COUNSELOR":
      return { counselorId: viewer.id };
  }
}

export function schoolScope(viewer: Actor): Prisma.SchoolWhereInput {
  switch (viewer.role) {
    case "DISTRICT_ADMIN":
      return {};
    case "SCHOOL_ADMIN":
    case "COUNSELOR":
      return viewer.schoolId ? { id: viewer.schoolId } : NOTHING;
  }
}

/** The staff accounts a viewer may read (forbidden for counselors: POLICY "staff.read"). */
export function staffScope(viewer: Actor): Prisma.UserWhereInput {
  switch (viewer.role) {
    case "DISTRICT_ADMIN":
      return {};
    case "SCHOOL_ADMIN":
      return viewer.schoolId ? { schoolId: viewer.schoolId } : NOTHING;
    case "COUNSELOR":
      throw new ForbiddenError(refusalOf("staff.read"));
  }
}

/**
 * Restricted notes (issue 16): a note marked restricted is read only by its author, the
 * administrators of the student's school, district administrators and the users it is shared with
 * (NoteShare) — not by the student's counselor as such, so a reassigned caseload's new counselor
 * does not see it until it is shared. Applied on top of studentScope. Its SQL rendering, for the
 * typed boundary's queries: lib/sql/fragments/scope.ts noteReadable.
 */
export function readableNote(viewer: Actor): Prisma.NoteWhereInput {
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
export function canShareNote(viewer: Actor, note: { authorId: string; schoolId: string }): boolean {
  if (note.authorId === viewer.id || viewer.role === "DISTRICT_ADMIN") return true;
  return viewer.role === "SCHOOL_ADMIN" && viewer.schoolId === note.schoolId;
}

/**
 * Whether `who` reaches the student by studentScope (the same rule as every read), for a decision
 * about another person than the viewer (e.g. whom a restricted note may be shared with).
 */
export function reachesStudent(who: Actor, student: { schoolId: string; counselorId: string | null }): boolean {
  switch (who.role) {
    case "DISTRICT_ADMIN":
      return true;
    case "SCHOOL_ADMIN":
      return who.schoolId === student.schoolId;
    case "COUNSELOR":
      return student.counselorId === who.id;
  }
}

/**
 * Thrown by data-layer functions for an id that is out of scope or does not exist. `what` and, when
 * the thrower knows it, the `id` asked for go into the refusal's audit event (lib/audit.ts
 * recordRefusal, called where these errors become a 404: lib/safe-action.ts, lib/reports/http.ts,
 * app/(app)/reports/guard.ts); neither is ever shown to the caller beyond the message.
 */
export class NotFoundError extends Error {
  constructor(
    readonly what = "Record",
    readonly id?: string,
  ) {
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
