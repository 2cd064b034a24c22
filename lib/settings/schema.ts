import { z } from "zod";
import { ProgramType } from "@/lib/generated/prisma/enums";
import type { GuardrailMode, RigorPolicy } from "@/lib/enrollments/guardrails";
import { unstorableText } from "@/lib/storable";
import { parseProficientLevels } from "./rules";

// District settings form (district administrators).
export const twoFactorPolicySchema = z.object({
  policy: z.enum(["OPTIONAL", "ADMINISTRATORS", "ALL_STAFF"], { error: "Choose who must use two-factor sign-in" }),
});
export type TwoFactorPolicyInput = z.output<typeof twoFactorPolicySchema>;

/** The state test levels that count as proficient: one per line or comma-separated (lib/settings/rules.ts). */
export const proficientLevelsSchema = z.object({
  proficientLevels: z.string({ error: "Enter the levels that count as proficient, one per line" }).transform((raw, ctx): string[] => {
    const { levels, problem } = parseProficientLevels(raw);
    if (problem) {
      ctx.addIssue({ code: "custom", message: problem });
      return z.NEVER;
    }
    return levels;
  }),
});
export type ProficientLevelsInput = z.output<typeof proficientLevelsSchema>;

// Each provider's own overdue threshold (lib/settings/provider-overdue.ts): one field per provider,
// `staleAfterDays.<providerId>`; blank = the district's staleAfterDays.
/** The form's field name for one provider. */
export const providerDaysField = (providerId: string) => `staleAfterDays.${providerId}`;
const PREFIX = providerDaysField("");
export const PROVIDER_DAYS_MAX = 365;

/** One provider's value: blank → null (the district's), else a whole number of days 1–365. */
export const providerDaysValue = z.string({ error: "Enter the days once" }).transform((raw, ctx) => {
  const v = raw.trim();
  if (v === "") return null;
  if (!/^\d{1,6}$/.test(v)) {
    ctx.addIssue({ code: "custom", message: "Enter a whole number of days, or leave it blank to use the district default" });
    return z.NEVER;
  }
  const n = Number(v);
  if (n < 1 || n > PROVIDER_DAYS_MAX) {
    ctx.addIssue({ code: "custom", message: `Enter between 1 and ${PROVIDER_DAYS_MAX} days, or leave it blank to use the district default` });
    return z.NEVER;
  }
  return n;
});

export type ProviderDays = { providerId: string; staleAfterDays: number | null };

/** The form's fields → one entry per provider field; each bad value is an error on its own field. */
export const providerOverdueSchema = z.record(z.string(), z.unknown()).transform((fields, ctx): ProviderDays[] => {
  const out: ProviderDays[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (!name.startsWith(PREFIX)) continue;
    const r = providerDaysValue.safeParse(value);
    if (r.success) out.push({ providerId: name.slice(PREFIX.length), staleAfterDays: r.data });
    else ctx.addIssue({ code: "custom", path: [name], message: r.error.issues[0]!.message });
  }
  if (out.length > 1000) ctx.addIssue({ code: "custom", message: "Too many providers in one form" });
  return out;
});

// The district's rigor policy per program type (issue #18; lib/settings/rigor.ts saves it,
// lib/enrollments/guardrails.ts applies it): one row of fields per program type, named
// `rigor.<PROGRAM_TYPE>.<field>`. A program type none of whose fields is in the form is left as it
// is (the Settings form always sends all of them); for one that is, a missing number or text is
// blank and a missing checkbox is off, as a browser sends them. Each bad value is an error on its
// own field.
export const PROGRAM_TYPES = Object.values(ProgramType);
export const GUARDRAIL_MODES = ["REFUSE", "WARN"] as const satisfies readonly GuardrailMode[];
export const RIGOR_FIELDS = [
  "minDaysEnrolled",
  "minActiveMinutesPerCredit",
  "requireProctoredSummative",
  "maxAttemptsPerAssessment",
  "maxConcurrentPerStudent",
  "priorityGrades",
  "priorityNote",
  "mode",
] as const satisfies readonly (keyof RigorPolicy)[];
export type RigorField = (typeof RIGOR_FIELDS)[number];
/** The form's field name for one program type's limit. */
export const rigorField = (programType: ProgramType, field: RigorField) => `rigor.${programType}.${field}`;
/** The bounds of the number limits: a blank is no limit. */
export const RIGOR_MAX = { minDaysEnrolled: 365, minActiveMinutesPerCredit: 100_000, maxAttemptsPerAssessment: 50, maxConcurrentPerStudent: 20 } as const;
export const PRIORITY_NOTE_MAX = 300;
/** The grades a priority rule may name (high school). */
export const PRIORITY_GRADES = { min: 9, max: 12 } as const;

/** One program type's policy from the form. */
export type RigorPolicyInput = RigorPolicy & { programType: ProgramType };

type NumberLimit = keyof typeof RIGOR_MAX;
const NUMBER_WORDS: Record<NumberLimit, string> = {
  minDaysEnrolled: "days",
  minActiveMinutesPerCredit: "minutes",
  maxAttemptsPerAssessment: "attempts",
  maxConcurrentPerStudent: "courses",
};

