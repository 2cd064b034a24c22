import "server-only";
import { db } from "@/lib/db";
import { assertLookupId, NotFoundError, type Viewer, assertCan } from "@/lib/access";
import { recordAudit } from "@/lib/audit";
import { progressOf } from "@/lib/enrollments/rules";
import { mapResultsByPosition } from "./rules";

const spec = (a: { id: string; position: number; title: string; kind: "FORMATIVE" | "SUMMATIVE"; maxScore: unknown; weight: unknown }) => ({
  id: a.id,
  position: a.position,
  title: a.title,
  kind: a.kind,
  maxScore: Number(a.maxScore),
  weight: Number(a.weight),
});

export type MoveOutcome = { moved: number; kept: { enrollmentId: string; from: number; missing: number[] }[]; to: number };

/**
 * Moves a course's ACTIVE enrollments from older versions to the current one (district
 * administrators): each result goes to the assessment at the same position in the current set,
 * rescaled to its maximum (lib/catalog/rules.ts mapResultsByPosition); progress is recomputed on
 * the new set; the enrollment's version is bumped (an open results form on it is then refused as
 * stale). An enrollment with a result on a position the current set lacks is kept where it is and
 * reported — a recorded score is never dropped. Ended enrollments never move: their grade is final.
 * One transaction, one audit event per moved enrollment (on the student's trail).
 */
export async function moveEnrollmentsToCurrent(viewer: Viewer, input: { courseId: string }): Promise<MoveOutcome> {
  assertCan(viewer, "catalog.manage");
  assertLookupId(input.courseId, "Course");
  return db().$transaction(async (tx) => {
    const course = await tx.onlineCourse.findUnique({ where: { id: input.courseId }, include: { assessments: true } });
    if (!course) throw new NotFoundError("Course", input.courseId);
    const to = course.currentVersion;
    const target = course.assessments.filter((a) => a.version === to).map(spec);
    const enrollments = await tx.enrollment.findMany({
      where: { courseId: course.id, status: "ACTIVE", courseVersion: { not: to } },
      select: { id: true, studentId: true, courseVersion: true, results: { select: { id: true, assessmentId: true, score: true, attempt: true, takenOn: true } } },
      orderBy: { id: "asc" },
    });
    const out: MoveOutcome = { moved: 0, kept: [], to };
    for (const e of enrollments) {
      const from = course.assessments.filter((a) => a.version === e.courseVersion).map(spec);
      const plan = mapResultsByPosition(
        from,
        target,
        e.results.map((r) => ({ id: r.id, assessmentId: r.assessmentId, score: Number(r.score) })),
      );
      if (!plan.ok) {
        out.kept.push({ enrollmentId: e.id, from: e.courseVersion, missing: plan.missing });
        continue;
      }
      for (const m of plan.moves) await tx.assessmentResult.update({ where: { id: m.id }, data: { assessmentId: m.assessmentId, score: m.score } });
      const moved = e.results.map((r) => {
        const m = plan.moves.find((x) => x.id === r.id)!;
        return { assessmentId: m.assessmentId, score: m.score, attempt: r.attempt, takenOn: r.takenOn };
      });
      const progress = progressOf(target, moved, course.masteryThreshold);
      await tx.enrollment.update({ where: { id: e.id }, data: { courseVersion: to, progress, version: { increment: 1 } } }); // dates do not move: lastActivityOn stays
      await recordAudit(
        viewer,
        {
          action: "enrollment.version",
          studentId: e.studentId,
          entity: "Enrollment",
          entityId: e.id,
          details: { courseId: course.id, from: e.courseVersion, to, results: plan.moves.length },
        },
        tx,
      );
      out.moved++;
    }
    return out;
  });
}
