import { z } from "zod";
import { dayField } from "@/lib/students/schema";

// Inputs of the family work (issue 16): guardians and the family contact log. Shared by the forms,
// the actions, the OneRoster import and the tests. Labels live here, in one place.

export const RELATIONSHIPS = ["MOTHER", "FATHER", "PARENT", "GUARDIAN", "GRANDPARENT", "SIBLING", "RELATIVE", "FOSTER_PARENT", "OTHER"] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];
export const RELATIONSHIP_LABELS: Record<Relationship, string> = {
  MOTHER: "Mother",
  FATHER: "Father",
  PARENT: "Parent",
  GUARDIAN: "Guardian",
  GRANDPARENT: "Grandparent",
  SIBLING: "Sibling",
  RELATIVE: "Relative",
  FOSTER_PARENT: "Foster parent",
  OTHER: "Other",
};

/**
 * The languages families in our districts most often ask for (Massachusetts DESE's most common
 * first languages of English learners: Spanish, Portuguese, Haitian Creole, Chinese, Vietnamese,
 * Arabic, Somali, Cape Verdean Creole, French, Russian). Codes are ISO 639-1 where one exists;
 * Cape Verdean Creole has none, so its ISO 639-3 code "kea" (BCP 47 allows three-letter codes).
 * "other": a language not listed (say which in the contact's summary).
 */
export const LANGUAGES = ["en", "es", "pt", "ht", "zh", "vi", "ar", "so", "kea", "fr", "ru", "other"] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_LABELS: Record<Language, string> = {
  en: "English",
  es: "Spanish",
  pt: "Portuguese",
  ht: "Haitian Creole",
  zh: "Chinese",
  vi: "Vietnamese",
  ar: "Arabic",
  so: "Somali",
  kea: "Cape Verdean Creole",
  fr: "French",
  ru: "Russian",
  other: "another language",
};
/** A stored code (an import may bring one we do not list) in words. */
export const languageLabel = (code: string): string => LANGUAGE_LABELS[code as Language] ?? code;

export const CONTACT_METHODS = ["PHONE", "EMAIL", "TEXT", "MEETING", "HOME_VISIT", "LETTER"] as const;
export const CONTACT_METHOD_LABELS: Record<(typeof CONTACT_METHODS)[number], string> = {
  PHONE: "Phone call",
  EMAIL: "Email",
  TEXT: "Text message",
  MEETING: "Meeting",
  HOME_VISIT: "Home visit",
  LETTER: "Letter",
};
export const CONTACT_OUTCOMES = ["REACHED", "LEFT_MESSAGE", "NO_ANSWER", "WRONG_NUMBER", "SENT"] as const;
export const CONTACT_OUTCOME_LABELS: Record<(typeof CONTACT_OUTCOMES)[number], string> = {
  REACHED: "Reached",
  LEFT_MESSAGE: "Left a message",
  NO_ANSWER: "No answer",
  WRONG_NUMBER: "Wrong number",
  SENT: "Sent (no answer expected yet)",
};

export const NAME_MAX = 200;
export const TEXT_MAX = 2000;

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true || v === "yes", z.boolean());
const name = z.string().trim().min(1, "Enter the name").max(NAME_MAX, `At most ${NAME_MAX} characters`);
const phone = z.preprocess(
  blank,
  z
    .string()
    .trim()
    .max(40, "At most 40 characters")
    .regex(/^[0-9+() .\-x]*[0-9][0-9+() .\-x]*$/, "Enter a phone number (digits, spaces, + ( ) - . x)")
    .optional(),
);
const email = z.preprocess(blank, z.email({ error: "Enter an email address like name@example.org" }).max(200).optional());

const guardianFields = {
  name,
  relationship: z.enum(RELATIONSHIPS, { error: "Choose the relationship" }),
  phone,
  email,
  preferredLanguage: z.enum(LANGUAGES, { error: "Choose the preferred language" }),
  noContact: checkbox,
  rightsHolder: checkbox,
  interpreter: checkbox,
};

/** Same rule as a note's key (lib/notes/schema.ts): made once per filled-in form. */
const clientKey = z.preprocess(
  (v) => (v === "" ? undefined : v),
  z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,100}$/, "The idempotency key must be 16–100 letters, digits, - or _")
    .optional(),
);

/** `clientKey`: the add form's key; a repeat answers the first guardian (lib/family/guardians.ts addGuardian). */
export const addGuardianSchema = z.object({ studentId: z.string().min(1), ...guardianFields, clientKey });
export const editGuardianSchema = z.object({ guardianId: z.string().min(1), version: z.coerce.number().int(), ...guardianFields });
export const deleteGuardianSchema = z.object({ guardianId: z.string().min(1), version: z.coerce.number().int(), confirmed: z.literal("yes", { error: "Confirm the deletion" }) });
export type AddGuardianInput = z.output<typeof addGuardianSchema>;
export type EditGuardianInput = z.output<typeof editGuardianSchema>;
export type DeleteGuardianInput = z.output<typeof deleteGuardianSchema>;

/** A contact's own fields, shared with the caseload's bulk contact (lib/caseload/schema.ts), which has no guardian. */
export const contactFields = {
  // Trimmed before the blank check: "   " is no one, so with no guardian the refine below refuses it.
  withWhom: z.preprocess((v) => blank(typeof v === "string" ? v.trim() : v), z.string().max(NAME_MAX, `At most ${NAME_MAX} characters`).optional()),
  method: z.enum(CONTACT_METHODS, { error: "Choose how" }),
  outcome: z.enum(CONTACT_OUTCOMES, { error: "Choose the outcome" }),
  occurredOn: dayField("the day of the contact"),
  summary: z
    .string()
    .trim()
    .min(1, "Write what was said or done")
    .max(TEXT_MAX, `At most ${TEXT_MAX.toLocaleString("en-US")} characters`),
  nextStep: z.preprocess(
    (v) => (v === undefined || v === null ? "" : v),
    z
      .string()
      .trim()
      .max(TEXT_MAX, `At most ${TEXT_MAX.toLocaleString("en-US")} characters`),
  ),
  familyInitiated: checkbox,
  clientKey,
};
/** Someone the contact was with: a guardian, or a name typed in. */
export const hasSomeone = (c: { guardianId?: string; withWhom?: string }) => c.guardianId !== undefined || c.withWhom !== undefined;
export const SOMEONE = { error: "Choose a guardian or type who it was", path: ["withWhom"] };

/**
 * A contact with the family. `guardianId` picks a guardian; otherwise `withWhom` names who it was
 * ("the student", "aunt"). `familyInitiated`: the family contacted us, which a do-not-contact flag
 * does not forbid (lib/family/contacts.ts addContact).
 */
export const addContactSchema = z
  .object({ studentId: z.string().min(1), guardianId: z.preprocess(blank, z.string().min(1).optional()), ...contactFields })
  .refine(hasSomeone, SOMEONE);
export type AddContactInput = z.output<typeof addContactSchema>;
