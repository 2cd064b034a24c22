// School year and enrollment progress are the shared rules of lib/calendar.ts (schoolYearOf)
// and lib/enrollments/rules.ts (progressOf, lastActivity); they are not repeated here.
import type { Gender, RaceEthnicity, StatusEventKind, StudentStatus } from "@/lib/generated/prisma/enums";

// Pure mapping rules of the importers (no I/O). Each cites the definition it follows;
// lib/imports/FORMATS.md gives the same rules to the districts that prepare the files.

/** Cohort ("class of") = first-time 9th-grade school year + 4 (34 CFR 200.19(b)(1)(i)). */
export function cohortFromFirstNinthGrade(firstNinthGradeYear: number): number {
  return firstNinthGradeYear + 4;
}

/**
 * OneRoster alone does not say when a student first entered 9th grade; until the district
 * extract does, assume on-time progress: a 9th grader in school year Y is class of Y + 4,
 * a 12th grader class of Y + 1. Used only when a student is created (a retained student's
 * cohort never moves with their grade).
 */
export function inferCohortYear(gradeLevel: number, schoolYear: number): number {
  return schoolYear + (12 - gradeLevel) + 1;
}

/** OneRoster grade codes (CEDS: "09", "10", … ; some SIS write "9"): the high-school grade, or null. */
export function highSchoolGrade(grades: string): number | null {
  const first = grades.split(",")[0]?.trim() ?? "";
  if (!/^\d{1,2}$/.test(first)) return null;
  const g = Number(first);
  return g >= 9 && g <= 12 ? g : null;
}

export type RaceFlags = {
  hispanicOrLatino: boolean;
  americanIndianOrAlaskaNative: boolean;
  asian: boolean;
  blackOrAfricanAmerican: boolean;
  nativeHawaiianOrOtherPacificIslander: boolean;
  white: boolean;
  twoOrMoreRaces: boolean;
};

/**
 * The seven federal reporting categories from OneRoster's demographics flags (1997 OMB standards
 * as ED applies them, 72 FR 59266): Hispanic or Latino ethnicity overrides race; more than one
 * race flag (or demographicRaceTwoOrMoreRaces) is Two or more races; no flag at all is unknown.
 */
export function raceEthnicityFromFlags(f: RaceFlags): RaceEthnicity | null {
  if (f.hispanicOrLatino) return "HISPANIC_LATINO";
  const races: RaceEthnicity[] = [];
  if (f.americanIndianOrAlaskaNative) races.push("AMERICAN_INDIAN_ALASKA_NATIVE");
  if (f.asian) races.push("ASIAN");
  if (f.blackOrAfricanAmerican) races.push("BLACK_AFRICAN_AMERICAN");
  if (f.nativeHawaiianOrOtherPacificIslander) races.push("NATIVE_HAWAIIAN_PACIFIC_ISLANDER");
  if (f.white) races.push("WHITE");
  if (f.twoOrMoreRaces || races.length > 1) return "TWO_OR_MORE";
  return races[0] ?? null;
}

/**
 * OneRoster demographics.sex (1.1: male/female; 1.2 adds other/unspecified). Non-binary only when
 * the file says so explicitly (extension values "nonbinary"/"non-binary"/"x"): "other" and
 * "unspecified" are not a gender identity and map to null (unknown).
 */
export function genderFromSex(sex: string): Gender | null {
  const s = sex.trim().toLowerCase();
  if (s === "female" || s === "f") return "FEMALE";
  if (s === "male" || s === "m") return "MALE";
  if (s === "nonbinary" || s === "non-binary" || s === "x") return "NON_BINARY";
  return null;
}

/** OneRoster booleans are "true"/"false"; our own formats also accept Y/N, yes/no and 1/0. */
export function parseFlag(v: string): boolean | null {
  const s = v.trim().toLowerCase();
  if (["true", "t", "yes", "y", "1"].includes(s)) return true;
  if (["false", "f", "no", "n", "0", ""].includes(s)) return false;
  return null;
}

/**
 * Dates as real exports write them: YYYY-MM-DD, or an ISO 8601 date-time (the calendar date
 * as written is kept; the time and zone are dropped). Returns a UTC-midnight Date or null.
 */
export function parseSourceDate(v: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(v.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : null;
}

/** Student.status after an event (the latest event of the history decides). */
export function statusAfter(kind: StatusEventKind): StudentStatus {
  switch (kind) {
    case "ENTERED":
    case "REENGAGED":
      return "ENROLLED";
    case "GRADUATED":
      return "GRADUATED";
    case "TRANSFERRED_OUT":
      return "TRANSFERRED_OUT";
    case "EMIGRATED":
      return "EMIGRATED";
    case "DECEASED":
      return "DECEASED";
    // A high-school equivalency is an exit without a regular diploma (never a graduate for the
    // ACGR, 34 CFR 200.19(b)(1)(iv)); StudentStatus has no separate value, so it reads as an exit.
    case "DROPPED_OUT":
    case "EARNED_EQUIVALENCY":
      return "DROPPED_OUT";
  }
}

/** A provider's score on its own maximum, rescaled to the assessment's maximum (2 decimals). */
export function rescaleScore(score: number, fileMax: number, assessmentMax: number): number {
  if (fileMax === assessmentMax) return score;
  return Math.round((score / fileMax) * assessmentMax * 100) / 100;
}
