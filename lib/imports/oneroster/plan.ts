import "server-only";
import type { Gender, RaceEthnicity } from "@/lib/generated/prisma/enums";
import { holdsCaseload } from "@/lib/access/policy";
import { highSchoolGrade, inferCohortYear } from "@/lib/imports/rules";
import { newId } from "@/lib/imports/bulk";
import { emptyCounts, type Counts, type ErrorList } from "@/lib/imports/report";
import type { RosterSet } from "@/lib/imports/oneroster/read";
import type { GuardianPlan } from "@/lib/imports/oneroster/agents";
import { districtDay, schoolYearOf, formatDay, isoDay } from "@/lib/calendar";

// The difference between a OneRoster set and the database: what to create, update and delete.
// Keys are the source ids (orgs/users sourcedId); a record made before rostering is linked by its
// natural key (School.stateCode, User.email, Student.sisId = users.identifier).

export type ExistingSchool = { id: string; name: string; stateCode: string; sourcedId: string | null };
export type ExistingUser = {
  id: string;
  name: string;
  email: string;
  role: string;
  schoolId: string | null;
  sourcedId: string | null;
  active: boolean;
  /** Deactivated by an administrator in CreditTrack: the roster's `active` does not undo it. */
  deactivatedAt?: Date | null;
};
export type ExistingStudent = {
  id: string;
  sourcedId: string | null;
  sisId: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  /** YYYY-MM-DD */
  birthDate: string;
  schoolId: string;
  gradeLevel: number;
  raceEthnicity: RaceEthnicity;
  gender: Gender;
  counselorId: string | null;
} & CounselorPin;
/**
 * Set when an administrator moved the student in CreditTrack (lib/users/reassign.ts): the roster
 * keeps that counselor until the file names the same one. At: UTC "YYYY-MM-DDTHH:MM:SS.mmm" text, so
 * rows compare with === and write back unchanged.
 */
export type CounselorPin = { counselorPinnedAt: string | null; counselorPinnedById: string | null };
export type Existing = { schools: ExistingSchool[]; users: ExistingUser[]; students: ExistingStudent[] };

export type SchoolRow = { id: string; name: string; stateCode: string; sourcedId: string };
export type CounselorRow = { id: string; name: string; email: string; schoolId: string | null; sourcedId: string; active: boolean };
export type StudentRow = {
  id: string;
  sourcedId: string;
  sisId: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  birthDate: string;
  schoolId: string;
  gradeLevel: number;
  raceEthnicity: RaceEthnicity;
  gender: Gender;
  counselorId: string | null;
  cohortYear?: number;
} & CounselorPin;
type Changes<T> = { create: T[]; update: T[]; delete: string[] };
export type RosterPlan = {
  schools: Changes<SchoolRow>;
  counselors: Changes<CounselorRow>;
  students: Changes<StudentRow>;
  counts: Counts;
  /** Guardians from OneRoster agents (./agents.ts), planned once the students are known. */
  guardians?: GuardianPlan;
};

const same = <T extends Record<string, unknown>>(a: T, b: Partial<T>) => Object.keys(b).every((k) => a[k] === b[k]);

