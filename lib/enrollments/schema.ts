import { z } from "zod";
import { dayField } from "@/lib/students/schema";

// Inputs of the online-enrollment actions, shared by forms, actions and tests.

const optional = <T extends z.ZodType>(s: T) => z.preprocess((v) => (v === "" || v === null ? undefined : v), s.optional());

export const enrollSchema = z
  .object({
    studentId: z.string().min(1),
    courseId: z.string({ error: "Choose a course" }).min(1, "Choose a course"),
    startDate: dayField("the start date"),
    /** Blank → start + the course's expected weeks. */
    targetDate: optional(dayField("the target date")),
    /** Credit recovery: the failed transcript course this replaces. */
    replacesId: optional(z.string().min(1)),
  })
  .refine((v) => !v.targetDate || v.targetDate > v.startDate, { path: ["targetDate"], message: "The target date must be after the start date" });
export type EnrollInput = z.output<typeof enrollSchema>;

/** `proctored`: whether the attempt was proctored (a rigor guardrail's input); null/absent = not stated. */
export type ResultRow = { assessmentId: string; score: number; takenOn: Date; proctored?: boolean | null };

/** The form's "Proctored" choice: yes / no / blank (not stated). */
const proctoredChoice = z.preprocess(
  (v) => (v === "" || v === null || v === undefined ? null : v),
  z
    .enum(["yes", "no"], { error: "Choose yes, no or not stated" })
    .nullable()
    .transform((v) => (v === null ? null : v === "yes")),
);
export type RecordResultsInput = { enrollmentId: string; version: number; results: ResultRow[] };

/**
 * The results form: one date, and a `score_<assessmentId>` field per assessment (blank = not
 * taken). Field errors come back under the same `score_<assessmentId>` names.
 */
export const recordResultsSchema = z
  .looseObject({
    enrollmentId: z.string().min(1),
    version: z.coerce.number().int(),
    takenOn: dayField("the date taken"),
    /** One choice for the results of the form (they were taken on the same day, in the same setting). */
    proctored: proctoredChoice,
  })
  .transform((v, ctx): RecordResultsInput => {
    const results: ResultRow[] = [];
    for (const [key, raw] of Object.entries(v)) {
      if (!key.startsWith("score_") || raw === "" || raw === undefined || raw === null) continue;
      const score = typeof raw === "number" ? raw : Number(String(raw).trim());
      if (String(raw).trim() === "" || !Number.isFinite(score)) ctx.addIssue({ code: "custom", path: [key], message: "Enter a number" });
      else if (score < 0) ctx.addIssue({ code: "custom", path: [key], message: "The score cannot be negative" });
      else results.push({ assessmentId: key.slice("score_".length), score, takenOn: v.takenOn, proctored: v.proctored });
    }
    if (results.length === 0 && ctx.issues.length === 0) ctx.addIssue({ code: "custom", path: ["scores"], message: "Enter at least one score" });
    return { enrollmentId: v.enrollmentId, version: v.version, results };
  });

export const completeSchema = z.object({
  enrollmentId: z.string().min(1),
  version: z.coerce.number().int(),
  /** The final grade the counselor saw and confirmed: refused when the results now give another. */
  finalGrade: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.coerce.number({ error: "Confirm the final grade shown on the course" }).finite("Confirm the final grade shown on the course").min(0).max(100),
  ),
  /**
   * An administrator's written reason for completing despite broken rigor guardrails (policy
   * "warn", lib/enrollments/guardrails.ts); blank = no override.
   */
  overrideReason: optional(z.string().trim().min(10, "Give the reason in a sentence (at least 10 characters)").max(500, "At most 500 characters")),
});
export type CompleteInput = z.output<typeof completeSchema>;

export const endEnrollmentSchema = z.object({
  enrollmentId: z.string().min(1),
  version: z.coerce.number().int(),
  outcome: z.enum(["FAILED", "WITHDRAWN"], { error: "Choose failed or withdrawn" }),
  endedOn: dayField("the end date"),
  reason: z.string().trim().min(1, "Give the reason").max(500, "At most 500 characters"),
});
export type EndEnrollmentInput = z.output<typeof endEnrollmentSchema>;

/** Reversing a credit awarded below the passing grade (/admin/credit-review): the reason is kept. */
export const reverseCreditSchema = z.object({
  enrollmentId: z.string().min(1),
  version: z.coerce.number().int(),
  reason: z.string().trim().min(1, "Give the reason").max(500, "At most 500 characters"),
});
export type ReverseCreditInput = z.output<typeof reverseCreditSchema>;

/**
 * The JSON results API (POST /api/enrollments/[id]/results): provider integrations and scripts
 * push scores as `{ version, results: [{ assessmentId, score, takenOn }] }`; the enrollment id
 * comes from the URL. Range checks against each assessment's maxScore happen in the action.
 */
export const recordResultsApiSchema = z.object({
  enrollmentId: z.string().min(1).max(64),
  version: z.number({ error: "Give the enrollment's version (a whole number)" }).int().min(0),
  results: z
    .array(
      z.object({
        assessmentId: z.string().min(1).max(64),
        score: z.number({ error: "Enter a number" }).finite().min(0, "The score cannot be negative"),
        takenOn: dayField("the date taken"),
        /** Whether the attempt was proctored; absent or null = not stated. */
        proctored: z.boolean({ error: "Give true, false or null" }).nullable().optional(),
      }),
      { error: "Give a list of results" },
    )
    .min(1, "Give at least one result")
    .max(100, "At most 100 results at a time"),
});
