import { z } from "zod";

export const NOTE_KINDS = ["CHECK_IN", "FAMILY_CONTACT", "OTHER"] as const;
export const NOTE_KIND_LABELS: Record<(typeof NOTE_KINDS)[number], string> = { CHECK_IN: "Check-in", FAMILY_CONTACT: "Family contact", OTHER: "Other" };
export const NOTE_MAX = 5000;

const body = z.string().trim().min(1, "Write the note").max(NOTE_MAX, `At most ${NOTE_MAX.toLocaleString("en-US")} characters`);
const kind = z.enum(NOTE_KINDS, { error: "Choose the kind of note" });

/**
 * Idempotency key of an added note: the form makes one per form (crypto.randomUUID) and the API
 * takes it from the Idempotency-Key header; a repeat with the same key is the same note
 * (lib/notes/notes.ts addNote). Empty is no key (a form submitted before its key was made).
 */
const clientKey = z.preprocess(
  (v) => (v === "" ? undefined : v),
  z.string().regex(/^[A-Za-z0-9_-]{16,100}$/, "The idempotency key must be 16–100 letters, digits, - or _").optional(),
);

/** Restricted (issue 16): a checkbox; absent is false. lib/access.ts readableNote says who reads it. */
const restricted = z.preprocess((v) => v === "on" || v === "true" || v === true || v === "yes", z.boolean());
export const RESTRICTED_LABEL = "Restricted (visible only to me, my school's administrators and district administrators)";

export const addNoteSchema = z.object({ studentId: z.string().min(1), kind, body, clientKey, restricted });
export const editNoteSchema = z.object({ noteId: z.string().min(1), version: z.coerce.number().int(), kind, body });
/** Share a restricted note with one staff user who can reach the student, or take the share back. */
export const shareNoteSchema = z.object({ noteId: z.string().min(1), userId: z.string().min(1, "Choose whom to share it with") });
export type ShareNoteInput = z.output<typeof shareNoteSchema>;
/** `restricted` may be left out by callers in code (tests, scripts): not restricted. */
export type AddNoteInput = Omit<z.output<typeof addNoteSchema>, "restricted"> & { restricted?: boolean };
export type EditNoteInput = z.output<typeof editNoteSchema>;
