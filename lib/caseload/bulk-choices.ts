import "server-only";
import { db } from "@/lib/db";
import { canReassignStudents, staffScope, studentScope, type Viewer } from "@/lib/access";
import { ownerWhere } from "@/lib/plans/plans";

export type BulkChoices = {
  /** Each listed student's Student.version, sent back with a reassignment (optimistic concurrency). */
  versions: Record<string, number>;
  /** Who may own a plan for some listed student (the viewer first); the action checks every selected one. */
  owners: { id: string; name: string }[];
  /** The active counselors the viewer may move students to (their schools'), or null: no control at all. */
  counselors: { id: string; name: string; school: string }[] | null;
};

/**
 * What the caseload's bulk forms offer for the page's students (`ids`, already listed for this
 * viewer; re-scoped here all the same). Three small reads, whatever the page size.
 */
export async function bulkChoices(viewer: Viewer, ids: string[]): Promise<BulkChoices> {
  const students = await db().student.findMany({ where: { AND: [{ id: { in: ids } }, studentScope(viewer)] }, select: { id: true, version: true, schoolId: true, counselorId: true } });
  const schools = [...new Set(students.map((s) => s.schoolId))];
  const [owners, counselors] = await Promise.all([
    students.length === 0 ? [] : db().user.findMany({ where: { OR: students.map(ownerWhere) }, orderBy: [{ role: "asc" }, { name: "asc" }], select: { id: true, name: true } }),
    canReassignStudents(viewer)
      ? db().user.findMany({
          where: { AND: [staffScope(viewer), { role: "COUNSELOR", active: true, schoolId: { in: schools } }] },
          orderBy: [{ school: { name: "asc" } }, { name: "asc" }],
          select: { id: true, name: true, school: { select: { name: true } } },
        })
      : null,
  ]);
  const me = owners.find((o) => o.id === viewer.id) ?? { id: viewer.id, name: viewer.name };
  return {
    versions: Object.fromEntries(students.map((s) => [s.id, s.version])),
    owners: [me, ...owners.filter((o) => o.id !== viewer.id)],
    counselors: counselors?.map((c) => ({ id: c.id, name: c.name, school: c.school?.name ?? "" })) ?? null,
  };
}
