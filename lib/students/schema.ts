import { z } from "zod";
import { isPlausibleDay } from "@/lib/calendar";
import { isStorableText } from "@/lib/storable";

// Inputs of the student pages and actions, shared by forms, actions and tests.

/** A form's calendar day field: "YYYY-MM-DD" → Date at UTC midnight (how @db.Date columns are stored). */
export const dayField = (what = "a date") =>
  z.iso
    .date({ error: `Enter ${what} (YYYY-MM-DD)` })
    .pipe(z.string().refine(isPlausibleDay, { error: `Enter ${what} between 1900 and 2199` }))
    .transform((s) => new Date(`${s}T00:00:00Z`));

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export const RISK_LEVELS = ["LOW", "MODERATE", "HIGH"] as const;
export const STUDENT_STATUSES = ["ENROLLED", "GRADUATED", "DROPPED_OUT", "TRANSFERRED_OUT", "EMIGRATED", "DECEASED"] as const;
export const PROGRAM_FLAGS = ["SPED", "EL", "LOW_INCOME"] as const;
export const CASELOAD_SORTS = ["name", "grade", "cohort", "risk", "credits", "needed", "activity", "note"] as const;
export const PAGE_SIZE = 50;

/**
 * Caseload filters from the URL (bookmarkable). A bad value falls back to its default rather
 * than failing the page: a hand-edited URL still shows the caseload.
 */
export const caseloadParamsSchema = z.object({
  q: z.preprocess(blankToUndefined, z.string().trim().max(100).refine(isStorableText).optional()).catch(undefined),
  /** A counselor (user id), for school and district admins: that counselor's caseload only. */
  counselor: z.preprocess(blankToUndefined, z.string().max(40).refine(isStorableText).optional()).catch(undefined),
  /** A school (id), for admins who reach several. */
  school: z.preprocess(blankToUndefined, z.string().max(40).refine(isStorableText).optional()).catch(undefined),
  risk: z.preprocess(blankToUndefined, z.enum(RISK_LEVELS).optional()).catch(undefined),
  grade: z.preprocess(blankToUndefined, z.coerce.number().int().min(6).max(13).optional()).catch(undefined),
  cohort: z.preprocess(blankToUndefined, z.coerce.number().int().min(2000).max(2100).optional()).catch(undefined),
  flag: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(PROGRAM_FLAGS))).catch([]),
  status: z.preprocess(blankToUndefined, z.enum([...STUDENT_STATUSES, "ALL"]).default("ENROLLED")).catch("ENROLLED"),
  attention: z.preprocess((v) => v === "1" || v === "true" || v === true, z.boolean()).catch(false),
  // "short" was the credits-still-needed column's key before it had that name: old links still sort by it.
  sort: z.preprocess((v) => (v === "short" ? "needed" : blankToUndefined(v)), z.enum(CASELOAD_SORTS).default("risk")).catch("risk"),
  dir: z.preprocess(blankToUndefined, z.enum(["asc", "desc"]).optional()).catch(undefined),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).default(1)).catch(1),
});
export type CaseloadParams = z.output<typeof caseloadParamsSchema>;

const statusBase = {
  studentId: z.string().min(1),
  version: z.coerce.number().int(),
  effectiveDate: dayField("the date"),
  confirmed: z.literal("yes", { error: "Confirm the change" }),
};

/** Status changes a counselor records (the exits and the return), each with what it must carry. */
export const statusChangeSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ ...statusBase, kind: z.literal("GRADUATED"), credential: z.enum(["REGULAR_DIPLOMA", "CERTIFICATE"], { error: "Choose the credential" }) }),
    z.object({ ...statusBase, kind: z.literal("DROPPED_OUT"), reason: z.string().trim().min(1, "Give the reason").max(500) }),
    z.object({
      ...statusBase,
      kind: z.literal("TRANSFERRED_OUT"),
      documented: z.enum(["yes", "no"], { error: "Say whether the transfer is documented" }).transform((v) => v === "yes"),
    }),
    // The counselor chosen when the student's own may no longer take them (lib/reengagement/reengage.ts).
    z.object({ ...statusBase, kind: z.literal("REENGAGED"), counselorId: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.string().max(40).optional()) }),
  ],
  { error: "Choose the new status" },
);
export type StatusChangeInput = z.output<typeof statusChangeSchema>;

/**
 * The status form's choices and the confirmation after each (issue 16: "a message says what
 * happened"). Re-enrolling a student who left is a re-engagement, in the Re-engagement list's
 * words (components/reengagement/reengage-form.tsx): a REENGAGED status event, enrolled again.
 */
export const STATUS_CHANGE_LABELS: Record<StatusChangeInput["kind"], string> = {
  GRADUATED: "Graduated",
  DROPPED_OUT: "Dropped out",
  TRANSFERRED_OUT: "Transferred out",
  REENGAGED: "Re-engaged: enrolled again",
};
export const REENGAGE_HINT = "They return to the caseload and the Today list; the status history keeps the re-engagement.";
/** `counselorName`: whose caseload a re-engaged student is on (lib/reengagement/reengage.ts). */
export const statusChangedMessage = (kind: StatusChangeInput["kind"], counselorName?: string): string =>
  kind === "REENGAGED" ? `Re-engaged: enrolled again, on ${counselorName}'s caseload and Today list.` : `Status changed to ${STATUS_CHANGE_LABELS[kind]}.`;
