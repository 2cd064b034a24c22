import { languageLabel } from "./schema";

// What a counselor must read before calling a guardian (issue 16, "Guardian flags a counselor must
// see before calling"), in words, most restrictive first: the card shows them above the phone.

export type GuardianFlags = { noContact: boolean; rightsHolder: boolean; interpreter: boolean; preferredLanguage: string };

export function guardianFlagWords(g: GuardianFlags): string[] {
  const out: string[] = [];
  if (g.noContact) out.push("Do not contact");
  if (g.rightsHolder) out.push("Educational rights holder");
  if (g.interpreter)
    out.push(g.preferredLanguage === "en" || g.preferredLanguage === "other" ? "Needs an interpreter" : `Needs an interpreter (${languageLabel(g.preferredLanguage)})`);
  return out;
}

/** The refusal when a contact names a do-not-contact guardian and the family did not reach out. */
export const doNotContactMessage = (name: string) => `${name} is marked do-not-contact. Log it only if the family contacted you: tick "The family contacted us".`;

/** Stored at the start of the summary of a contact the family started (the log has no column for it). */
export const FAMILY_INITIATED_PREFIX = "[The family contacted us] ";

/**
 * A student who left without a diploma (dropped out, or transferred out: the Re-engagement list
 * keeps only undocumented transfers, lib/reengagement/rules.ts): an outreach attempt is for them;
 * an enrolled student's contact goes in the family log.
 */
export const hasLeft = (status: string): boolean => status === "DROPPED_OUT" || status === "TRANSFERRED_OUT";
export const NOT_LEFT = "This student has not left: log a family contact on the student page instead.";
