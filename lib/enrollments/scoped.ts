import "server-only";
import { db } from "@/lib/db";
import { NotFoundError, studentScope, type Viewer } from "@/lib/access";
import { ConflictError, DomainError } from "@/lib/safe-action";
import type { AssessmentFacts, ResultFacts } from "./rules";

// The enrollment an action works on, reached only through a student in the viewer's scope
// (out of scope and nonexistent look the same), with its course, assessments and results.

export async function loadScopedEnrollment(viewer: Viewer, enrollmentId: string) {
  const e = await db().enrollment.findFirst({
    where: { id: enrollmentId, student: studentScope(viewer) },
    include: {
      course: { include: { assessments: { orderBy: { position: "asc" } } } },
      results: { select: { assessmentId: true, score: true, attempt: true, takenOn: true } },
    },
  });
  if (!e) throw new NotFoundError("Enrollment");
  const assessments: AssessmentFacts[] = e.course.assessments.map((a) => ({
    id: a.id,
    position: a.position,
    kind: a.kind,
    weight: Number(a.weight),
    maxScore: Number(a.maxScore),
  }));
  const results: ResultFacts[] = e.results.map((r) => ({ assessmentId: r.assessmentId, score: Number(r.score), attempt: r.attempt, takenOn: r.takenOn }));
  return { enrollment: e, assessments, results };
}

/** Refuses a change to an enrollment that has ended, or one changed since the form was loaded. */
export function assertActiveAt(e: { status: string; version: number }, version: number): void {
  if (e.status !== "ACTIVE") throw new DomainError("This enrollment has already ended.");
  if (e.version !== version) throw new ConflictError();
}
