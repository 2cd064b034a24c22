import "server-only";
import { db } from "@/lib/db";
import { assertLookupId, NotFoundError, studentScope, type Viewer } from "@/lib/access";
import { ConflictError, DomainError } from "@/lib/safe-action";
import type { AssessmentFacts, ResultFacts } from "./rules";

// The enrollment an action works on, reached only through a student in the viewer's scope
// (out of scope and nonexistent look the same), with its course, assessments and results.

export async function loadScopedEnrollment(viewer: Viewer, enrollmentId: string) {
  assertLookupId(enrollmentId, "Enrollment");
  // Three reads at once (nothing is used unless the scoped enrollment is found).
  const [e, rows, resultRows] = await Promise.all([
    db().enrollment.findFirst({ where: { id: enrollmentId, student: studentScope(viewer) }, include: { course: true } }),
    db().courseAssessment.findMany({ where: { course: { enrollments: { some: { id: enrollmentId } } } }, orderBy: { position: "asc" } }),
    db().assessmentResult.findMany({ where: { enrollmentId }, select: { assessmentId: true, score: true, attempt: true, takenOn: true } }),
  ]);
  if (!e) throw new NotFoundError("Enrollment");
  const assessments: AssessmentFacts[] = rows.map((a) => ({
    id: a.id,
    position: a.position,
    kind: a.kind,
    weight: Number(a.weight),
    maxScore: Number(a.maxScore),
  }));
  const results: ResultFacts[] = resultRows.map((r) => ({ assessmentId: r.assessmentId, score: Number(r.score), attempt: r.attempt, takenOn: r.takenOn }));
  return { enrollment: e, assessments, results };
}

/** Refuses a change to an enrollment that has ended, or one changed since the form was loaded. */
export function assertActiveAt(e: { status: string; version: number }, version: number): void {
  if (e.status !== "ACTIVE") throw new DomainError("This enrollment has already ended.");
  if (e.version !== version) throw new ConflictError();
}
