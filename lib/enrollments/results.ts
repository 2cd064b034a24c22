import "server-only";
import type { Viewer } from "@/lib/access";
import { newId } from "@/lib/imports/bulk";
import { ConflictError, DomainError } from "@/lib/safe-action";
import { districtDay, isoDay } from "@/lib/calendar";
import { recordedResults } from "@/lib/sql/queries/recorded-results";
import { lastActivity, progressOf, type ResultFacts } from "./rules";
import { assertActiveAt, loadScopedEnrollment } from "./scoped";
import type { RecordResultsInput } from "./schema";

/**
 * Records one or several assessment results for an active enrollment. Each score must be within
 * 0..maxScore, each date neither in the future nor before the enrollment's start; the attempt
 * number is the next one for that assessment. Progress and last activity are recomputed from all
 * results and saved with the new rows and the audit event in one statement.
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
  const added: (ResultFacts & { proctored: boolean | null })[] = [];
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
    added.push({ assessmentId: a.id, score: row.score, attempt, takenOn: row.takenOn, proctored: row.proctored ?? null });
  }
  const all = [...results, ...added];
  const progress = progressOf(assessments, all, e.course.masteryThreshold);
  const lastActivityOn = lastActivity(all);

  // One statement, so one round trip and atomic on its own (PostgreSQL runs a statement as a
  // transaction): the version-checked update, the new rows and the audit event all commit, or none
  // does. The rows and the event hang off the update's RETURNING, so a stale version or an ended
  // enrollment (0 rows updated) writes nothing. Through Prisma this was a 5-round-trip
  // transaction; recording a result is the counselor's most frequent write.
  const rows = added.map((r) => ({ id: newId(), assessmentId: r.assessmentId, score: r.score, attempt: r.attempt, takenOn: isoDay(r.takenOn), proctored: r.proctored }));
  const details = { results: added.map((r) => ({ assessmentId: r.assessmentId, score: r.score, attempt: r.attempt, proctored: r.proctored })), progress };
  const updated = await recordedResults(viewer, { enrollmentId: e.id, version: input.version, progress, lastActivityOn: isoDay(lastActivityOn), results: rows, details });
  if (updated === 0) throw new ConflictError();
  return { studentId: e.studentId, progress, attempts: added.map((r) => ({ assessmentId: r.assessmentId, attempt: r.attempt })) };
}
