import { z } from "zod";
import type { AssessmentKind, ProgramType, SubjectArea } from "@/lib/generated/prisma/enums";
import type { CourseRigor } from "@/lib/enrollments/guardrails";
import { districtDay, schoolYearOf, yearLabel } from "@/lib/calendar";
import {
  assessmentSetProblems,
  parseAssessmentKind,
  parseProgramType,
  parseRecovers,
  parseSubjectArea,
  recoversProblem,
  PROGRAM_HELP,
  SUBJECT_HELP,
  type AssessmentSpec,
} from "./rules";

// Inputs of the Catalog page (district administrators) and the field rules the `catalog` import
// shares with it: one set of limits for a course, whichever door it comes through. The limits
// follow the columns (credits Decimal(3,1), weight Decimal(5,2), max score Decimal(6,2)).

const str = z.string({ error: "Required" });
const num = (what: string, min: number, max: number, decimals: number) =>
  str
    .trim()
    .min(1, `Enter ${what}`)
    .regex(
      decimals === 0 ? /^\d+$/ : new RegExp(`^\\d+(\\.\\d{1,${decimals}})?$`),
      decimals === 0 ? `${cap(what)} must be a whole number` : `${cap(what)} must be a number with at most ${decimals} decimal${decimals > 1 ? "s" : ""}`,
    )
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, `${cap(what)} must be at least ${min}`)
        .max(max, `${cap(what)} must be at most ${max}`),
    );
