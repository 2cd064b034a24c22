// Inputs of the report pages, API and CLI. A school year is accepted as "2024" or "2024-25".
import { z } from "zod";
import { isStorableText } from "@/lib/storable";

const YEAR_MIN = 2000;
const YEAR_MAX = 2100;

export const schoolYear = z
  .string()
  .trim()
  .regex(/^\d{4}(-\d{2})?$/, "Use a school year like 2024 or 2024-25")
  .transform((s) => Number(s.slice(0, 4)))
  .refine((y) => y >= YEAR_MIN && y <= YEAR_MAX, "Year out of range")
  .or(z.number().int().min(YEAR_MIN).max(YEAR_MAX));

export const cohortYear = z.coerce.number().int("Use a class-of year like 2024").min(YEAR_MIN).max(YEAR_MAX);
const schoolId = z.string().trim().min(1).max(64).refine(isStorableText, "Not a school id or code").optional();

export const summaryParams = z.object({ year: schoolYear.optional(), school: schoolId });
export const yearParams = z.object({ year: schoolYear, school: schoolId });
export const graduationParams = z.object({ cohort: cohortYear, school: schoolId });

export const DRILL_FIGURES = ["acgr4", "acgr5", "dropout", "completers", "program"] as const;
export const drillParams = z.object({
  figure: z.enum(DRILL_FIGURES),
  /** acgr4/acgr5: the cohort; otherwise the school year. */
  cohort: cohortYear.optional(),
  year: schoolYear.optional(),
  school: schoolId,
  group: z.string().max(64).refine(isStorableText, "Not a student group").optional(),
  /** Filter the list: in the numerator, in the denominator only, or out of it. */
  show: z.enum(["all", "numerator", "denominator", "excluded"]).default("all"),
});
export type DrillParams = z.output<typeof drillParams>;

export const exportParams = z.object({
  table: z.enum(["equity", "schools", "program", "trend"]),
  figure: z.enum(DRILL_FIGURES).default("acgr4"),
  year: schoolYear.optional(),
  school: schoolId,
});

/** Plain object from URLSearchParams / Next searchParams (first value of repeated keys). */
export function paramsObject(p: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  if (p instanceof URLSearchParams) p.forEach((v, k) => (out[k] ??= v));
  else for (const [k, v] of Object.entries(p)) if (v !== undefined) out[k] = Array.isArray(v) ? v[0] : v;
  return out;
}
