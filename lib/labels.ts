// The names of the enums a person reads, keyed by the Prisma enums: one name on the page, in CSV,
// in JSON and on the printout (issue 17; STYLE.md "one name per figure across pages, CSV, JSON
// and print"). Plain data, type-only imports: client components import it.
// Elsewhere, each with its own single home: audit actions lib/audit/labels.ts, import tables
// lib/imports/table-labels.ts, subject areas lib/students/credits.ts SUBJECT_LABELS (the catalog,
// the settings, the student page and the family letter's English all read it).
import type { ProgramType, RaceEthnicity, RiskLevel } from "@/lib/generated/prisma/enums";
import type { PROGRAM_FLAGS } from "@/lib/students/schema";

/** A risk level alone, as a filter option or a CSV cell: "High". */
export const RISK_LEVEL_LABEL: Record<RiskLevel, string> = { LOW: "Low", MODERATE: "Moderate", HIGH: "High" };

/** A risk level as a badge or a heading says it: "High risk". */
export function riskText(level: RiskLevel): string {
  return `${RISK_LEVEL_LABEL[level]} risk`;
}

/** The seven federal race/ethnicity categories (ED 2007 guidance, 72 FR 59266), as recorded. */
export const RACE_LABEL: Record<RaceEthnicity, string> = {
  HISPANIC_LATINO: "Hispanic or Latino",
  AMERICAN_INDIAN_ALASKA_NATIVE: "American Indian or Alaska Native",
  ASIAN: "Asian",
  BLACK_AFRICAN_AMERICAN: "Black or African American",
  NATIVE_HAWAIIAN_PACIFIC_ISLANDER: "Native Hawaiian or Pacific Islander",
  WHITE: "White",
  TWO_OR_MORE: "Two or more races",
};

/** An online course's program type (the catalog's, the program report's, the student page's). */
export const PROGRAM_TYPE_LABEL: Record<ProgramType, string> = {
  CREDIT_RECOVERY: "Credit recovery",
  ORIGINAL_CREDIT: "Original credit",
  ADVANCED_PLACEMENT: "Advanced Placement",
  SKILL_DEVELOPMENT: "Skill development",
  DROPOUT_PREVENTION: "Dropout prevention",
};

/** A student's program flags (Student.specialEducation, englishLearner, lowIncome). */
export const PROGRAM_FLAG_LABEL: Record<(typeof PROGRAM_FLAGS)[number], string> = {
  SPED: "Special education",
  EL: "English learner",
  LOW_INCOME: "Low income",
};

/**
 * The same flags where a line must stay short (the caseload's line under each name, where the
 * words wrapped and cost a laptop screen its tenth student): the usual abbreviations, with the
 * words in a title.
 */
export const PROGRAM_FLAG_SHORT: Record<ProgramFlag, string> = {
  SPED: "SPED",
  EL: "EL",
  LOW_INCOME: "Low income",
};

export type ProgramFlag = (typeof PROGRAM_FLAGS)[number];

/** The program flags a student has, as codes: ["SPED", "LOW_INCOME"]. */
export function programFlagCodes(s: { specialEducation: boolean; englishLearner: boolean; lowIncome: boolean }): ProgramFlag[] {
  const out: ProgramFlag[] = [];
  if (s.specialEducation) out.push("SPED");
  if (s.englishLearner) out.push("EL");
  if (s.lowIncome) out.push("LOW_INCOME");
  return out;
}

/** The program flags a student has, in words: ["Special education", "Low income"]. */
export function programFlags(s: { specialEducation: boolean; englishLearner: boolean; lowIncome: boolean }): string[] {
  return programFlagCodes(s).map((f) => PROGRAM_FLAG_LABEL[f]);
}

/** A program type read from SQL as text (a report row): its label, or the code if it has none. */
export function programTypeText(code: string): string {
  return (PROGRAM_TYPE_LABEL as Record<string, string>)[code] ?? code;
}
