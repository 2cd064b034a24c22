import { z } from "zod";
import { parseFlag } from "@/lib/imports/rules";
import { F } from "@/lib/catalog/schema";
import { providerDaysValue } from "@/lib/settings/schema";

// Catalog CSV (lib/imports/FORMATS.md §4): one row per assessment, the course's and provider's
// columns repeated on each of its rows. Field limits and the words accepted for subject area,
// program type and kind are the Catalog page's (lib/catalog/schema.ts).

export const CATALOG_COLUMNS = [
  "provider_code",
  "provider_name",
  "course_code",
  "title",
  "subject_area",
  "credits",
  "program_type",
  "expected_weeks",
  "mastery_threshold",
  "passing_grade",
  "recovers",
  "active",
  "assessment_position",
  "assessment_title",
  "assessment_kind",
  "max_score",
  "weight",
  "stale_after_days",
] as const;
/**
 * passing_grade, recovers and active may be left out of the header (blank = the district's, none,
 * yes); so may stale_after_days, the provider's own overdue days (left out = unchanged, blank = the
 * district's: Settings, lib/imports/staleness.ts).
 */
export const REQUIRED_CATALOG = CATALOG_COLUMNS.filter((c) => !["passing_grade", "recovers", "active", "stale_after_days"].includes(c));
/** The columns that describe the course: they must be the same on every row of one course. */
export const COURSE_COLUMNS = ["title", "subject_area", "credits", "program_type", "expected_weeks", "mastery_threshold", "passing_grade", "recovers", "active"] as const;

/** Empty = yes: a course is active unless the file says it is retired. */
const active = z
  .string()
  .default("")
  .transform((v, ctx) => {
    if (v.trim() === "") return true;
    const b = parseFlag(v);
    if (b === null) {
      ctx.addIssue({ code: "custom", message: "not a yes/no value (true/false, Y/N, 1/0); empty = yes" });
      return z.NEVER;
    }
    return b;
  });

export const catalogRow = z.object({
  provider_code: F.providerCode,
  provider_name: F.providerName,
  course_code: F.courseCode,
  title: F.title,
  subject_area: F.subjectArea,
  credits: F.credits,
  program_type: F.programType,
  expected_weeks: F.expectedWeeks,
  mastery_threshold: F.masteryThreshold,
  passing_grade: F.passingGrade,
  recovers: F.recovers,
  active,
  assessment_position: F.position,
  assessment_title: F.assessmentTitle,
  assessment_kind: F.kind,
  max_score: F.maxScore,
  weight: F.weight,
  /** undefined: the column is not in the file (the provider's days stay as they are). */
  stale_after_days: providerDaysValue.optional(),
});
export type CatalogRow = z.output<typeof catalogRow>;
