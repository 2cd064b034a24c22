// The credit figures a counselor, a student and a family act on, defined once (issue 13) and used
// by the caseload (its column, sort and SQL inputs), the student page (audit, projection, risk
// reason) and the printable plan. Pure module: no I/O, no clock, no imports at run time but the leaf
// lib/format-number.ts (rules.ts and graduation.ts import from here, never the other way round).
//
//   Credits earned          Σ credits earned on the transcript, credit awarded by online courses
//                           included (it is written to the transcript when the course completes).
//   Credits in progress     Σ credits of the student's active online enrollments.
//   Credits still needed    what the diploma still needs, courses in progress NOT subtracted: the
//                           Σ of the audit's rows — each subject area's requirement not yet earned,
//                           plus the rest of the diploma credits ("Electives / any subject", filled
//                           by electives and credits beyond an area's requirement). It equals
//                           diploma credits − credits earned (never below 0) unless credits earned
//                           beyond the areas' requirements exceed the room the diploma leaves for
//                           them; then it is the areas' shortfall, which more electives cannot fill.
//   Still needed after courses in progress
//                           the same, with each active course's credits filling its own area first
//                           and then the any-subject row.
//   Still needed after on-pace courses
//                           the same, counting only the active courses on pace or ahead (a course
//                           behind pace is not counted as coming in): the graduation projection's
//                           input (graduation.ts). Equal to the figure above unless a course is
//                           behind pace.
//   Credits behind the on-track line
//                           on-track line for the grade − credits earned, never below 0; the line is
//                           (grade − 9) completed years × diploma credits ÷ 4 (EWIMS, see rules.ts).

import { formatNumber } from "../format-number";

/** The subject areas of the catalog, the transcript and the graduation requirements (Prisma enum). */
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

/** The names every page, CSV and JSON uses for these figures: one figure, one name. */
/**
 * Credits a diploma requires when the district has not set its own (no DistrictSettings row yet):
 * the schema's default for DistrictSettings.totalCreditsRequired (prisma/schema.prisma
 * @default(22)), the demo district's figure.
 */
export const DIPLOMA_CREDITS_DEFAULT = 22;

export const CREDIT_FIGURES = {
  earned: "Credits earned",
  inProgress: "Credits in progress",
  stillNeeded: "Credits still needed",
  stillNeededAfterInProgress: "Still needed after courses in progress",
  stillNeededAfterOnPace: "Still needed after on-pace courses",
  behindOnTrack: "Credits behind the on-track line",
} as const;

/** The audit row for credits that count toward the diploma in any subject. */
export const ANY_SUBJECT = "ANY_SUBJECT";
export const ANY_SUBJECT_LABEL = "Electives / any subject";

const r2 = (n: number) => Math.round(n * 100) / 100;

/** A number of credits as a table cell under a "credits" heading: "1", "0.5", "5.5", "18". */
export function creditNumber(n: number): string {
  return formatNumber(n);
}

/**
 * A number of credits in words, for every sentence that writes one: "1 credit", "0.5 credit",
 * "2 credits", "5.5 credits", "0 credits". One credit or a part of one is singular.
 */
export function creditsText(n: number): string {
  const v = r2(n);
  return `${creditNumber(v)} ${v > 0 && v <= 1 ? "credit" : "credits"}`;
}

/** Credits a student should have earned on entering `gradeLevel`: (grade − 9) completed years × diploma ÷ 4. */
export function onTrackCredits(gradeLevel: number, diplomaCredits: number): number {
  const years = Math.max(0, Math.min(4, gradeLevel - 9));
  return (years * diplomaCredits) / 4;
}

/** Credits behind the on-track line: line − credits earned, never below 0. */
export function creditsBehindOnTrack(gradeLevel: number, diplomaCredits: number, creditsEarned: number): number {
  return r2(Math.max(0, onTrackCredits(gradeLevel, diplomaCredits) - creditsEarned));
}

export type EarnedFacts = { subjectArea: SubjectArea; creditsEarned: number };

/**
 * Credits earned: Σ of the rows' credits earned (transcript rows, or their sums by subject area —
 * lib/sql/fragments/credits-earned.ts), to the hundredth. The one total every path uses: the
 * caseload, the student page, the Re-engagement list.
 */
export function creditsEarned(earned: EarnedFacts[]): number {
  return r2(earned.reduce((n, e) => n + e.creditsEarned, 0));
}
export type InProgressFacts = { subjectArea: SubjectArea; credits: number };