export function planRoster(set: RosterSet, ex: Existing, errors: ErrorList, warnings: ErrorList, asOf: Date): RosterPlan {
  const counts = emptyCounts("schools", "counselors", "students", "guardians", "otherUsers", "otherOrgs");
  const plan: RosterPlan = {
    schools: { create: [], update: [], delete: [] },
    counselors: { create: [], update: [], delete: [] },
    students: { create: [], update: [], delete: [] },
    counts,
  };
  const err = (file: string, line: number, column: string | null, value: string | null, message: string) => errors.add({ file, line, column, value, message });

  // Schools
  const schoolBySourced = new Map(ex.schools.filter((s) => s.sourcedId).map((s) => [s.sourcedId!, s]));
  const schoolByCode = new Map(ex.schools.map((s) => [s.stateCode, s]));
  const schoolId = new Map<string, string>(); // org sourcedId → School.id
  for (const s of ex.schools) if (s.sourcedId) schoolId.set(s.sourcedId, s.id);
  for (const [sid, o] of set.orgs) {
    if (o.type !== "school") {
      counts.otherOrgs.skipped++;
      continue;
    }
    const cur = schoolBySourced.get(sid);
    if (o.status === "tobedeleted") {
      if (cur) {
        plan.schools.delete.push(cur.id);
        schoolId.delete(sid);
      } else counts.schools.unchanged++;
      continue;
    }
    if (!o.identifier) {
      err("orgs.csv", o.line, "identifier", "", "identifier (the state school code) is required for a school");
      continue;
    }
    const byCode = schoolByCode.get(o.identifier);
    if (byCode && byCode.id !== cur?.id && byCode.sourcedId && byCode.sourcedId !== sid) {
      err("orgs.csv", o.line, "identifier", o.identifier, `state school code already belongs to school "${byCode.name}" (sourcedId ${byCode.sourcedId})`);
      continue;
    }
    const target = cur ?? byCode;
    const row: SchoolRow = { id: target?.id ?? newId(), name: o.name, stateCode: o.identifier, sourcedId: sid };
    schoolId.set(sid, row.id);
    if (!target) plan.schools.create.push(row);
    else if (same(target, row)) counts.schools.unchanged++;
    else plan.schools.update.push(row);
  }
  const schoolOf = (orgs: string[]) => orgs.map((o) => schoolId.get(o)).find(Boolean) ?? null;

  // Counselors
  const userBySourced = new Map(ex.users.filter((u) => u.sourcedId).map((u) => [u.sourcedId!, u]));
  const userByEmail = new Map(ex.users.map((u) => [u.email, u]));
  const counselorId = new Map<string, string>(); // user sourcedId → User.id of a counselor
  for (const u of ex.users) if (u.sourcedId && holdsCaseload(u.role)) counselorId.set(u.sourcedId, u.id);
  const emails = new Set<string>();
  for (const [sid, u] of set.users) {
    if (!u.isCounselor || u.isStudent) {
      if (!u.isStudent) counts.otherUsers.skipped++;
      continue;
    }
    const cur = userBySourced.get(sid) ?? (u.email ? userByEmail.get(u.email) : undefined);
    if (u.status === "tobedeleted") {
      if (cur?.active) (plan.counselors.update.push({ ...pickCounselor(cur), sourcedId: sid, active: false }), counts.counselors.deleted++);
      else counts.counselors.unchanged++;
      continue;
    }
    if (!u.email) {
      err("users.csv", u.line, "email", "", "email is required for a counselor (it is their sign-in)");
      continue;
    }
    if (emails.has(u.email)) {
      err("users.csv", u.line, "email", u.email, "Duplicate email in this file");
      continue;
    }
    emails.add(u.email);
    if (cur && !holdsCaseload(cur.role)) {
      err("users.csv", u.line, "email", u.email, `email belongs to an existing ${cur.role.toLowerCase().replace("_", " ")} account`);
      continue;
    }
    if (cur?.sourcedId && cur.sourcedId !== sid) {
      err("users.csv", u.line, "email", u.email, `email already belongs to rostered user ${cur.sourcedId}`);
      continue;
    }
    // An administrator's deactivation in CreditTrack wins over the roster's "active" until an
    // administrator reactivates the account on the Users page (issue #14).
    const heldOff = Boolean(cur?.deactivatedAt);
    if (heldOff)
      warnings.add({
        file: "users.csv",
        line: u.line,
        column: "status",
        value: u.status,
        message: `${u.email} was deactivated in CreditTrack by an administrator and stays deactivated; reactivate the account on the Users page if that is wrong`,
      });
    const row: CounselorRow = { id: cur?.id ?? newId(), name: `${u.givenName} ${u.familyName}`, email: u.email, schoolId: schoolOf(u.orgs), sourcedId: sid, active: !heldOff };
    counselorId.set(sid, row.id);
    if (!cur) plan.counselors.create.push(row);
    else if (same(cur, row)) counts.counselors.unchanged++;
    else plan.counselors.update.push(row);
  }

  // Students
  const studentBySourced = new Map(ex.students.filter((s) => s.sourcedId).map((s) => [s.sourcedId!, s]));
  const studentBySis = new Map(ex.students.map((s) => [s.sisId, s]));
  const sisIds = new Set<string>();
  const year = schoolYearOf(asOf);
  const counselorName = new Map(ex.users.map((u) => [u.id, u.name]));
  for (const c of [...plan.counselors.create, ...plan.counselors.update]) counselorName.set(c.id, c.name);
  // Each counselor as this plan leaves them (active, school): a pin holds only on such a counselor.
  const counselorNow = new Map(ex.users.map((u) => [u.id, { active: u.active, schoolId: u.schoolId }]));
  for (const c of [...plan.counselors.create, ...plan.counselors.update]) counselorNow.set(c.id, { active: c.active, schoolId: c.schoolId });
  const moves = { count: 0, first: 0 };
  const caughtUp = { count: 0, first: 0 };
  const kept = { count: 0, first: 0, detail: "" };
  const lapsed = { count: 0, first: 0 };
  const lapsedStays = { count: 0, first: 0 };
  for (const [sid, u] of set.users) {
    if (!u.isStudent) continue;
    const cur = studentBySourced.get(sid);
    if (u.status === "tobedeleted") {
      if (cur) plan.students.delete.push(cur.id);
      else counts.students.unchanged++;
      continue;
    }
    const grade = highSchoolGrade(u.grades);
    if (grade === null) {
      counts.students.skipped++;
      continue;
    }
    const before = errors.total;
    if (!u.identifier) err("users.csv", u.line, "identifier", "", "identifier (the SIS student id) is required for a student");
    else if (sisIds.has(u.identifier)) err("users.csv", u.line, "identifier", u.identifier, "Duplicate student identifier in this file");
    sisIds.add(u.identifier);
    const bySis = u.identifier ? studentBySis.get(u.identifier) : undefined;
    if (bySis && bySis.id !== cur?.id && bySis.sourcedId) err("users.csv", u.line, "identifier", u.identifier, `identifier already belongs to student ${bySis.sourcedId}`);
    const school = schoolOf(u.orgs);
    if (!school) err("users.csv", u.line, u.orgColumn, u.orgs.join(","), "none of the student's orgs is a school");
    // A rejected demographics row was reported where it is: the student is not imported, and its
    // fields are not reported again as missing.
    if (set.rejectedDemographics.has(sid)) continue;
    const target = cur ?? bySis;
    const demo = set.demographics.get(sid);
    const d = demo?.status === "active" ? demo : undefined;
    const birthDate = isoDay(d?.birthDate) ?? target?.birthDate ?? null;
    const race = d?.race ?? target?.raceEthnicity ?? null;
    const gender = d?.gender ?? target?.gender ?? null;
    if (!d && (!birthDate || !race || !gender)) {
      err("users.csv", u.line, null, null, "a new student needs a demographics.csv row (birthDate, sex and race/ethnicity): none has this sourcedId");
    } else if (d) {
      if (!birthDate) err("demographics.csv", d.line, "birthDate", "", "birthDate is required for a new student");
      if (!race) err("demographics.csv", d.line, "hispanicOrLatinoEthnicity", null, "race/ethnicity is required for a new student: set hispanicOrLatinoEthnicity or a race flag");
      if (!gender) err("demographics.csv", d.line, "sex", d.sex, `sex "${d.sex}" cannot be mapped: use female, male or nonbinary`);
    }
    if (errors.total > before) continue;
    const counselor = set.counselorOf.get(sid);
    const fromFile = (counselor && counselorId.get(counselor)) || null;
    const pinned = target?.counselorPinnedAt && target.counselorId ? target : null;
    // A counselor an administrator assigned in CreditTrack is a decision the nightly roster must
    // not silently undo: kept, with a warning, until the file names the same counselor (the SIS
    // has caught up), which ends the hold. A file that names no counselor changes nothing.
    // The hold lapses when the counselor no longer may hold the student (lib/users/reassign.ts
    // moveStudents: an active counselor at the student's school): deactivated, in CreditTrack or by
    // this file, or at another school than the one the file puts the student in — else the student
    // would sit on a caseload nobody at their school sees.
    let pin: CounselorPin = { counselorPinnedAt: target?.counselorPinnedAt ?? null, counselorPinnedById: target?.counselorPinnedById ?? null };
    let assigned = fromFile ?? target?.counselorId ?? null;
    const holder = pinned ? counselorNow.get(pinned.counselorId!) : undefined;
    const holds = Boolean(holder?.active && holder.schoolId && holder.schoolId === school);
    if (pinned && fromFile && fromFile === pinned.counselorId) {
      pin = { counselorPinnedAt: null, counselorPinnedById: null };
      if (caughtUp.count++ === 0) caughtUp.first = u.line;
    } else if (pinned && !holds && fromFile) {
      pin = { counselorPinnedAt: null, counselorPinnedById: null };
      if (lapsed.count++ === 0) lapsed.first = u.line;
    } else if (pinned && !holds) {
      // Nobody to take the student: left as is (and warned every run) until a file or an administrator names one.
      if (lapsedStays.count++ === 0) lapsedStays.first = u.line;
    } else if (pinned && fromFile) {
      assigned = pinned.counselorId;
      if (kept.count++ === 0) {
        kept.first = u.line;
        const on = formatDay(districtDay(new Date(`${pinned.counselorPinnedAt}Z`)));
        kept.detail = `student ${sid} keeps ${counselorName.get(pinned.counselorId!) ?? pinned.counselorId}, assigned ${on}; the file names ${counselorName.get(fromFile) ?? counselor}`;
      }
    } else if (target?.counselorId && assigned !== target.counselorId) {
      if (moves.count++ === 0) moves.first = u.line;
    }
    const row: StudentRow = {
      id: target?.id ?? newId(),
      sourcedId: sid,
      sisId: u.identifier,
      firstName: u.givenName,
      middleName: u.middleName || null,
      lastName: u.familyName,
      birthDate: birthDate!,
      schoolId: school!,
      gradeLevel: grade,
      raceEthnicity: race!,
      gender: gender!,
      counselorId: assigned,
      ...pin,
    };
    if (counselor && !counselorId.has(counselor))
      warnings.add({
        file: "enrollments.csv",
        line: 0,
        column: "userSourcedId",
        value: counselor,
        message: `counseling-section staff ${counselor} is not a counselor: student ${sid} keeps their counselor`,
      });
    if (!target) {
      row.cohortYear = inferCohortYear(grade, year); // (the row itself: a copy of each was 300,000 more objects at the city's size)
      plan.students.create.push(row);
    } else if (same(target as unknown as Record<string, unknown>, row)) counts.students.unchanged++;
    else plan.students.update.push(row);
  }
  counts.schools.created = plan.schools.create.length;
  counts.schools.updated = plan.schools.update.length;
  counts.schools.deleted = plan.schools.delete.length;
  counts.counselors.created = plan.counselors.create.length;
  counts.counselors.updated = plan.counselors.update.length - counts.counselors.deleted;
  counts.students.created = plan.students.create.length;
  counts.students.updated = plan.students.update.length;
  if (moves.count) {
    warnings.add({
      file: "users.csv",
      line: moves.first,
      column: null,
      value: null,
      message: `${moves.count.toLocaleString("en-US")} ${moves.count === 1 ? "student moves" : "students move"} to another counselor, as the counseling sections say (first at line ${moves.first})`,
    });
  }
  if (caughtUp.count) {
    warnings.add({
      file: "users.csv",
      line: caughtUp.first,
      column: null,
      value: null,
      message: `${caughtUp.count.toLocaleString("en-US")} ${caughtUp.count === 1 ? "student's counselor" : "students' counselors"} assigned in CreditTrack now match the file: the roster sets ${caughtUp.count === 1 ? "it" : "them"} again from now on (first at line ${caughtUp.first})`,
    });
  }
  // One warning per kind, with a count and the first line (the report keeps MAX_REPORTED rows).
  const students = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
  if (kept.count) {
    warnings.add({
      file: "users.csv",
      line: kept.first,
      column: null,
      value: null,
      message: `${students(kept.count, "student keeps", "students keep")} the counselor assigned in CreditTrack; the file names another (first at line ${kept.first}: ${kept.detail})`,
    });
  }
  if (lapsed.count) {
    warnings.add({
      file: "users.csv",
      line: lapsed.first,
      column: null,
      value: null,
      message: `${students(lapsed.count, "student's", "students'")} counselor assigned in CreditTrack no longer works at their school or was deactivated: the file's counselor is taken (first at line ${lapsed.first})`,
    });
  }
  if (lapsedStays.count) {
    warnings.add({
      file: "users.csv",
      line: lapsedStays.first,
      column: null,
      value: null,
      message: `${students(lapsedStays.count, "student's", "students'")} counselor assigned in CreditTrack no longer works at their school or was deactivated, and the file names none: reassign ${lapsedStays.count === 1 ? "the student" : "them"} on the Staff page (first at line ${lapsedStays.first})`,
    });
  }
  return plan;
}

/** What an import changes on a counselor's account, field by field (for the per-user audit event). */
export function counselorChanges(before: ExistingUser | undefined, after: CounselorRow): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of ["name", "email", "schoolId", "sourcedId", "active"] as const) {
    const from = before?.[k] ?? null;
    if (from !== after[k]) out[k] = { from, to: after[k] };
  }
  return out;
}

function pickCounselor(u: ExistingUser): CounselorRow {
  return { id: u.id, name: u.name, email: u.email, schoolId: u.schoolId, sourcedId: u.sourcedId!, active: u.active };
}
