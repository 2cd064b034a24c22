import { z } from "zod";
import { passwordWeakness } from "@/lib/account/schema";

// The first-run input, shared by `npm run setup` (flags or prompts) and the /setup page: the
// district's name, diploma credits, credits required per subject area, the passing grade, and the
// first district administrator. Values arrive as text (form fields, flags) or numbers (tests).

export const SUBJECT_AREAS = ["ENGLISH", "MATHEMATICS", "SCIENCE", "HISTORY_SOCIAL_STUDIES", "WORLD_LANGUAGE", "ARTS", "ELECTIVE"] as const;
export type SubjectAreaName = (typeof SUBJECT_AREAS)[number];

/**
 * What the form offers before anyone types: the demo district's figures (22 credits; MassCore's
 * recommended program of studies: 4 English, 4 mathematics, 3 lab science, 3 history, 2 world
 * language, 1 arts; the rest any subject). A district changes them to its own.
 */
export const SETUP_DEFAULTS = {
  totalCredits: 22,
  passingGrade: 60,
  requirements: { ENGLISH: 4, MATHEMATICS: 4, SCIENCE: 3, HISTORY_SOCIAL_STUDIES: 3, WORLD_LANGUAGE: 2, ARTS: 1, ELECTIVE: 0 } satisfies Record<SubjectAreaName, number>,
};

/** Credits as stored (numeric(4,1)): 0 to 99.9, at most one decimal. */
const credits = (what: string, min: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
    z
      .number({ error: (i) => (i.input === undefined ? `Enter ${what}` : `Enter ${what} as a number, e.g. 4 or 2.5`) })
      .min(min, `${what.charAt(0).toUpperCase()}${what.slice(1)} must be at least ${min}`)
      .max(99.9, "Use at most 99.9 credits")
      .refine((n) => Math.abs(n * 10 - Math.round(n * 10)) < 1e-9, "Use at most one decimal place"),
  );

const requirements = z.object(Object.fromEntries(SUBJECT_AREAS.map((a) => [a, credits("the credits required", 0)])) as Record<SubjectAreaName, ReturnType<typeof credits>>);

/** The district's own fields: shared by setup and the Settings page's district form. */
const districtFields = {
  districtName: z.string({ error: "Enter the district's name" }).trim().min(2, "Enter the district's name").max(120, "Use at most 120 characters"),
  totalCredits: credits("the credits a diploma requires", 1),
  requirements,
  passingGrade: z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
    z
      .number({ error: (i) => (i.input === undefined ? "Enter the passing grade" : "Enter the passing grade as a whole percent, e.g. 60") })
      .int("Enter a whole percent, e.g. 60")
      .min(1, "Use a percent from 1 to 100")
      .max(100, "Use a percent from 1 to 100"),
  ),
};

/** The subject areas' credits may not add up to more than the diploma's (read only when both parsed). */
function requirementsFit(v: { totalCredits?: unknown; requirements?: Partial<Record<SubjectAreaName, unknown>> }, ctx: z.RefinementCtx): void {
  const num = (x: unknown) => (typeof x === "number" && Number.isFinite(x) ? x : null);
  const total = num(v.totalCredits);
  const areas = SUBJECT_AREAS.map((a) => num(v.requirements?.[a]));
  if (total === null || !areas.every((n) => n !== null)) return;
  const required = Math.round(areas.reduce<number>((n, c) => n + c!, 0) * 10) / 10;
  if (required > total) ctx.addIssue({ code: "custom", path: ["totalCredits"], message: `The subject areas add up to ${required} credits, more than the diploma's ${total}` });
}

export const districtSettingsSchema = z.object(districtFields).superRefine(requirementsFit, { when: () => true });
export type DistrictSettingsInput = z.output<typeof districtSettingsSchema>;

export const setupSchema = z
  .object({
    ...districtFields,
    email: z.string({ error: "Enter the administrator's email" }).trim().toLowerCase().email("Enter an email address, e.g. name@district.org").max(254),
    name: z.string({ error: "Enter the administrator's name" }).trim().min(2, "Enter the administrator's name").max(120, "Use at most 120 characters"),
    password: z.string({ error: "Choose a password" }).max(200, "Use at most 200 characters"),
    confirm: z.string({ error: "Enter the password again" }).max(200),
  })
  // Runs even when other fields failed (`when`), so a weak password is named together with them;
  // it reads each value only when that value parsed.
  .superRefine(
    (v, ctx) => {
      requirementsFit(v, ctx);
      if (typeof v.password !== "string") return;
      const weak = passwordWeakness(v.password, typeof v.email === "string" ? v.email : "");
      if (weak) ctx.addIssue({ code: "custom", path: ["password"], message: weak });
      else if (v.password !== v.confirm) ctx.addIssue({ code: "custom", path: ["confirm"], message: "The two passwords differ" });
    },
    { when: () => true },
  );

export type SetupInput = z.output<typeof setupSchema>;

/**
 * Field errors keyed by the field's dotted path ("requirements.ENGLISH", "password"): the form's
 * field names and the CLI's flag map use the same keys. The first message of each field.
 */
export function setupFieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** A form's fields (requirements as `requirements.<AREA>`) → the shape setupSchema reads. */
export function setupFromForm(fields: Record<string, unknown>): Record<string, unknown> {
  const req: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (k.startsWith("requirements.")) req[k.slice("requirements.".length)] = v;
    else rest[k] = v;
  }
  return { ...rest, requirements: req };
}
