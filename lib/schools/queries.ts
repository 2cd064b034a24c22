import "server-only";
import { db } from "@/lib/db";
import { schoolActiveOnlineCounts } from "@/lib/sql/queries/school-active-online-counts";
import { schoolScope, type Viewer, assertCan } from "@/lib/access";

export type SchoolOverview = {
  id: string;
  name: string;
  stateCode: string;
  grades: string;
  enrolled: number;
  counselors: number;
  activeOnline: number;
};

/** Schools the viewer administers, with counts of currently enrolled students, counselors and active online enrollments. */
export async function listSchoolOverviews(viewer: Viewer): Promise<SchoolOverview[]> {
  assertCan(viewer, "overview.read");
  const schools = await db().school.findMany({ where: schoolScope(viewer), orderBy: { name: "asc" } });
  const ids = schools.map((s) => s.id);
  const [students, counselors, online] = await Promise.all([
    db().student.groupBy({ by: ["schoolId"], where: { schoolId: { in: ids }, status: "ENROLLED" }, _count: { _all: true } }),
    db().user.groupBy({ by: ["schoolId"], where: { schoolId: { in: ids }, role: "COUNSELOR", active: true }, _count: { _all: true } }),
    schoolActiveOnlineCounts(ids),
  ]);
  const count = <T extends { schoolId: string | null }>(rows: (T & { _count: { _all: number } })[], id: string) => rows.find((r) => r.schoolId === id)?._count._all ?? 0;
  return schools.map((s) => ({
    id: s.id,
    name: s.name,
    stateCode: s.stateCode,
    grades: `${s.lowestGrade}–${s.highestGrade}`,
    enrolled: count(students, s.id),
    counselors: count(counselors, s.id),
    activeOnline: online.find((o) => o.schoolId === s.id)?.n ?? 0,
  }));
}
