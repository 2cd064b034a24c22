// Catalog rules: the words a vendor or an administrator writes for a course's subject area,
// program type and assessment kind; what makes a valid assessment set; when a change to the set is
// a new course version; and how a moved enrollment's results map onto the new version.
// Pure functions (no I/O), shared by the Catalog page's actions and the `catalog` import.
import type { AssessmentKind, ProgramType, SubjectArea } from "@/lib/generated/prisma/enums";
import type { CourseRigor } from "@/lib/enrollments/guardrails";

/** Normalised key of a word: "History / Social Studies" → "history_social_studies". */
const key = (v: string) =>
  v
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");

const SUBJECT_WORDS: Record<string, SubjectArea> = {
  english: "ENGLISH",
  english_language_arts: "ENGLISH",
  ela: "ENGLISH",
  mathematics: "MATHEMATICS",
  math: "MATHEMATICS",
  maths: "MATHEMATICS",
  science: "SCIENCE",
  history_social_studies: "HISTORY_SOCIAL_STUDIES",
  social_studies: "HISTORY_SOCIAL_STUDIES",
  history: "HISTORY_SOCIAL_STUDIES",
  world_language: "WORLD_LANGUAGE",
  world_languages: "WORLD_LANGUAGE",
  foreign_language: "WORLD_LANGUAGE",
  arts: "ARTS",
  art: "ARTS",
  fine_arts: "ARTS",
  elective: "ELECTIVE",
  electives: "ELECTIVE",
};
const PROGRAM_WORDS: Record<string, ProgramType> = {
  credit_recovery: "CREDIT_RECOVERY",
  recovery: "CREDIT_RECOVERY",
  cr: "CREDIT_RECOVERY",
  original_credit: "ORIGINAL_CREDIT",
  first_time_credit: "ORIGINAL_CREDIT",
  oc: "ORIGINAL_CREDIT",
  advanced_placement: "ADVANCED_PLACEMENT",
  ap: "ADVANCED_PLACEMENT",
  skill_development: "SKILL_DEVELOPMENT",
  skills: "SKILL_DEVELOPMENT",
  dropout_prevention: "DROPOUT_PREVENTION",
};
const KIND_WORDS: Record<string, AssessmentKind> = { formative: "FORMATIVE", summative: "SUMMATIVE" };

export const SUBJECT_AREAS = ["ENGLISH", "MATHEMATICS", "SCIENCE", "HISTORY_SOCIAL_STUDIES", "WORLD_LANGUAGE", "ARTS", "ELECTIVE"] as const satisfies readonly SubjectArea[];
export const PROGRAM_TYPES = ["CREDIT_RECOVERY", "ORIGINAL_CREDIT", "ADVANCED_PLACEMENT", "SKILL_DEVELOPMENT", "DROPOUT_PREVENTION"] as const satisfies readonly ProgramType[];

export const SUBJECT_HELP = "english, mathematics, science, history_social_studies, world_language, arts or elective";
export const PROGRAM_HELP = "credit_recovery, original_credit, advanced_placement, skill_development or dropout_prevention";

/** "Mathematics", "math", "MATHEMATICS" → MATHEMATICS; null when the word is not one we know. */
export const parseSubjectArea = (v: string): SubjectArea | null => SUBJECT_WORDS[key(v)] ?? null;
/** "credit recovery", "Credit-Recovery", "CR" → CREDIT_RECOVERY; null when unknown. */
export const parseProgramType = (v: string): ProgramType | null => PROGRAM_WORDS[key(v)] ?? null;
export const parseAssessmentKind = (v: string): AssessmentKind | null => KIND_WORDS[key(v)] ?? null;

/** The word the catalog CSV writes for an enum value (and reads back): MATHEMATICS → mathematics. */
export const enumWord = (v: string) => v.toLowerCase();

/**
 * The SIS course codes a course recovers, as written in one cell or field: separated by `;` or
 * `|` (a comma would split the CSV cell), blanks dropped, duplicates removed, order kept.
 */
