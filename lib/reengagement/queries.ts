import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { schoolScope, studentScope, type Viewer, can } from "@/lib/access";
import { filterDetails, recordAudit } from "@/lib/audit";
import { creditsEarned, creditsStillNeeded, DIPLOMA_CREDITS_DEFAULT, type EarnedFacts, type SubjectArea } from "@/lib/students/credits";
import { districtDay } from "@/lib/calendar";
import { ageOn, AGE_LIMIT, exitKindOf, onList, quiet, type ExitKind } from "./rules";
import { REENGAGEMENT_PAGE_SIZE, type ReengagementParams } from "./schema";

// The Re-engagement list (issue 16): students who left without a diploma or a documented transfer
// in the last N school years and are still under 22 (rules.ts has the definition and its source),
// within the viewer's scope (lib/access.ts studentScope: district admins every student, school
// admins their school's, counselors their own caseload). Candidates come from one scoped query
// (status dropped out / transferred out, born late enough); the latest status event decides, then
// the list is sorted (most recent exit first), counted and paged; credits are read for the page.
// Audited as a list read: "reengagement.view" with the filter, the count, and each student shown
// (AuditEventStudent, lib/audit.ts studentIds) so "who looked at this student?" finds it.

export type LastContact = { day: Date; source: "contact" | "note"; outcome: string | null; outreach: boolean };
export type ReengagementRow = {
  id: string;
  name: string;
  sisId: string;
  version: number;
  school: { id: string; name: string };
  exitKind: ExitKind;
  exitDate: Date;
  age: number;
  creditsEarned: number;
  creditsStillNeeded: number;
  lastContact: LastContact | null;
  outreachAttempts: number;
};
export type ReengagementPage = { rows: ReengagementRow[]; total: number; page: number; pageCount: number; today: Date };

export async function listReengagement(viewer: Viewer, p: ReengagementParams, now: Date = new Date()): Promise<ReengagementPage> {
  const today = districtDay(now);
  // Prefilter only (AGE_LIMIT + 1 years of slack); ageOn decides exactly.
  const bornAfter = new Date(Date.UTC(today.getUTCFullYear() - AGE_LIMIT - 1, today.getUTCMonth(), today.getUTCDate()));
  const where: Prisma.StudentWhereInput = {
    AND: [studentScope(viewer), p.school ? { schoolId: p.school } : {}, { status: { in: ["DROPPED_OUT", "TRANSFERRED_OUT"] } }, { birthDate: { gt: bornAfter } }],
  };
  const candidates = await db().student.findMany({
    where,
    select: {
      id: true,
      sisId: true,
      firstName: true,
      lastName: true,
      birthDate: true,
      version: true,
      school: { select: { id: true, name: true } },
      statusEvents: { orderBy: [{ effectiveDate: "desc" }, { sequence: "desc" }], take: 1, select: { kind: true, effectiveDate: true, documented: true } },
      contacts: { orderBy: [{ occurredOn: "desc" }, { createdAt: "desc" }], take: 1, select: { occurredOn: true, outcome: true, outreach: true } },
      // Restricted notes are left out: their date would tell a counselor who may not read them that they exist.
      notes: { where: { restricted: false }, orderBy: { createdAt: "desc" }, take: 1, select: { createdAt: true } },
      _count: { select: { contacts: { where: { outreach: true } } } },
    },
  });

  const all = candidates.flatMap((s) => {
    const last = s.statusEvents[0];
    if (!onList(last, s.birthDate, today, p.years)) return [];
    const lastContact = latestContact(s.contacts[0], s.notes[0]);
    if (p.quiet && !quiet(lastContact?.day ?? null, today)) return [];
    return [
      {
        id: s.id,
        name: `${s.lastName}, ${s.firstName}`,
        sisId: s.sisId,
        version: s.version,
        school: s.school,
        exitKind: exitKindOf(last)!,
        exitDate: last.effectiveDate,
        age: ageOn(s.birthDate, today),
        lastContact,
        outreachAttempts: s._count.contacts,
      },
    ];
  });
  all.sort((a, b) => b.exitDate.getTime() - a.exitDate.getTime() || a.name.localeCompare(b.name));
  const pageCount = Math.max(1, Math.ceil(all.length / REENGAGEMENT_PAGE_SIZE));
  const page = Math.min(p.page, pageCount);
  const shown = all.slice((page - 1) * REENGAGEMENT_PAGE_SIZE, page * REENGAGEMENT_PAGE_SIZE);

  const credits = await creditsFor(shown.map((r) => r.id));
  const rows = shown.map((r) => ({ ...r, ...credits(r.id) }));
  await recordAudit(viewer, {
    action: "reengagement.view",
    entity: "Student",
    details: { filter: filterDetails({ school: p.school, years: p.years, quiet: p.quiet, page }), students: all.length },
    studentIds: rows.map((r) => r.id),
  });
  return { rows, total: all.length, page, pageCount, today };
}