function cap(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
/**
 * Blank = null (the default the column's comment names); otherwise `s`, with its own messages
 * (a z.union of the two would answer a non-number with a bare "Invalid input").
 */
const blankOr = <T>(s: z.ZodType<T, string>) =>
  z
    .string()
    .default("")
    .transform((v, ctx): T | null => {
      if (v.trim() === "") return null;
      const r = s.safeParse(v);
      if (r.success) return r.data;
      for (const i of r.error.issues) ctx.addIssue({ code: "custom", message: i.message });
      return z.NEVER;
    });
const wordOf = <T>(what: string, parse: (v: string) => T | null, help: string) =>
  str.transform((v, ctx): T => {
    const r = parse(v);
    if (r === null) {
      ctx.addIssue({ code: "custom", message: v.trim() ? `"${v.trim().slice(0, 40)}" is not a ${what}: use ${help}` : `Choose the ${what}` });
      return z.NEVER;
    }
    return r;
  });

export const F = {
  providerCode: str
    .trim()
    .min(1, "Enter the provider's code")
    .max(20, "At most 20 characters")
    .regex(/^[A-Za-z0-9_-]+$/, "Letters, digits, - and _ only (e.g. APEX)"),
  providerName: str.trim().min(1, "Enter the provider's name").max(120, "At most 120 characters"),
  courseCode: str.trim().min(1, "Enter the provider's course code").max(40, "At most 40 characters"),
  title: str.trim().min(1, "Enter the title").max(200, "At most 200 characters"),
  subjectArea: wordOf<SubjectArea>("subject area", parseSubjectArea, SUBJECT_HELP),
  programType: wordOf<ProgramType>("program type", parseProgramType, PROGRAM_HELP),
  credits: num("credits", 0.1, 10, 1),
  expectedWeeks: num("expected weeks", 1, 104, 0),
  masteryThreshold: num("the mastery threshold", 1, 100, 0),
  /** Blank = the district's passing grade (DistrictSettings.passingGrade). */
  passingGrade: blankOr(num("the passing grade", 1, 100, 0)),
  // A course's own rigor limits (issue #18, lib/enrollments/guardrails.ts): blank = its program
  // type's policy (RigorPolicy, Settings). The upper bounds are sanity limits, not policy: a year
  // of days, 100,000 minutes (~1,667 hours) per credit, 50 attempts.
  minDaysEnrolled: blankOr(num("the minimum days enrolled", 1, 365, 0)),
  minActiveMinutesPerCredit: blankOr(num("the minimum active minutes per credit", 1, 100000, 0)),
  maxAttemptsPerAssessment: blankOr(num("the most attempts per assessment", 1, 50, 0)),
  /** Blank = the program type's policy; yes = required, no = not required (even where the policy requires it). */
  requireProctoredSummative: z
    .string()
    .default("")
    .transform((v, ctx): boolean | null => {
      const s = v.trim().toLowerCase();
      if (s === "") return null;
      if (["true", "yes", "y", "required"].includes(s)) return true;
      if (["false", "no", "n", "not required", "not_required"].includes(s)) return false;
      ctx.addIssue({ code: "custom", message: `"${v.trim().slice(0, 40)}" is not a choice: use yes (required), no (not required) or blank (the program type's policy)` });
      return z.NEVER;
    }),
  recovers: z
    .string()
    .default("")
    .transform((v, ctx) => {
      const codes = parseRecovers(v);
      const why = recoversProblem(codes);
      if (why) {
        ctx.addIssue({ code: "custom", message: why });
        return z.NEVER;
      }
      return codes;
    }),
  position: num("the position", 1, 999, 0),
  assessmentTitle: str.trim().min(1, "Enter the assessment's title").max(200, "At most 200 characters"),
  kind: wordOf<AssessmentKind>("assessment kind", parseAssessmentKind, "formative or summative"),
  maxScore: num("the maximum score", 0.01, 9999.99, 2),
  weight: num("the weight", 0, 100, 2),
};

const id = (what: string) => z.string().trim().min(1, `Choose ${what}`).max(64, `Choose ${what}`);
const optionalId = z
  .string()
  .trim()
  .max(64)
  .optional()
  .transform((v) => (v ? v : null));
const confirmed = z.literal("yes", { error: "Confirm the change" });

export const providerSchema = z.object({ providerId: optionalId, code: F.providerCode, name: F.providerName });
export type ProviderInput = z.output<typeof providerSchema>;

export type CourseFields = {
  providerCourseCode: string;
  title: string;
  subjectArea: SubjectArea;
  programType: ProgramType;
  credits: number;
  expectedWeeks: number;
  masteryThreshold: number;
  passingGrade: number | null;
  recovers: string[];
};
export type CourseInput = CourseFields & CourseRigor & { courseId: string | null; providerId: string; loadedVersion: number | null; assessments: AssessmentSpec[] };

/** Most assessments one course form may carry (the demo's courses have 5–10). */
export const MAX_ASSESSMENTS = 60;
const ASSESSMENT_FIELD = /^a(\d+)_(position|title|kind|maxScore|weight)$/;

/**
 * The course form: the course's fields, and its assessments as `a<i>_position`, `a<i>_title`,
 * `a<i>_kind`, `a<i>_maxScore`, `a<i>_weight` (i = the row on the form). Field errors come back
 * under the same names; a problem with the whole set (weights, no summative) under `assessments`.
 */
const courseFieldsSchema = z.looseObject({
  courseId: optionalId,
  providerId: id("a provider"),
  /** The course version the form was loaded with (an edit made on a stale form is refused). */
  loadedVersion: z
    .string()
    .optional()
    .transform((v) => (v && /^\d+$/.test(v) ? Number(v) : null)),
  providerCourseCode: F.courseCode,
  title: F.title,
  subjectArea: F.subjectArea,
  programType: F.programType,
  credits: F.credits,
  expectedWeeks: F.expectedWeeks,
  masteryThreshold: F.masteryThreshold,
  passingGrade: F.passingGrade,
  recovers: F.recovers,
  minDaysEnrolled: F.minDaysEnrolled,
  minActiveMinutesPerCredit: F.minActiveMinutesPerCredit,
  requireProctoredSummative: F.requireProctoredSummative,
  maxAttemptsPerAssessment: F.maxAttemptsPerAssessment,
});

type Issue = { path: string; message: string };

/** The `a<i>_*` fields → the assessment set, with an issue per bad field and per set problem. */
function assessmentsOf(raw: Record<string, unknown>): { set: AssessmentSpec[]; issues: Issue[] } {
  const rows = new Map<number, Record<string, unknown>>();
  for (const [k, v] of Object.entries(raw)) {
    const m = ASSESSMENT_FIELD.exec(k);
    if (!m || Number(m[1]) >= MAX_ASSESSMENTS) continue;
    const i = Number(m[1]);
    rows.set(i, { ...rows.get(i), [m[2]!]: typeof v === "string" ? v : "" });
  }
  const indexes = [...rows.keys()].sort((a, b) => a - b).filter((i) => Object.values(rows.get(i)!).some((x) => String(x).trim() !== ""));
  const set: AssessmentSpec[] = [];
  const issues: Issue[] = [];
  const rowOf = new Map<number, number>();
  for (const i of indexes) {
    const r = rows.get(i)!;
    let ok = true;
    const field = <T>(name: string, s: z.ZodType<T>): T => {
      const p = s.safeParse(r[name] ?? "");
      if (p.success) return p.data;
      ok = false;
      issues.push({ path: `a${i}_${name}`, message: p.error.issues[0]?.message ?? "Invalid value" });
      return undefined as T;
    };
    const a = {
      position: field("position", F.position),
      title: field("title", F.assessmentTitle),
      kind: field("kind", F.kind),
      maxScore: field("maxScore", F.maxScore),
      weight: field("weight", F.weight),
    };
    if (ok) {
      rowOf.set(set.length, i);
      set.push(a);
    }
  }
  if (issues.length === 0) {
    for (const p of assessmentSetProblems(set)) issues.push({ path: p.index === null ? "assessments" : `a${rowOf.get(p.index)}_${p.field}`, message: p.message });
  }
  return { set, issues };
}

/**
 * The course form: the course's fields, and its assessments as `a<i>_position`, `a<i>_title`,
 * `a<i>_kind`, `a<i>_maxScore`, `a<i>_weight` (i = the row on the form). Field errors come back
 * under the same names; a problem with the whole set (weights, no summative) under `assessments`.
 * The course's fields and its assessments are checked together, so one answer names every problem.
 */
export const courseSchema = z.unknown().transform((raw, ctx): CourseInput => {
  const obj = raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const fields = courseFieldsSchema.safeParse(obj);
  const { set, issues } = assessmentsOf(obj);
  if (!fields.success) for (const i of fields.error.issues) ctx.addIssue({ code: "custom", path: i.path.slice(0, 1) as string[], message: i.message });
  for (const i of issues) ctx.addIssue({ code: "custom", path: [i.path], message: i.message });
  if (!fields.success || issues.length) return z.NEVER;
  const {
    courseId,
    providerId,
    loadedVersion,
    providerCourseCode,
    title,
    subjectArea,
    programType,
    credits,
    expectedWeeks,
    masteryThreshold,
    passingGrade,
    recovers,
    minDaysEnrolled,
    minActiveMinutesPerCredit,
    requireProctoredSummative,
    maxAttemptsPerAssessment,
  } = fields.data;
  return {
    courseId,
    providerId,
    loadedVersion,
    providerCourseCode,
    title,
    subjectArea,
    programType,
    credits,
    expectedWeeks,
    masteryThreshold,
    passingGrade,
    recovers,
    minDaysEnrolled,
    minActiveMinutesPerCredit,
    requireProctoredSummative,
    maxAttemptsPerAssessment,
    assessments: set,
  };
});

export const courseActiveSchema = z.object({
  courseId: id("a course"),
  active: z.enum(["true", "false"], { error: "Say whether the course takes new enrollments" }).transform((v) => v === "true"),
});
export const courseIdSchema = z.object({ courseId: id("a course"), confirmed });
export type CourseActiveInput = z.output<typeof courseActiveSchema>;
export type CourseIdInput = z.output<typeof courseIdSchema>;

// A provider's contract for one school year (issue #18: the program quality report's cost per
// credit). The year is named as everywhere (lib/calendar.ts: 2025 = 2025-26), written "2025-26" or
// "2025"; from 2000-01 to next school year (contracts are signed ahead). The cost is dollars and
// cents as the contract states it, within the column (Decimal(12,2)); kept as decimal text so no
// float rounding reaches the database.
export const CONTRACT_YEAR_MIN = 2000;
export const CONTRACT_COST_MAX = "9999999999.99";
export const CONTRACT_NOTE_MAX = 300;
const schoolYearText = str.transform((raw, ctx): number => {
  const fail = (message: string) => (ctx.addIssue({ code: "custom", message }), z.NEVER);
  const v = raw.trim();
  if (v === "") return fail("Enter the school year, like 2025-26");
  const m = /^(\d{4})(?:\s*[-–]\s*(\d{2}))?$/.exec(v);
  if (!m) return fail(`"${v.slice(0, 24)}" is not a school year: write it like 2025-26`);
  const y = Number(m[1]);
  if (m[2] !== undefined && Number(m[2]) !== (y + 1) % 100) return fail(`"${v}" is not a school year: write it as ${yearLabel(y)}`);
  if (y < CONTRACT_YEAR_MIN) return fail(`Enter a school year from ${yearLabel(CONTRACT_YEAR_MIN)} on`);
  const next = schoolYearOf(districtDay()) + 1;
  if (y > next) return fail(`${yearLabel(y)} is too far ahead: enter a contract up to ${yearLabel(next)}`);
  return y;
});
const dollars = str.transform((raw, ctx): string => {
  const fail = (message: string) => (ctx.addIssue({ code: "custom", message }), z.NEVER);
  const v = raw.trim().replace(/^\$\s*/, "");
  if (v === "") return fail("Enter the cost in dollars");
  if (/^[-−]/.test(v)) return fail("The cost cannot be negative");
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?$/.exec(v);
  if (!m) return fail("Enter the cost in dollars, like 125000 or $125,000.00");
  const cents = (m[2] ?? "").padEnd(2, "0");
  if (cents.length > 2) return fail("Enter the cost to the cent (at most two decimals)");
  const whole = m[1]!.replaceAll(",", "").replace(/^0+(?=\d)/, "");
  if (whole.length > 10) return fail(`The cost must be at most $${Number(CONTRACT_COST_MAX).toLocaleString("en-US", { minimumFractionDigits: 2 })}`);
  return `${whole}.${cents}`;
});
const contractNote = z
  .string()
  .default("")
  .transform((v) => v.trim())
  .pipe(z.string().max(CONTRACT_NOTE_MAX, `Keep the note to ${CONTRACT_NOTE_MAX} characters`))
  .transform((v) => (v === "" ? null : v));

export const contractSchema = z.object({ providerId: id("a provider"), schoolYear: schoolYearText, cost: dollars, note: contractNote });
export const contractDeleteSchema = z.object({ providerId: id("a provider"), schoolYear: schoolYearText, confirmed });
export type ContractInput = z.output<typeof contractSchema>;
export type ContractDeleteInput = z.output<typeof contractDeleteSchema>;
