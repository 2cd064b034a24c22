import "server-only";
import { db } from "@/lib/db";
import { staffScope, type Viewer, can } from "@/lib/access";
import { planOwnerChoices } from "@/lib/sql/queries/plan-owner-choices";
import type { CaseloadRow } from "@/lib/students/caseload";

export type BulkChoices = {
  /** Each listed student's Student.version, sent back with a reassignment (optimistic concurrency). */
  versions: Record<string, number>;
  /** Who may own a plan for some listed student (the viewer first); the action checks every selected one. */
  owners: { id: string; name: string }[];
  /** The active counselors the viewer may move students to (their schools'), or null: no control at all. */
  counselors: { id: string; name: string; school: string }[] | null;
};

/**
 * What the caseload's bulk forms offer for the page's students (`rows`: listed for this viewer by
 * lib/students/caseload.ts, with their school, counselor and version). One round trip, two reads in
 * parallel, whatever the page size. Owners: lib/sql/fragments/plan-owner.ts (the SQL of
 * lib/plans/plans.ts ownerWhere) for each student — the student's counselor, an administrator of
 * their school, a district administrator — gathered.
 */
export async function bulkChoices(viewer: Viewer, rows: Pick<CaseloadRow, "id" | "schoolId" | "counselorId" | "version">[]): Promise<BulkChoices> {
  const schools = [...new Set(rows.map((s) => s.schoolId))];
  const counselorIds = [...new Set(rows.flatMap((s) => (s.counselorId ? [s.counselorId] : [])))];
  const [owners, counselors] = await Promise.all([
    rows.length === 0 ? [] : planOwnerChoices(counselorIds, schools),
    can(viewer, "caseload.reassign")
      ? db().user.findMany({
          where: { AND: [staffScope(viewer), { role: "COUNSELOR", active: true, schoolId: { in: schools } }] },
          orderBy: [{ school: { name: "asc" } }, { name: "asc" }],
          select: { id: true, name: true, school: { select: { name: true } } },
        })
      : null,
  ]);
  const me = owners.find((o) => o.id === viewer.id) ?? { id: viewer.id, name: viewer.name };
  return {
    versions: Object.fromEntries(rows.map((s) => [s.id, s.version])),
    owners: [me, ...owners.filter((o) => o.id !== viewer.id)],
    counselors: counselors?.map((c) => ({ id: c.id, name: c.name, school: c.school?.name ?? "" })) ?? null,
  };
}
