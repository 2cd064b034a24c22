// Inputs of the report pages, API and CLI. A school year is accepted as "2024" or "2024-25"; a
// class ("cohort") as the year it graduates. Every refusal is a sentence a person can act on — the
// API answers with these words and the command line prints them (issue 12).
import { z } from "zod";
import { isStorableText } from "@/lib/storable";
import { districtDay, schoolYearOf, yearLabel } from "@/lib/calendar";

const YEAR_MIN = 2000;
const YEAR_MAX = 2100;
/** Echo of a caller's value in a message: short, one line. */
const shown = (v: unknown) => String(v).trim().replace(/\s+/g, " ").slice(0, 24);
const missing = (v: unknown) => v === undefined || v === null || String(v).trim() === "";

/** A school year: "2024" or "2024-25" → 2024. Not a range of two years, not one that has not started. */
export const schoolYear = z.union([z.string(), z.number()], { error: "Give a school year, like 2024-25" }).transform((v, ctx): number => {
  const fail = (message: string) => (ctx.addIssue({ code: "custom", message }), z.NEVER);
  if (missing(v)) return fail("Give a school year, like 2024-25");
  const m = /^(\d{4})(?:-(\d{2}))?$/.exec(String(v).trim());
  if (!m) return fail(`${shown(v)} is not a school year: write it like 2024-25`);
  const y = Number(m[1]);
  if (m[2] !== undefined && Number(m[2]) !== (y + 1) % 100) return fail(`${shown(v)} is not a school year: write it as ${yearLabel(y)}`);
  if (y < YEAR_MIN) return fail(`${yearLabel(y)} is too early: CreditTrack reports school years from ${yearLabel(YEAR_MIN)}`);
  if (y > schoolYearOf(districtDay(new Date()))) return fail(`${yearLabel(y)} is in the future`);
  return y;
});

/** A class ("cohort"): the year it graduates, e.g. 2024. */
export const cohortYear = z.union([z.string(), z.number()], { error: "Give a class: the year it graduates, like 2024" }).transform((v, ctx): number => {
  const fail = (message: string) => (ctx.addIssue({ code: "custom", message }), z.NEVER);
  if (missing(v)) return fail("Give a class: the year it graduates, like 2024");
  if (!/^\d{4}$/.test(String(v).trim())) return fail(`${shown(v)} is not a class: write the year it graduates, like 2024`);
  const y = Number(String(v).trim());
  if (y < YEAR_MIN || y > YEAR_MAX) return fail(`The class of ${y} is out of range: classes ${YEAR_MIN} to ${YEAR_MAX}`);
  return y;
});
const schoolId = z
  .string({ error: "Give a school's id or state code" })
  .trim()
  .min(1, "Give a school's id or state code")
  .max(64, "Not a school id or state code")
  .refine(isStorableText, "Not a school id or state code")
  .optional();

export const summaryParams = z.object({ year: schoolYear.optional(), school: schoolId });
export const yearParams = z.object({ year: schoolYear, school: schoolId });
export const graduationParams = z.object({ cohort: cohortYear, school: schoolId });

export const DRILL_FIGURES = ["acgr4", "acgr5", "dropout", "completers", "program"] as const;
export const drillParams = z.object({
  figure: z.enum(DRILL_FIGURES, { error: `Choose a figure: ${DRILL_FIGURES.join(", ")}` }),
  /** acgr4/acgr5: the cohort; otherwise the school year. */
  cohort: cohortYear.optional(),
  year: schoolYear.optional(),
  school: schoolId,
  group: z.string({ error: "Not a student group" }).max(64, "Not a student group").refine(isStorableText, "Not a student group").optional(),
  /** Filter the list: in the numerator, in the denominator only, or out of it. */
  show: z.enum(["all", "numerator", "denominator", "excluded"], { error: "Show all, numerator, denominator or excluded" }).default("all"),
  /** The page the list was opened from, for its Back link: the summary (default) or the equity page. */
  from: z.enum(["equity"], { error: "Come back to the summary or the equity page" }).optional(),
});
export type DrillParams = z.output<typeof drillParams>;

/** The equity page's figures (lib/reports/access.ts ACCESS_KEYS, then the outcomes). */
export const EQUITY_FIGURES = ["advancedPlacement", "originalCredit", "creditRecovery", ...DRILL_FIGURES] as const;
const EXPORT_TABLES = ["equity", "schools", "program", "trend", "completers", "groups", "gaps"] as const;

/** `groups` and `gaps`: the equity page's tables (every group; each group's gap by year), for any of its figures. */
export const exportParams = z
  .object({
    table: z.enum(EXPORT_TABLES, { error: `Choose a table: ${EXPORT_TABLES.join(", ")}` }),
    figure: z.enum(EQUITY_FIGURES, { error: `Choose a figure: ${EQUITY_FIGURES.join(", ")}` }).default("acgr4"),
    year: schoolYear.optional(),
    school: schoolId,
  })
  .superRefine((p, ctx) => {
    if (p.table !== "groups" && p.table !== "gaps" && !(DRILL_FIGURES as readonly string[]).includes(p.figure))
      ctx.addIssue({ code: "custom", path: ["figure"], message: `The ${p.table} table has no ${p.figure} figure: choose one of ${DRILL_FIGURES.join(", ")}` });
  });

/** Plain object from URLSearchParams / Next searchParams (first value of repeated keys). */
export function paramsObject(p: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  if (p instanceof URLSearchParams) p.forEach((v, k) => (out[k] ??= v));
  else for (const [k, v] of Object.entries(p)) if (v !== undefined) out[k] = Array.isArray(v) ? v[0] : v;
  return out;
}

/** The program quality report (quality.ts): how its rows are cut. */
export const QUALITY_BYS = ["provider", "course", "program", "group"] as const;
const qualityBy = z.enum(QUALITY_BYS, { error: `Show the report by ${QUALITY_BYS.join(", ")}` });
export const qualityParams = z.object({ year: schoolYear.optional(), school: schoolId, by: qualityBy.default("provider") });

/** What the quality report's drill-down lists: the enrollments behind one figure of one row. */
export const QUALITY_SHOWS = [
  "ended",
  "passed",
  "tooFast",
  "overridden",
  "graduated",
  "timed",
  "summatives",
  "retakes",
  "unstated",
  "inSequence",
  "tookNext",
  "passedNext",
  "tested",
  "proficient",
] as const;
export const qualityDrillParams = z.object({
  year: schoolYear,
  school: schoolId,
  /** A row of the report (quality.ts rowKey): a course, provider, program type or both; none = all. */
  row: z
    .string({ error: "Not a row of the report" })
    .max(120, "Not a row of the report")
    .regex(/^(total|pair|course|provider|program):[\w-]*:[\w-]*$/, "Not a row of the report")
    .optional(),
  group: z.string({ error: "Not a student group" }).max(64, "Not a student group").refine(isStorableText, "Not a student group").optional(),
  show: z.enum(QUALITY_SHOWS, { error: `Show one of: ${QUALITY_SHOWS.join(", ")}` }).default("ended"),
});
export type QualityDrillParams = z.output<typeof qualityDrillParams>;