/** The text a field holds; a field sent twice (a forged form) is refused on that field. */
function oneText(value: unknown, ctx: z.RefinementCtx, path: string): string | undefined {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  ctx.addIssue({ code: "custom", path: [path], message: "Enter this field once" });
  return undefined;
}

/** Blank → null (no limit), else a whole number from 1 to the limit's maximum. */
function numberLimit(raw: string, field: NumberLimit, ctx: z.RefinementCtx, path: string): number | null | undefined {
  const v = raw.trim();
  if (v === "") return null;
  const max = RIGOR_MAX[field];
  const n = /^\d{1,7}$/.test(v) ? Number(v) : NaN;
  if (!(n >= 1 && n <= max)) {
    ctx.addIssue({
      code: "custom",
      path: [path],
      message: `Enter a whole number of ${NUMBER_WORDS[field]} from 1 to ${max.toLocaleString("en-US")}, or leave it blank for no limit`,
    });
    return undefined;
  }
  return n;
}

/** "12" or "11, 12" (commas or spaces) → the grades, deduplicated and in order; blank → none. */
export function parsePriorityGrades(raw: string): number[] | null {
  const parts = raw.split(/[\s,]+/).filter(Boolean);
  if (!parts.every((p) => /^\d{1,2}$/.test(p))) return null;
  const grades = [...new Set(parts.map(Number))].sort((a, b) => a - b);
  return grades.every((g) => g >= PRIORITY_GRADES.min && g <= PRIORITY_GRADES.max) ? grades : null;
}

/** The form's fields → one policy per program type in the form, in the enum's order. */
export const rigorPoliciesSchema = z.record(z.string(), z.unknown()).transform((fields, ctx): RigorPolicyInput[] => {
  const present = new Set<ProgramType>();
  for (const name of Object.keys(fields)) {
    if (!name.startsWith("rigor.")) continue;
    const [, type, field, ...rest] = name.split(".");
    if (PROGRAM_TYPES.includes(type as ProgramType) && RIGOR_FIELDS.includes(field as RigorField) && rest.length === 0) present.add(type as ProgramType);
    else ctx.addIssue({ code: "custom", path: [name], message: "This is not a field of the rigor policy form" });
  }
  const out: RigorPolicyInput[] = [];
  for (const programType of PROGRAM_TYPES.filter((t) => present.has(t))) {
    const name = (field: RigorField) => rigorField(programType, field);
    const text = (field: RigorField) => oneText(fields[name(field)], ctx, name(field));
    const num = (field: NumberLimit) => {
      const raw = text(field);
      return raw === undefined ? undefined : numberLimit(raw, field, ctx, name(field));
    };
    const minDaysEnrolled = num("minDaysEnrolled");
    const minActiveMinutesPerCredit = num("minActiveMinutesPerCredit");
    const maxAttemptsPerAssessment = num("maxAttemptsPerAssessment");
    const maxConcurrentPerStudent = num("maxConcurrentPerStudent");

    const proctored = text("requireProctoredSummative");
    if (proctored !== undefined && proctored !== "" && proctored !== "on") {
      ctx.addIssue({ code: "custom", path: [name("requireProctoredSummative")], message: "Tick the box to require a proctored summative, or leave it clear" });
    }

    const gradesRaw = text("priorityGrades");
    const priorityGrades = gradesRaw === undefined ? undefined : parsePriorityGrades(gradesRaw);
    if (gradesRaw !== undefined && priorityGrades === null) {
      ctx.addIssue({
        code: "custom",
        path: [name("priorityGrades")],
        message: `Enter grades from ${PRIORITY_GRADES.min} to ${PRIORITY_GRADES.max}, separated by commas (e.g. 11, 12), or leave it blank`,
      });
    }

    const noteRaw = text("priorityNote");
    const note = noteRaw?.trim();
    const unstorable = note ? unstorableText(note) : null;
    if (unstorable) ctx.addIssue({ code: "custom", path: [name("priorityNote")], message: unstorable });
    else if (note !== undefined && note.length > PRIORITY_NOTE_MAX) {
      ctx.addIssue({ code: "custom", path: [name("priorityNote")], message: `Keep the priority note to ${PRIORITY_NOTE_MAX} characters (it has ${note.length})` });
    }

    const modeRaw = text("mode");
    const mode = GUARDRAIL_MODES.find((m) => m === modeRaw);
    if (modeRaw !== undefined && !mode) ctx.addIssue({ code: "custom", path: [name("mode")], message: "Choose whether a broken guardrail refuses credit or warns" });

    if (
      minDaysEnrolled === undefined ||
      minActiveMinutesPerCredit === undefined ||
      maxAttemptsPerAssessment === undefined ||
      maxConcurrentPerStudent === undefined ||
      !priorityGrades ||
      note === undefined ||
      !mode
    )
      continue;
    out.push({
      programType,
      minDaysEnrolled,
      minActiveMinutesPerCredit,
      requireProctoredSummative: proctored === "on",
      maxAttemptsPerAssessment,
      maxConcurrentPerStudent,
      priorityGrades,
      priorityNote: note === "" ? null : note,
      mode,
    });
  }
  return out;
});
