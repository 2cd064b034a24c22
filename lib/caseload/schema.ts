import { z } from "zod";
import { NOTE_KINDS, NOTE_MAX } from "@/lib/notes/schema";
import { PAGE_SIZE } from "@/lib/students/schema";

// Inputs of the caseload's bulk actions and saved views (issue 16).

const ids = z
  .preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().trim().min(1).max(64)))
  .pipe(z.array(z.string()).min(1, "Select at least one student").max(PAGE_SIZE, `Select at most ${PAGE_SIZE} students (one page)`))
  .transform((a) => [...new Set(a)]);

/** A note added to every selected student: the note form's fields, never restricted (one per student). */
export const bulkNoteSchema = z.object({
  studentId: ids,
  kind: z.enum(NOTE_KINDS, { error: "Choose the kind of note" }),
  body: z.string().trim().min(1, "Write the note").max(NOTE_MAX, `At most ${NOTE_MAX.toLocaleString("en-US")} characters`),
});
export type BulkNoteInput = z.output<typeof bulkNoteSchema>;

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
