import { z } from "zod";
import { dayField } from "@/lib/students/schema";
import { CONTACT_METHODS, CONTACT_OUTCOMES } from "@/lib/family/schema";
import { isStorableText } from "@/lib/storable";
import { DEFAULT_YEARS, MAX_YEARS } from "./rules";

// Inputs of the Re-engagement list (URL filters) and its two writes (outreach, re-engage).

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
export const REENGAGEMENT_PAGE_SIZE = 50;

/** URL filters: a bad value falls back to its default, so a hand-edited URL still shows the list. */
export const reengagementParamsSchema = z.object({
  school: z.preprocess(blankToUndefined, z.string().max(40).refine(isStorableText).optional()).catch(undefined),
  years: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(MAX_YEARS).default(DEFAULT_YEARS)).catch(DEFAULT_YEARS),
  /** "No contact in 30 days". */
  quiet: z.preprocess((v) => v === "1" || v === "true" || v === true, z.boolean()).catch(false),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).default(1)).catch(1),
});
export type ReengagementParams = z.output<typeof reengagementParamsSchema>;

// An outreach attempt is a family contact (lib/family/contacts.ts addContact): the same methods,
// outcomes and labels, kept in one place (lib/family/schema.ts).
export { CONTACT_METHODS, CONTACT_OUTCOMES, CONTACT_METHOD_LABELS as METHOD_LABELS, CONTACT_OUTCOME_LABELS as OUTCOME_LABELS } from "@/lib/family/schema";

const text = (what: string, max: number) => z.string().trim().min(1, `Write ${what}`).max(max, `At most ${max} characters`);

/** An outreach attempt: a Contact row with outreach = true (prisma/schema.prisma model Contact). */
export const outreachSchema = z.object({
  studentId: z.string().min(1),
  withWhom: text("who was contacted", 200),
  method: z.enum(CONTACT_METHODS, { error: "Choose how" }),
  outcome: z.enum(CONTACT_OUTCOMES, { error: "Choose the outcome" }),
  occurredOn: dayField("the day"),
  summary: text("a summary", 2000),
  nextStep: text("the next step", 500),
  /** The form's per-form key (as a note's, lib/notes/schema.ts): a repeat answers the first attempt. */
  clientKey: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,100}$/, "The idempotency key must be 16–100 letters, digits, - or _")
      .optional(),
  ),
});
export type OutreachInput = z.output<typeof outreachSchema>;

/** Re-engage: a REENGAGED status event, the student enrolled again, and a counselor (required). */
export const reengageSchema = z.object({
  studentId: z.string().min(1),
  version: z.coerce.number().int(),
  counselorId: z.string().min(1, "Choose a counselor").max(40),
  effectiveDate: dayField("the date"),
  confirmed: z.literal("yes", { error: "Confirm the re-engagement" }),
});
export type ReengageInput = z.output<typeof reengageSchema>;
