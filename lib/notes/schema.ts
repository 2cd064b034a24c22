import { z } from "zod";

export const NOTE_KINDS = ["CHECK_IN", "FAMILY_CONTACT", "OTHER"] as const;
export const NOTE_KIND_LABELS: Record<(typeof NOTE_KINDS)[number], string> = { CHECK_IN: "Check-in", FAMILY_CONTACT: "Family contact", OTHER: "Other" };
export const NOTE_MAX = 5000;

const body = z.string().trim().min(1, "Write the note").max(NOTE_MAX, `At most ${NOTE_MAX.toLocaleString("en-US")} characters`);
const kind = z.enum(NOTE_KINDS, { error: "Choose the kind of note" });

export const addNoteSchema = z.object({ studentId: z.string().min(1), kind, body });
export const editNoteSchema = z.object({ noteId: z.string().min(1), version: z.coerce.number().int(), kind, body });
export type AddNoteInput = z.output<typeof addNoteSchema>;
export type EditNoteInput = z.output<typeof editNoteSchema>;
