// Graduation audit and projection. Pure functions (no I/O, no hidden clock).
import { schoolYearOf } from "./rules";

export type SubjectArea = "ENGLISH" | "MATHEMATICS" | "SCIENCE" | "HISTORY_SOCIAL_STUDIES" | "WORLD_LANGUAGE" | "ARTS" | "ELECTIVE";

export const SUBJECT_LABELS: Record<SubjectArea, string> = {
  ENGLISH: "English",
  MATHEMATICS: "Mathematics",
  SCIENCE: "Science",
  HISTORY_SOCIAL_STUDIES: "History / social studies",
  WORLD_LANGUAGE: "World language",
  ARTS: "Arts",
  ELECTIVE: "Electives",
};

export type TranscriptFacts = { id: string; subjectArea: SubjectArea; creditsAttempted: number; creditsEarned: number };
export type InProgressFacts = { subjectArea: SubjectArea; credits: number };

export type AuditLine = { subjectArea: SubjectArea; required: number; earned: number; inProgress: number; missing: number };
export type GraduationAudit = {
  lines: AuditLine[];
  total: { required: number; earned: number; inProgress: number; missing: number };
};

const r1 = (n: number) => Math.round(n * 100) / 100;

/**
 * The audit, per subject-area requirement (GraduationRequirement) and in total (the district's
 * diploma credits): earned = credits earned on the transcript (including credit awarded by online
 * courses), in progress = credits of active online enrollments, missing = required − earned − in
 * progress, never below 0. Credits beyond an area's requirement count toward the total only.
 */
export function graduationAudit(
  requirements: { subjectArea: SubjectArea; credits: number }[],
  totalRequired: number,
  transcript: TranscriptFacts[],
  inProgress: InProgressFacts[],
): GraduationAudit {
  const earnedBy = new Map<SubjectArea, number>();
  for (const t of transcript) earnedBy.set(t.subjectArea, (earnedBy.get(t.subjectArea) ?? 0) + t.creditsEarned);
  const progBy = new Map<SubjectArea, number>();
  for (const p of inProgress) progBy.set(p.subjectArea, (progBy.get(p.subjectArea) ?? 0) + p.credits);
  const lines = requirements.map((req) => {
    const earned = r1(earnedBy.get(req.subjectArea) ?? 0);
    const prog = r1(progBy.get(req.subjectArea) ?? 0);
    return { subjectArea: req.subjectArea, required: req.credits, earned, inProgress: prog, missing: r1(Math.max(0, req.credits - earned - prog)) };
  });
  const earned = r1(transcript.reduce((s, t) => s + t.creditsEarned, 0));
  const prog = r1(inProgress.reduce((s, p) => s + p.credits, 0));
  return { lines, total: { required: totalRequired, earned, inProgress: prog, missing: r1(Math.max(0, totalRequired - earned - prog)) } };
}

/**
 * Failed courses eligible for recovery: transcript courses attempted for credit with none earned
 * (an F), not already replaced by an active or completed online enrollment.
 */
export function recoverableCourses<T extends TranscriptFacts>(transcript: T[], recoveredIds: Set<string>): T[] {
  return transcript.filter((t) => t.creditsAttempted > 0 && t.creditsEarned === 0 && !recoveredIds.has(t.id));
}

export type ProjectionKind = "ON_TRACK_4" | "ON_TRACK_5" | "NOT_ON_TRACK" | "GRADUATED" | "EXITED";
export type Projection = { kind: ProjectionKind; label: string; creditsNeeded: number; yearsLeft: number };

/**
 * Projection from credits and pace. A full-time schedule earns diploma credits ÷ 4 a year (5.5 of
 * 22), the same load the on-track line assumes. Credits of active online courses that are not behind
 * pace count as coming in. With `yearsLeft` = school years left up to the cohort's graduation
 * (cohortYear − current school year; class of 2027 in 2025-26 → 2, this year included):
 *   on track in 4 years  when credits still needed ≤ yearsLeft × annual load;
 *   on track in 5 years  when they fit in one more year;
 *   not on track         otherwise.
 */
export function projectGraduation(input: {
  status: string;
  cohortYear: number;
  creditsEarned: number;
  onPaceCreditsInProgress: number;
  totalRequired: number;
  asOf: Date;
}): Projection {
  const yearsLeft = Math.max(0, input.cohortYear - schoolYearOf(input.asOf));
  const needed = r1(Math.max(0, input.totalRequired - input.creditsEarned - input.onPaceCreditsInProgress));
  if (input.status === "GRADUATED") return { kind: "GRADUATED", label: "Graduated", creditsNeeded: 0, yearsLeft };
  if (input.status !== "ENROLLED") return { kind: "EXITED", label: "Not enrolled", creditsNeeded: needed, yearsLeft };
  const load = input.totalRequired / 4;
  if (needed <= yearsLeft * load) return { kind: "ON_TRACK_4", label: "On track to graduate in 4 years", creditsNeeded: needed, yearsLeft };
  if (needed <= (yearsLeft + 1) * load) return { kind: "ON_TRACK_5", label: "On track to graduate in 5 years", creditsNeeded: needed, yearsLeft };
  return { kind: "NOT_ON_TRACK", label: "Not on track to graduate", creditsNeeded: needed, yearsLeft };
}