export type AuditLine = {
  /** A subject area with a requirement, or ANY_SUBJECT. */
  area: SubjectArea | typeof ANY_SUBJECT;
  required: number;
  /** Credits counted toward this row: up to the requirement for an area, the rest in ANY_SUBJECT. */
  earned: number;
  inProgress: number;
  stillNeeded: number;
  stillNeededAfterInProgress: number;
};
export type GraduationAudit = {
  lines: AuditLine[];
  /** Each column's Σ over the lines (required: the diploma credits, or the areas' Σ when larger). */
  total: Omit<AuditLine, "area">;
  /** The district's diploma credits (DistrictSettings.totalCreditsRequired). */
  diplomaCredits: number;
  /** The areas' requirements add up to more than the diploma credits: all of them are needed. */
  areasExceedDiploma: boolean;
};

/**
 * The graduation audit, whose rows add up to its total in every column. One row per subject-area
 * requirement (GraduationRequirement with credits > 0, in the order given) and one "Electives /
 * any subject" row for the diploma credits the areas leave (diploma − Σ areas, never below 0).
 * An area's earned credits count toward its row up to its requirement; the rest, and credits in
 * subjects with no requirement (electives), count toward the any-subject row. Credits in progress
 * fill their area's remaining need first, then the any-subject row.
 */
export function graduationAudit(
  requirements: { subjectArea: SubjectArea; credits: number }[],
  diplomaCredits: number,
  earned: EarnedFacts[],
  inProgress: InProgressFacts[],
): GraduationAudit {
  const reqs = requirements.filter((r) => r.credits > 0);
  const areas = new Set(reqs.map((r) => r.subjectArea));
  let anyEarned = 0;
  let anyProgress = 0;
  for (const e of earned) if (!areas.has(e.subjectArea)) anyEarned += e.creditsEarned;
  for (const p of inProgress) if (!areas.has(p.subjectArea)) anyProgress += p.credits;

  const lines: AuditLine[] = reqs.map((req) => {
    const e = earned.reduce((n, r) => (r.subjectArea === req.subjectArea ? n + r.creditsEarned : n), 0);
    const p = inProgress.reduce((n, r) => (r.subjectArea === req.subjectArea ? n + r.credits : n), 0);
    const counted = Math.min(e, req.credits);
    const stillNeeded = req.credits - counted;
    const progress = Math.min(p, stillNeeded);
    anyEarned += e - counted;
    anyProgress += p - progress;
    return {
      area: req.subjectArea,
      required: req.credits,
      earned: r2(counted),
      inProgress: r2(progress),
      stillNeeded: r2(stillNeeded),
      stillNeededAfterInProgress: r2(stillNeeded - progress),
    };
  });
  const areasRequired = reqs.reduce((n, r) => n + r.credits, 0);
  const anyRequired = Math.max(0, diplomaCredits - areasRequired);
  const anyNeeded = Math.max(0, anyRequired - anyEarned);
  lines.push({
    area: ANY_SUBJECT,
    required: r2(anyRequired),
    earned: r2(anyEarned),
    inProgress: r2(anyProgress),
    stillNeeded: r2(anyNeeded),
    stillNeededAfterInProgress: r2(Math.max(0, anyNeeded - anyProgress)),
  });
  const col = (k: keyof Omit<AuditLine, "area">) => r2(lines.reduce((n, l) => n + l[k], 0));
  return {
    lines,
    total: {
      required: col("required"),
      earned: col("earned"),
      inProgress: col("inProgress"),
      stillNeeded: col("stillNeeded"),
      stillNeededAfterInProgress: col("stillNeededAfterInProgress"),
    },
    diplomaCredits,
    areasExceedDiploma: areasRequired > diplomaCredits,
  };
}

/** Credits still needed (the audit's total, courses in progress not subtracted). */
export function creditsStillNeeded(requirements: { subjectArea: SubjectArea; credits: number }[], diplomaCredits: number, earned: EarnedFacts[]): number {
  return graduationAudit(requirements, diplomaCredits, earned, []).total.stillNeeded;
}

/**
 * Still needed after on-pace courses: still needed after courses in progress, counting only the
 * active courses not behind pace (the graduation projection's input).
 */
export function creditsStillNeededAfterOnPace(
  requirements: { subjectArea: SubjectArea; credits: number }[],
  diplomaCredits: number,
  earned: EarnedFacts[],
  active: (InProgressFacts & { behindPace: boolean })[],
): number {
  const onPace = active.filter((c) => !c.behindPace);
  return graduationAudit(requirements, diplomaCredits, earned, onPace).total.stillNeededAfterInProgress;
}

/** The audit row's name: the subject area's, or the any-subject row's. */
export function auditLineLabel(area: AuditLine["area"]): string {
  return area === ANY_SUBJECT ? ANY_SUBJECT_LABEL : SUBJECT_LABELS[area];
}
