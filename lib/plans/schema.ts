import { z } from "zod";
import { dayField } from "@/lib/students/schema";

// Inputs of the intervention-plan actions (issue 16), shared by the forms, the actions and tests,
// with the words the pages, the printable plan and the report's CSV use for each code.

export const PLAN_TYPES = ["CREDIT_RECOVERY", "ATTENDANCE", "BEHAVIOR", "ACADEMIC_SUPPORT", "SOCIAL_EMOTIONAL", "FAMILY_ENGAGEMENT", "OTHER"] as const;
export type PlanType = (typeof PLAN_TYPES)[number];
export const PLAN_TYPE_LABELS: Record<PlanType, string> = {
  CREDIT_RECOVERY: "Credit recovery",
  ATTENDANCE: "Attendance",
  BEHAVIOR: "Behavior",
  ACADEMIC_SUPPORT: "Academic support",
  SOCIAL_EMOTIONAL: "Social-emotional",
  FAMILY_ENGAGEMENT: "Family engagement",
  OTHER: "Other",
};

export const PLAN_METRICS = ["ATTENDANCE_RATE", "COURSE_ON_PACE", "CREDITS_EARNED", "SUSPENSIONS", "OTHER"] as const;
export type PlanMetric = (typeof PLAN_METRICS)[number];
export const PLAN_METRIC_LABELS: Record<PlanMetric, string> = {
  ATTENDANCE_RATE: "Attendance rate at or above a target (%)",
  COURSE_ON_PACE: "An online course on pace (or completed)",
  CREDITS_EARNED: "Credits earned at or above a target",
  SUSPENSIONS: "Suspensions this year at or below a target",
  OTHER: "Something else (described in words)",
};

export const PLAN_PROGRESS = ["NO_PROGRESS", "SOME_PROGRESS", "ON_TRACK", "GOAL_MET"] as const;
export type PlanProgress = (typeof PLAN_PROGRESS)[number];
export const PLAN_PROGRESS_LABELS: Record<PlanProgress, string> = { NO_PROGRESS: "No progress", SOME_PROGRESS: "Some progress", ON_TRACK: "On track", GOAL_MET: "Goal met" };

export const PLAN_STATUSES = ["ACTIVE", "MET", "NOT_MET", "DISCONTINUED"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = { ACTIVE: "Active", MET: "Met", NOT_MET: "Not met", DISCONTINUED: "Discontinued" };
export const CLOSE_OUTCOMES = ["MET", "NOT_MET", "DISCONTINUED"] as const;

/** MTSS tiers: 1 universal, 2 targeted, 3 intensive (the tier words schools use). */
export const TIER_LABELS: Record<number, string> = { 1: "Tier 1 (universal)", 2: "Tier 2 (targeted)", 3: "Tier 3 (intensive)" };

export const GOAL_MAX = 1000;
export const NOTE_MAX = 5000;
export const REASON_MAX = 1000;

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const optional = <T extends z.ZodType>(s: T) => z.preprocess(blank, s.optional());
const text = (what: string, max: number) =>
  z
    .string({ error: `Write ${what}` })
    .trim()
    .min(1, `Write ${what}`)
    .max(max, `At most ${max.toLocaleString("en-US")} characters`);

/** Same shape as a note's key (lib/notes/schema.ts): one per filled-in form, so a double submit stores one plan. */
export const clientKey = z.preprocess(
  blank,
  z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,100}$/, "The idempotency key must be 16–100 letters, digits, - or _")
    .optional(),
);

/** The plan's fields, as the start and edit forms send them (and the caseload's bulk start, lib/caseload/schema.ts). */
export const planFields = z.object({
  type: z.enum(PLAN_TYPES, { error: "Choose the kind of plan" }),
  tier: z.coerce.number({ error: "Choose a tier" }).int().min(1, "Choose a tier from 1 to 3").max(3, "Choose a tier from 1 to 3"),
  goal: text("the goal", GOAL_MAX),
  metric: z.enum(PLAN_METRICS, { error: "Choose how the goal is measured" }),
  targetValue: optional(z.coerce.number({ error: "Enter a number" }).finite("Enter a number").min(0, "Enter 0 or more").max(9999, "Enter at most 9,999")),
  targetEnrollmentId: optional(z.string().min(1)),
  targetText: z.preprocess(
    (v) => (v == null ? "" : v),
    z
      .string()
      .trim()
      .max(GOAL_MAX, `At most ${GOAL_MAX.toLocaleString("en-US")} characters`),
  ),
  ownerId: z.string({ error: "Choose who owns the plan" }).min(1, "Choose who owns the plan"),
  startDate: dayField("the start date"),
  nextFollowUp: dayField("the next follow-up date"),
});

