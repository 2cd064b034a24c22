import { z } from "zod";

/**
 * Every kind a stored note may have (prisma NoteKind). FAMILY_CONTACT is kept for old notes only:
 * since issue 16 a family contact goes in the Family contacts log (lib/family/contacts.ts), where
 * the Today list and the guardian card read it; a note of that kind would never reach them.
 */
export const ALL_NOTE_KINDS = ["CHECK_IN", "FAMILY_CONTACT", "OTHER"] as const;
/** The kinds offered for a new note (the note form, the notes API, the caseload's bulk note). */
export const NOTE_KINDS = ["CHECK_IN", "OTHER"] as const;
export const NOTE_KIND_LABELS: Record<(typeof ALL_NOTE_KINDS)[number], string> = { CHECK_IN: "Check-in", FAMILY_CONTACT: "Family contact", OTHER: "Other" };
export const FAMILY_CONTACT_MOVED = "Family contacts go in the Family contacts log on the student page, not in notes";
// "above": the Family contacts section comes before Notes on the student page (app/(app)/students/[id]/page.tsx).
export const FAMILY_CONTACT_HINT = "Family contacts go in the Family contacts log above";
export const NOTE_MAX = 5000;

const body = z
  .string()
  .trim()
  .min(1, "Write the note")
  .max(NOTE_MAX, `At most ${NOTE_MAX.toLocaleString("en-US")} characters`);
const kindError = (iss: { input?: unknown }) => (iss.input === "FAMILY_CONTACT" ? FAMILY_CONTACT_MOVED : "Choose the kind of note");
/** A new note's kind: never FAMILY_CONTACT (refused with a message pointing to the contact log). */
const kind = z.enum(NOTE_KINDS, { error: kindError });
/** An edit may keep an old note's FAMILY_CONTACT kind (lib/notes/notes.ts editNote refuses a change to it). */
const editKind = z.enum(ALL_NOTE_KINDS, { error: kindError });

/**
 * Idempotency key of an added note: the form makes one per form (crypto.randomUUID) and the API
 * takes it from the Idempotency-Key header; a repeat with the same key is the same note
 * (lib/notes/notes.ts addNote). Empty is no key (a form submitted before its key was made).
 */
const clientKey = z.preprocess(
  (v) => (v === "" ? undefined : v),
  z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,100}$/, "The idempotency key must be 16–100 letters, digits, - or _")
    .optional(),
);

/** Restricted (issue 16): a checkbox; absent is false. lib/access.ts readableNote says who reads it. */
const restricted = z.preprocess((v) => v === "on" || v === "true" || v === true || v === "yes", z.boolean());
export const RESTRICTED_LABEL = "Restricted (visible only to me, my school's administrators and district administrators)";

export const addNoteSchema = z.object({ studentId: z.string().min(1), kind, body, clientKey, restricted });
export const editNoteSchema = z.object({ noteId: z.string().min(1), version: z.coerce.number().int(), kind: editKind, body });
/** Share a restricted note with one staff user who can reach the student, or take the share back. */
export const shareNoteSchema = z.object({ noteId: z.string().min(1), userId: z.string().min(1, "Choose whom to share it with") });
export type ShareNoteInput = z.output<typeof shareNoteSchema>;
/** `restricted` may be left out by callers in code (tests, scripts): not restricted. */
export type AddNoteInput = Omit<z.output<typeof addNoteSchema>, "restricted"> & { restricted?: boolean };
export type EditNoteInput = z.output<typeof editNoteSchema>;
