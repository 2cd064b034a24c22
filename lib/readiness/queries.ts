import "server-only";
import { db } from "@/lib/db";
import { type Viewer, assertCan } from "@/lib/access";
import { districtDay, schoolYearOf } from "@/lib/calendar";
import { readinessItems, type ReadinessFacts, type ReadinessItem } from "./rules";

/**
 * What is loaded and what is missing before the district's figures can be trusted (issue #12),
 * district-wide, for district administrators. One round of aggregate queries in parallel: schools
 * with their student and status-event counts, October 1 roll rows by school for this year and last,
 * catalog counts, and single counts for the rest. The rules and words live in ./rules.ts.
 * `singleSignOn`: whether a single-sign-on provider is configured (lib/auth.ts ssoProviders), which
 * decides whether staff without a password can sign in at all.
 */
export async function readiness(viewer: Viewer, opts: { now?: Date; singleSignOn?: boolean } = {}): Promise<{ items: ReadinessItem[]; asOf: Date }> {
  const now = opts.now ?? new Date();
  assertCan(viewer, "readiness.read");
  const today = districtDay(now);
  const year = schoolYearOf(today);
  const [schools, roll, courses, coursesWithoutAssessments, unassigned, cannotSignIn, requirements, transcript, progress] = await Promise.all([
    db().school.findMany({ select: { id: true, name: true, _count: { select: { students: true, statusEvents: true } } }, orderBy: { name: "asc" } }),
    db().studentYear.groupBy({ by: ["schoolYear", "schoolId"], where: { schoolYear: { in: [year - 1, year] } } }),
    db().onlineCourse.count({ where: { active: true } }),
    db().onlineCourse.count({ where: { active: true, assessments: { none: {} } } }),
    db().student.count({ where: { counselorId: null, status: "ENROLLED" } }),
    db().user.count({ where: { active: true, passwordHash: null } }),
    db().graduationRequirement.count({ where: { credits: { gt: 0 } } }),
    db().transcriptCourse.count(),
    db().importRun.count({ where: { kind: "progress", dryRun: false, status: { in: ["succeeded", "partial"] } } }),
  ]);
  const facts: ReadinessFacts = {
    today,
    schoolYear: year,
    schools: schools.map((s) => ({ id: s.id, name: s.name, students: s._count.students, statusEvents: s._count.statusEvents })),
    rollSchools: { [year - 1]: roll.filter((r) => r.schoolYear === year - 1).map((r) => r.schoolId), [year]: roll.filter((r) => r.schoolYear === year).map((r) => r.schoolId) },
    activeCourses: courses,
    coursesWithoutAssessments,
    studentsWithoutCounselor: unassigned,
    staffWithoutPassword: cannotSignIn,
    singleSignOn: opts.singleSignOn ?? false,
    requirements,
    transcriptRows: transcript,
    progressImports: progress,
  };
  return { items: readinessItems(facts), asOf: now };
}