type Fields = z.output<typeof planFields>;

/** What each metric needs: a number (and its range), an online enrollment, or words. */
export function checkTarget(v: Fields, ctx: z.RefinementCtx) {
  const need = (path: keyof Fields, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  if (v.metric === "ATTENDANCE_RATE") {
    if (v.targetValue === undefined) need("targetValue", "Enter the attendance rate to reach (%)");
    else if (v.targetValue > 100) need("targetValue", "An attendance rate is at most 100%");
  }
  if (v.metric === "CREDITS_EARNED" && v.targetValue === undefined) need("targetValue", "Enter the credits to reach");
  if (v.metric === "SUSPENSIONS" && v.targetValue === undefined) need("targetValue", "Enter the most suspensions allowed (0 for none)");
  if (v.metric === "COURSE_ON_PACE" && !v.targetEnrollmentId) need("targetEnrollmentId", "Choose the online course to keep on pace");
  if (v.metric === "OTHER" && !v.targetText) need("targetText", "Describe the measurable target");
  if (v.nextFollowUp < v.startDate) need("nextFollowUp", "The next follow-up cannot be before the start date");
}

/** Only the fields the metric uses are kept: a target left over from another choice is dropped. */
export function normalise<T extends Fields>(v: T): T {
  const numeric = v.metric === "ATTENDANCE_RATE" || v.metric === "CREDITS_EARNED" || v.metric === "SUSPENSIONS";
  return { ...v, targetValue: numeric ? v.targetValue : undefined, targetEnrollmentId: v.metric === "COURSE_ON_PACE" ? v.targetEnrollmentId : undefined };
}

export const createPlanSchema = planFields
  .extend({ studentId: z.string().min(1), clientKey })
  .superRefine(checkTarget)
  .transform(normalise);
export const editPlanSchema = planFields
  .extend({ planId: z.string().min(1), version: z.coerce.number().int() })
  .superRefine(checkTarget)
  .transform(normalise);

export const checkInSchema = z
  .object({
    planId: z.string().min(1),
    date: dayField("the check-in date"),
    note: text("what happened", NOTE_MAX),
    progress: z.enum(PLAN_PROGRESS, { error: "Choose the progress toward the goal" }),
    /** Blank keeps the plan's next follow-up as it is. */
    nextFollowUp: optional(dayField("the next follow-up date")),
    /** The check-in form's per-form key: a repeat answers the first check-in (lib/plans/plans.ts addCheckIn). */
    clientKey,
  })
  .refine((v) => !v.nextFollowUp || v.nextFollowUp >= v.date, { path: ["nextFollowUp"], message: "The next follow-up cannot be before the check-in" });

export const closePlanSchema = z
  .object({
    planId: z.string().min(1),
    version: z.coerce.number().int(),
    outcome: z.enum(CLOSE_OUTCOMES, { error: "Choose how the plan ended" }),
    reason: z.preprocess(
      (v) => (v == null ? "" : v),
      z
        .string()
        .trim()
        .max(REASON_MAX, `At most ${REASON_MAX.toLocaleString("en-US")} characters`),
    ),
    closedOn: dayField("the closing date"),
  })
  .refine((v) => v.outcome !== "DISCONTINUED" || v.reason.length > 0, { path: ["reason"], message: "Say why the plan was discontinued" });

export type CreatePlanInput = z.output<typeof createPlanSchema>;
export type EditPlanInput = z.output<typeof editPlanSchema>;
export type CheckInInput = z.output<typeof checkInSchema>;
export type ClosePlanInput = z.output<typeof closePlanSchema>;
