// Row counts of every table a write path can touch, for "no row written" checks in the fuzz tests.
import { db } from "@/lib/db";

/**
 * Row counts of every table a write path can touch. Reads and refusals are recorded in the audit
 * trail (issue #14: a refused attempt — an out-of-scope or nonexistent id, a role refused — and
 * each report answer), so `audit` counts only the other events: a refused write, or a read,
 * must still write nothing else.
 */
export async function rowCounts(): Promise<Record<string, number | string>> {
  const d = db();
  const [students, statusEvents, enrollments, results, notes, audit, users, importRuns, activeUsers, versions] = await Promise.all([
    d.student.count(),
    d.statusEvent.count(),
    d.enrollment.count(),
    d.assessmentResult.count(),
    d.note.count(),
    d.auditEvent.count({ where: { NOT: [{ action: { endsWith: ".refused" } }, { action: "report.export" }] } }),
    d.user.count(),
    d.importRun.count(),
    d.user.count({ where: { active: true } }),
    d.$queryRaw<
      { v: string }[]
    >`SELECT (SELECT coalesce(sum(version), 0) FROM "Student") || '/' || (SELECT coalesce(sum(version), 0) FROM "Enrollment") || '/' || (SELECT coalesce(sum(version), 0) FROM "Note") AS v`,
  ]);
  return { students, statusEvents, enrollments, results, notes, audit, users, importRuns, activeUsers, versions: versions[0].v };
}
