// Row counts of every table a write path can touch, for "no row written" checks in the fuzz tests.
import { db } from "@/lib/db";

export async function rowCounts(): Promise<Record<string, number | string>> {
  const d = db();
  const [students, statusEvents, enrollments, results, notes, audit, users, importRuns, activeUsers, versions] = await Promise.all([
    d.student.count(),
    d.statusEvent.count(),
    d.enrollment.count(),
    d.assessmentResult.count(),
    d.note.count(),
    d.auditEvent.count(),
    d.user.count(),
    d.importRun.count(),
    d.user.count({ where: { active: true } }),
    d.$queryRaw<{ v: string }[]>`SELECT (SELECT coalesce(sum(version), 0) FROM "Student") || '/' || (SELECT coalesce(sum(version), 0) FROM "Enrollment") || '/' || (SELECT coalesce(sum(version), 0) FROM "Note") AS v`,
  ]);
  return { students, statusEvents, enrollments, results, notes, audit, users, importRuns, activeUsers, versions: versions[0].v };
}
