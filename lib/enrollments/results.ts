import "server-only";
import { db } from "@/lib/db";
import type { Viewer } from "@/lib/access";
import { recordAudit } from "@/lib/audit";
import { ConflictError, DomainError } from "@/lib/safe-action";
import { districtDay } from "@/lib/time";
import { lastActivity, progressOf, type ResultFacts } from "./rules";
import { assertActiveAt, loadScopedEnrollment } from "./scoped";
import type { RecordResultsInput } from "./schema";

/**
 * Records one or several assessment results for an active enrollment. Each score must be within
 * 0..maxScore, each date neither in the future nor before the enrollment's start; the attempt
 * number is the next one for that assessment. Progress and last activity are recomputed from all
 * results and saved with the new rows in one transaction (with the audit event).
 */
export async function recordAssessmentResults(
  viewer: Viewer,
  input: RecordResultsInput,
  now: Date = new Date(),
): Promise<{ studentId: string; progress: number; attempts: { assessmentId: string; attempt: number }[] }> {
  const { enrollment: e, assessments, results } = await loadScopedEnrollment(viewer, input.enrollmentId);
  assertActiveAt(e, input.version);
  if (input.results.length === 0) throw new DomainError("Enter at least one score.", "scores");
  const today = districtDay(now);
  const byId = new Map(assessments.map((a) => [a.id, a]));
  const seen = new Set<string>();
  const added: ResultFacts[] = [];
  for (const row of input.results) {
    const a = byId.get(row.assessmentId);
    const field = `score_${row.assessmentId}`;
    if (!a) throw new DomainError("This assessment is not part of the course.", field);
    if (seen.has(a.id)) throw new DomainError("One result per assessment at a time.", field);
    seen.add(a.id);
    if (!(row.score >= 0 && row.score <= a.maxScore)) throw new DomainError(`The score must be between 0 and ${a.maxScore}.`, field);
    if (row.takenOn > today) throw new DomainError("The date cannot be in the future.", "takenOn");
    if (row.takenOn < e.startDate) throw new DomainError("The date cannot be before the enrollment started.", "takenOn");
    const attempt = 1 + Math.max(0, ...results.filter((r) => r.assessmentId === a.id).map((r) => r.attempt));
    added.push({ assessmentId: a.id, score: row.score, attempt, takenOn: row.takenOn });
  }
  const all = [...results, ...added];
  const progress = progressOf(assessments, all, e.course.masteryThreshold);
  const lastActivityOn = lastActivity(all);

  await db().$transaction(async (tx) => {
    const updated = await tx.enrollment.updateMany({
      where: { id: e.id, version: input.version, status: "ACTIVE" },
      data: { progress, lastActivityOn, version: { increment: 1 } },
    });
    if (updated.count === 0) throw new ConflictError();
    await tx.assessmentResult.createMany({
      data: added.map((r) => ({ enrollmentId: e.id, assessmentId: r.assessmentId, score: r.score, attempt: r.attempt, takenOn: r.takenOn, recordedById: viewer.id })),
    });
    await recordAudit(
      viewer,
      {
        action: "result.record",
        studentId: e.studentId,
        entity: "Enrollment",
        entityId: e.id,
        details: { results: added.map((r) => ({ assessmentId: r.assessmentId, score: r.score, attempt: r.attempt })), progress },
      },
      tx,
    );
  });
  return { studentId: e.studentId, progress, attempts: added.map((r) => ({ assessmentId: r.assessmentId, attempt: r.attempt })) };
}
