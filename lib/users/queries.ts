import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { holdsCaseload, assertCan, NotFoundError, staffScope, assertLookupId, type Viewer, can } from "@/lib/access";
import type { Role, StudentStatus } from "@/lib/generated/prisma/client";
import { caseloadOf, enrolledCaseloadCounts } from "./caseload";

export type StaffRow = {
  id: string;
  name: string;
  email: string;
  role: Role;
  schoolId: string | null;
  school: string | null;
  active: boolean;
  /** Currently enrolled students on the caseload at the counselor's school (lib/users/caseload.ts). */
  caseload: number;
  /** Every student on the caseload, whatever their status or school (what a reassignment moves). */
  onCaseload: number;
  hasPassword: boolean;
};

/** What the staff list and a person's page read of an account (never the hash itself, only whether there is one). */
const STAFF_SELECT = {
  id: true,
  name: true,
  email: true,
  role: true,
  active: true,
  schoolId: true,
  passwordHash: true,
  school: { select: { name: true } },
  _count: { select: { caseload: true } },
} as const;

type StaffRecord = {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  schoolId: string | null;
  passwordHash: string | null;
  school: { name: string } | null;
  _count: { caseload: number };
};

function staffRow(u: StaffRecord, counts: Awaited<ReturnType<typeof enrolledCaseloadCounts>>): StaffRow {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    schoolId: u.schoolId,
    school: u.school?.name ?? null,
    active: u.active,
    caseload: caseloadOf(counts, u),
    onCaseload: u._count.caseload,
    hasPassword: u.passwordHash !== null,
  };
}

/**
 * The staff accounts the viewer may read: every account for district admins, their own school's
 * for school admins (read-only); counselors are refused (lib/access.ts staffScope).
 */
export async function listStaff(viewer: Viewer): Promise<StaffRow[]> {
  const where = staffScope(viewer);
  const [users, counts] = await Promise.all([
    db().user.findMany({
      where,
      orderBy: [{ active: "desc" }, { role: "asc" }, { name: "asc" }],
      select: STAFF_SELECT,
    }),
    enrolledCaseloadCounts(!can(viewer, "students.allSchools") && viewer.schoolId ? { schoolId: viewer.schoolId } : {}),
  ]);
  return users.map((u) => staffRow(u, counts));
}

export type StaffDetail = StaffRow & { linkExpiresAt: Date | null };

/** One account for its management page (district admins only; anyone else is refused). */
export async function getStaffMember(viewer: Viewer, id: string, now = new Date()): Promise<StaffDetail> {
  assertCan(viewer, "users.manage");
  assertLookupId(id, "User");
  const u = await db().user.findUnique({
    where: { id },
    select: {
      ...STAFF_SELECT,
      passwordSetTokens: { where: { usedAt: null, expiresAt: { gt: now } }, orderBy: { expiresAt: "desc" }, take: 1, select: { expiresAt: true } },
    },
  });
  if (!u) throw new NotFoundError("User", id);
  const counts = u.schoolId ? await enrolledCaseloadCounts({ schoolId: u.schoolId }) : [];
  return {
    ...staffRow(u, counts),
    linkExpiresAt: u.passwordSetTokens[0]?.expiresAt ?? null,
  };
}

/** Schools for the staff forms' selects (district admins only). */
export async function schoolOptions(viewer: Viewer): Promise<{ id: string; name: string }[]> {
  if (!can(viewer, "users.manage")) return [];
  return db().school.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}

export type CaseloadStudent = { id: string; version: number; name: string; sisId: string; school: string; schoolId: string; gradeLevel: number; status: StudentStatus };

/**
 * A counselor's caseload for the reassign page, every student whatever their status or school
 * (district admins only), with the active counselors who could take them.
 */
export async function caseloadForReassign(viewer: Viewer, fromId: string) {
  // The page is the district admin's only: anyone else is refused before any lookup.
  assertCan(viewer, "users.manage");
  assertLookupId(fromId, "User");
  const from = await db().user.findUnique({
    where: { id: fromId },
    select: { id: true, name: true, role: true, active: true, schoolId: true, school: { select: { name: true } } },
  });
  if (!from || !holdsCaseload(from.role)) throw new NotFoundError("User", fromId);
  const [students, counselors] = await Promise.all([
    db().student.findMany({
      where: { counselorId: from.id },
      orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { sisId: "asc" }],
      select: { id: true, version: true, firstName: true, lastName: true, sisId: true, gradeLevel: true, status: true, schoolId: true, school: { select: { name: true } } },
    }),
    db().user.findMany({
      where: { role: "COUNSELOR", active: true, id: { not: from.id } },
      orderBy: [{ school: { name: "asc" } }, { name: "asc" }],
      select: { id: true, name: true, schoolId: true, school: { select: { name: true } } },
    }),
  ]);
  // A list of students like any other: audited with each student shown (lib/audit.ts).
  await recordAudit(viewer, {
    action: "caseload.view",
    entity: "User",
    entityId: from.id,
    details: { counselor: from.id, page: "reassign", count: students.length },
    studentIds: students.map((s) => s.id),
  });
  return {
    from: { id: from.id, name: from.name, active: from.active, school: from.school?.name ?? null },
    students: students.map((s): CaseloadStudent => ({
      id: s.id,
      version: s.version,
      name: `${s.lastName}, ${s.firstName}`,
      sisId: s.sisId,
      school: s.school.name,
      schoolId: s.schoolId,
      gradeLevel: s.gradeLevel,
      status: s.status,
    })),
    counselors: counselors.map((c) => ({ id: c.id, name: c.name, schoolId: c.schoolId, school: c.school?.name ?? null })),
  };
}