export function parseRecovers(v: string): string[] {
  return [
    ...new Set(
      v
        .split(/[;|\n]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}
/** Why a list of SIS codes cannot be stored, or null. */
export function recoversProblem(codes: string[]): string | null {
  const bad = codes.find((c) => c.length > 40 || c.includes(","));
  if (bad) return `"${bad.slice(0, 50)}" is not an SIS course code (at most 40 characters, no commas; separate codes with ; or |)`;
  if (codes.length > 50) return "at most 50 SIS course codes";
  return null;
}

export type AssessmentSpec = { position: number; title: string; kind: AssessmentKind; maxScore: number; weight: number };
/** A problem with a set: `index` = the assessment it is about (in the order given), null = the whole set. */
export type SetProblem = { index: number | null; field: "position" | "weight" | "kind" | "set"; message: string };

/** Weights are percentages of the final grade (lib/enrollments/rules.ts finalGrade), so they sum to 100. */
export const WEIGHT_TOTAL = 100;
const CENT = 0.005;

/**
 * A course's assessments must be a usable grading scheme: at least one assessment, positions used
 * once, weights summing to 100, and at least one summative assessment (completion requires mastery
 * of every summative one: lib/enrollments/credit.ts creditDecision — with none, no credit can be awarded).
 */
export function assessmentSetProblems(set: AssessmentSpec[]): SetProblem[] {
  const out: SetProblem[] = [];
  if (set.length === 0) return [{ index: null, field: "set", message: "A course needs at least one assessment." }];
  const seen = new Map<number, number>();
  set.forEach((a, i) => {
    const first = seen.get(a.position);
    if (first !== undefined) out.push({ index: i, field: "position", message: `Position ${a.position} is used twice (also assessment ${first + 1}).` });
    else seen.set(a.position, i);
  });
  const total = set.reduce((s, a) => s + a.weight, 0);
  if (Math.abs(total - WEIGHT_TOTAL) > CENT) out.push({ index: null, field: "weight", message: `The weights add up to ${round2(total)}; they must add up to ${WEIGHT_TOTAL}.` });
  if (!set.some((a) => a.kind === "SUMMATIVE"))
    out.push({ index: null, field: "kind", message: "At least one assessment must be summative (completion requires mastery of the summative assessments)." });
  return out;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const byPosition = (s: AssessmentSpec[]) => [...s].sort((a, b) => a.position - b.position);

/**
 * How a new assessment set differs from the current version's:
 * - "same": nothing to do;
 * - "titles": only titles changed — they are renamed in place (a title does not grade anything);
 * - "grading": an assessment added or removed, or a position, kind, maximum score or weight
 *   changed — a new course version, so an enrollment's grade never moves under it.
 */
export function setChange(current: AssessmentSpec[], next: AssessmentSpec[]): "same" | "titles" | "grading" {
  const a = byPosition(current);
  const b = byPosition(next);
  if (a.length !== b.length) return "grading";
  let titles = false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.position !== y.position || x.kind !== y.kind || Math.abs(x.maxScore - y.maxScore) > CENT || Math.abs(x.weight - y.weight) > CENT) return "grading";
    if (x.title !== y.title) titles = true;
  }
  return titles ? "titles" : "same";
}

export type MovableResult = { id: string; assessmentId: string; score: number };
export type ResultMove = { id: string; assessmentId: string; score: number };

/**
 * Moving an enrollment to another version of its course: each recorded result goes to the
 * assessment at the same position in the new version, its score rescaled to that assessment's
 * maximum (a percent is kept). Refused — the enrollment stays where it is — when a result's
 * position does not exist in the new version: a recorded score is never dropped.
 */
export function mapResultsByPosition(
  from: (AssessmentSpec & { id: string })[],
  to: (AssessmentSpec & { id: string })[],
  results: MovableResult[],
): { ok: true; moves: ResultMove[] } | { ok: false; missing: number[] } {
  const fromById = new Map(from.map((a) => [a.id, a]));
  const toByPos = new Map(to.map((a) => [a.position, a]));
  const moves: ResultMove[] = [];
  const missing = new Set<number>();
  for (const r of results) {
    const old = fromById.get(r.assessmentId);
    const target = old ? toByPos.get(old.position) : undefined;
    if (!old || !target) {
      missing.add(old?.position ?? -1);
      continue;
    }
    const score = old.maxScore === target.maxScore ? r.score : round2((r.score / old.maxScore) * target.maxScore);
    moves.push({ id: r.id, assessmentId: target.id, score });
  }
  return missing.size ? { ok: false, missing: [...missing].sort((a, b) => a - b) } : { ok: true, moves };
}

/**
 * A course's own rigor limits (issue #18) in words, for the Catalog page; a limit it does not set
 * is its program type's (RigorPolicy on Settings, lib/enrollments/guardrails.ts limitsFor).
 */
export function courseRigorWords(r: CourseRigor): string {
  const own = [
    r.minDaysEnrolled !== null && `at least ${r.minDaysEnrolled} day${r.minDaysEnrolled === 1 ? "" : "s"} enrolled`,
    r.minActiveMinutesPerCredit !== null && `at least ${r.minActiveMinutesPerCredit.toLocaleString("en-US")} active minutes per credit`,
    r.requireProctoredSummative !== null && (r.requireProctoredSummative ? "proctored summative required" : "proctored summative not required"),
    r.maxAttemptsPerAssessment !== null && `at most ${r.maxAttemptsPerAssessment} attempt${r.maxAttemptsPerAssessment === 1 ? "" : "s"} per assessment`,
  ].filter((x): x is string => typeof x === "string");
  if (own.length === 0) return "the program type's policy (Settings)";
  return own.length === 4 ? own.join("; ") : `${own.join("; ")}; otherwise the program type's policy (Settings)`;
}
