import { z } from "zod";
import { NOTE_KINDS, NOTE_MAX } from "@/lib/notes/schema";
import { PAGE_SIZE } from "@/lib/students/schema";
import { contactFields, hasSomeone, SOMEONE } from "@/lib/family/schema";
import { checkTarget, clientKey, normalise, planFields } from "@/lib/plans/schema";
import { studentAtVersion } from "@/lib/users/schema";

// Inputs of the caseload's bulk actions and saved views (issue 16).

const ids = z
  .preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().trim().min(1).max(64)))
  .pipe(z.array(z.string()).min(1, "Select at least one student").max(PAGE_SIZE, `Select at most ${PAGE_SIZE} students (one page)`))
  .transform((a) => [...new Set(a)]);

/** A note added to every selected student: the note form's fields, never restricted (one per student). */
export const bulkNoteSchema = z.object({
  studentId: ids,
  kind: z.enum(NOTE_KINDS, { error: "Choose the kind of note" }),
  body: z
    .string()
    .trim()
    .min(1, "Write the note")
    .max(NOTE_MAX, `At most ${NOTE_MAX.toLocaleString("en-US")} characters`),
});
export type BulkNoteInput = z.output<typeof bulkNoteSchema>;

/**
 * One family contact logged for every selected student: the single contact form's fields and
 * rules (lib/family/schema.ts), without a guardian (a guardian is one student's), so "with whom"
 * is typed. `clientKey`: the form's key; each student's contact gets a key derived from it.
 */
// No "the family contacted us" in bulk: on one student's page it is said of one named guardian and
// lets a contact past that guardian's do-not-contact flag; ticked for thirty students it would let
// every flagged family past on one click and record that each of them started it.
const { familyInitiated: _single, ...bulkContactFields } = contactFields;
export const bulkContactSchema = z.object({ studentId: ids, ...bulkContactFields }).refine(hasSomeone, { ...SOMEONE, error: 'Type who it was with (e.g. "parents")' });
export type BulkContactInput = z.output<typeof bulkContactSchema>;

/**
 * One plan started for every selected student: the start form's fields and rules (lib/plans/schema.ts).
 * Not "an online course on pace": that target is one student's enrollment.
 */
export const bulkPlanSchema = planFields
  .extend({ studentId: ids, clientKey })
  .superRefine(checkTarget)
  .refine((v) => v.metric !== "COURSE_ON_PACE", { path: ["metric"], message: "An online course is one student's: start that plan on the student's page" })
  .transform(normalise);
export type BulkPlanInput = z.output<typeof bulkPlanSchema>;

/** The selected students, each at the Student.version the page showed ("id:version"), to one counselor. */
export const bulkReassignSchema = z.object({
  toId: z.string({ error: "Choose the counselor who takes the students" }).trim().min(1, "Choose the counselor who takes the students").max(64, "Choose a counselor"),
  students: z
    .preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(studentAtVersion))
    .pipe(
      z
        .array(z.object({ id: z.string(), version: z.number() }))
        .min(1, "Select at least one student")
        .max(PAGE_SIZE, `Select at most ${PAGE_SIZE} students (one page)`),
    ),
});
export type BulkReassignInput = z.output<typeof bulkReassignSchema>;

export const MAX_SAVED_VIEWS = 12;
export const VIEW_NAME_MAX = 40;

export const saveViewSchema = z.object({
  name: z.string().trim().min(1, "Name the view").max(VIEW_NAME_MAX, `At most ${VIEW_NAME_MAX} characters`),
  /** The caseload URL's query string ("risk=HIGH&grade=12"); normalised through the caseload's own params. */
  query: z.string().max(2000).default(""),
});
export type SaveViewInput = z.output<typeof saveViewSchema>;

export const deleteViewSchema = z.object({ viewId: z.string().trim().min(1).max(64) });
export type DeleteViewInput = z.output<typeof deleteViewSchema>;