/** The later of the latest contact (family or outreach) and the latest note; a contact wins a tie (it has an outcome). */
function latestContact(contact: { occurredOn: Date; outcome: string | null; outreach: boolean } | undefined, note: { createdAt: Date } | undefined): LastContact | null {
  const noteDay = note ? districtDay(note.createdAt) : null;
  if (contact && (!noteDay || contact.occurredOn >= noteDay)) return { day: contact.occurredOn, source: "contact", outcome: contact.outcome, outreach: contact.outreach };
  return noteDay ? { day: noteDay, source: "note", outcome: null, outreach: false } : null;
}

/**
 * Credits earned and still needed for these students, as the caseload computes them
 * (lib/students/credits.ts: Σ TranscriptCourse.creditsEarned; creditsStillNeeded over the
 * district's requirements and diploma credits).
 */
async function creditsFor(ids: string[]): Promise<(id: string) => { creditsEarned: number; creditsStillNeeded: number }> {
  const [sums, requirements, settings] = await Promise.all([
    ids.length ? db().transcriptCourse.groupBy({ by: ["studentId", "subjectArea"], where: { studentId: { in: ids } }, _sum: { creditsEarned: true } }) : Promise.resolve([]),
    db().graduationRequirement.findMany(),
    db().districtSettings.findUnique({ where: { id: 1 }, select: { totalCreditsRequired: true } }),
  ]);
  const diploma = settings ? Number(settings.totalCreditsRequired) : DIPLOMA_CREDITS_DEFAULT;
  const reqs = requirements.map((r) => ({ subjectArea: r.subjectArea as SubjectArea, credits: Number(r.credits) }));
  const earnedBy = new Map<string, EarnedFacts[]>();
  for (const s of sums) {
    earnedBy.set(s.studentId, [...(earnedBy.get(s.studentId) ?? []), { subjectArea: s.subjectArea as SubjectArea, creditsEarned: Number(s._sum.creditsEarned ?? 0) }]);
  }
  return (id) => {
    const earned = earnedBy.get(id) ?? [];
    return { creditsEarned: creditsEarned(earned), creditsStillNeeded: creditsStillNeeded(reqs, diploma, earned) };
  };
}

/** Schools an admin may filter by (none for a counselor: one caseload). */
export async function reengagementSchools(viewer: Viewer): Promise<{ id: string; name: string }[]> {
  if (!can(viewer, "reports.read")) return [];
  return db().school.findMany({ where: schoolScope(viewer), orderBy: { name: "asc" }, select: { id: true, name: true } });
}

/** Active counselors of these schools (within the viewer's reach), by school: whom a re-engaged student can be assigned to. */
export async function counselorsBySchool(viewer: Viewer, schoolIds: string[]): Promise<Map<string, { id: string; name: string }[]>> {
  const users = schoolIds.length
    ? await db().user.findMany({
        where: { AND: [{ role: "COUNSELOR", active: true, schoolId: { in: [...new Set(schoolIds)] } }, { school: schoolScope(viewer) }] },
        orderBy: { name: "asc" },
        select: { id: true, name: true, schoolId: true },
      })
    : [];
  const out = new Map<string, { id: string; name: string }[]>();
  for (const u of users) out.set(u.schoolId!, [...(out.get(u.schoolId!) ?? []), { id: u.id, name: u.name }]);
  return out;
}
