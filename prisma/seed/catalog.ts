// The online-course catalog (three providers, 30 courses across every program type and subject)
// and the SIS course sequence that transcripts are drawn from.
import type { Rng } from "./prng";

export type Subject = "ENGLISH" | "MATHEMATICS" | "SCIENCE" | "HISTORY_SOCIAL_STUDIES" | "WORLD_LANGUAGE" | "ARTS" | "ELECTIVE";
export type Program = "CREDIT_RECOVERY" | "ORIGINAL_CREDIT" | "ADVANCED_PLACEMENT" | "SKILL_DEVELOPMENT" | "DROPOUT_PREVENTION";

export const PROVIDERS = [
  { code: "APEX", name: "Apex Learning" },
  { code: "EDGE", name: "Edgenuity" },
  { code: "EDMT", name: "Edmentum" },
] as const;

type CourseSpec = [provider: string, code: string, title: string, subject: Subject, program: Program, credits: number];

const COURSES: CourseSpec[] = [
  ["APEX", "CR-ENG9", "English 9 (Credit Recovery)", "ENGLISH", "CREDIT_RECOVERY", 1],
  ["EDGE", "CR-ENG10", "English 10 (Credit Recovery)", "ENGLISH", "CREDIT_RECOVERY", 1],
  ["APEX", "CR-ALG1", "Algebra I (Credit Recovery)", "MATHEMATICS", "CREDIT_RECOVERY", 1],
  ["EDGE", "CR-GEOM", "Geometry (Credit Recovery)", "MATHEMATICS", "CREDIT_RECOVERY", 1],
  ["EDMT", "CR-ALG2", "Algebra II (Credit Recovery)", "MATHEMATICS", "CREDIT_RECOVERY", 1],
  ["APEX", "CR-BIO", "Biology (Credit Recovery)", "SCIENCE", "CREDIT_RECOVERY", 1],
  ["EDMT", "CR-CHEM", "Chemistry (Credit Recovery)", "SCIENCE", "CREDIT_RECOVERY", 1],
  ["EDGE", "CR-WHIST", "World History (Credit Recovery)", "HISTORY_SOCIAL_STUDIES", "CREDIT_RECOVERY", 1],
  ["APEX", "CR-USHIST", "U.S. History (Credit Recovery)", "HISTORY_SOCIAL_STUDIES", "CREDIT_RECOVERY", 1],
  ["EDMT", "CR-SPAN1", "Spanish I (Credit Recovery)", "WORLD_LANGUAGE", "CREDIT_RECOVERY", 1],
  ["EDGE", "CR-ART", "Art Appreciation (Credit Recovery)", "ARTS", "CREDIT_RECOVERY", 0.5],
  ["EDMT", "CR-HLTH", "Health (Credit Recovery)", "ELECTIVE", "CREDIT_RECOVERY", 0.5],
  ["EDGE", "OC-ENG12", "English 12: British Literature", "ENGLISH", "ORIGINAL_CREDIT", 1],
  ["APEX", "OC-PSTAT", "Probability and Statistics", "MATHEMATICS", "ORIGINAL_CREDIT", 1],
  ["EDMT", "OC-ENVSCI", "Environmental Science", "SCIENCE", "ORIGINAL_CREDIT", 1],
  ["APEX", "OC-ECON", "Economics", "HISTORY_SOCIAL_STUDIES", "ORIGINAL_CREDIT", 0.5],
  ["EDGE", "OC-FREN1", "French I", "WORLD_LANGUAGE", "ORIGINAL_CREDIT", 1],
  ["EDMT", "OC-MUSAP", "Music Appreciation", "ARTS", "ORIGINAL_CREDIT", 0.5],
  ["APEX", "OC-PFIN", "Personal Finance", "ELECTIVE", "ORIGINAL_CREDIT", 0.5],
  ["APEX", "AP-LANG", "AP English Language and Composition", "ENGLISH", "ADVANCED_PLACEMENT", 1],
  ["EDGE", "AP-CALCAB", "AP Calculus AB", "MATHEMATICS", "ADVANCED_PLACEMENT", 1],
  ["APEX", "AP-BIO", "AP Biology", "SCIENCE", "ADVANCED_PLACEMENT", 1],
  ["EDGE", "AP-PSYCH", "AP Psychology", "HISTORY_SOCIAL_STUDIES", "ADVANCED_PLACEMENT", 1],
  ["EDMT", "SD-READ", "Reading Skills Builder", "ENGLISH", "SKILL_DEVELOPMENT", 0.5],
  ["EDMT", "SD-MATH", "Foundations of Math", "MATHEMATICS", "SKILL_DEVELOPMENT", 0.5],
  ["APEX", "SD-STUDY", "Study Skills and Strategies", "ELECTIVE", "SKILL_DEVELOPMENT", 0.5],
  ["EDGE", "SD-CAREER", "Career Readiness", "ELECTIVE", "SKILL_DEVELOPMENT", 0.5],
  ["EDGE", "DP-SUCC", "Student Success Seminar", "ELECTIVE", "DROPOUT_PREVENTION", 0.5],
  ["EDMT", "DP-ENGRC", "English Recovery Lab", "ENGLISH", "DROPOUT_PREVENTION", 1],
  ["APEX", "DP-MATHR", "Math Recovery Lab", "MATHEMATICS", "DROPOUT_PREVENTION", 1],
];

/**
 * The SIS course codes (SIS_SEQUENCE below) each credit-recovery course recovers: the catalog's
 * `recovers` field, by which the student page offers replacements first (lib/students/recovery.ts).
 * Art Appreciation (0.5 credit) recovers none of the 1-credit arts courses: a failed arts course
 * is offered it as an arts-credit substitute only, the fallback the page labels as such.
 */
const RECOVERS: Record<string, string[]> = {
  "CR-ENG9": ["E101"],
  "CR-ENG10": ["E201"],
  "CR-ALG1": ["M101"],
  "CR-GEOM": ["M201"],
  "CR-ALG2": ["M301"],
  "CR-BIO": ["S101"],
  "CR-CHEM": ["S201"],
  "CR-WHIST": ["H101"],
  "CR-USHIST": ["H201", "H301"],
  "CR-SPAN1": ["L101"],
  "CR-HLTH": ["P102"],
};

export interface CatalogAssessment {
  id: string;
  position: number;
  title: string;
  kind: "FORMATIVE" | "SUMMATIVE";
  weight: number;
  maxScore: number;
}
export interface CatalogCourse {
  id: string;
  providerCode: string;
  code: string;
  title: string;
  subject: Subject;
  program: Program;
  credits: number;
  masteryThreshold: number;
  expectedWeeks: number;
  /** SIS course codes this course recovers (credit recovery only; may be empty). */
  recovers: string[];
  assessments: CatalogAssessment[];
}

const MAX_SCORES = [10, 20, 50, 100] as const;

/**
 * Builds the 30 catalog courses. Each has 5–10 assessments in order, formative and summative
 * interleaved (a unit quiz, then a unit test), at least two summatives and the last one summative;
 * summatives weigh three times a formative and the weights sum to exactly 100.
 */
export function buildCatalog(rng: Rng, courseId: () => string, assessmentId: () => string): CatalogCourse[] {
  return COURSES.map(([providerCode, code, title, subject, program, credits]) => {
    const n = rng.int(5, 10);
    const kinds: ("FORMATIVE" | "SUMMATIVE")[] = [];
    for (let i = 0; i < n; i++) kinds.push(i === n - 1 || i % 3 === 2 || (i % 2 === 1 && rng.chance(0.3)) ? "SUMMATIVE" : "FORMATIVE");
    if (kinds.filter((k) => k === "SUMMATIVE").length < 2) kinds[n - 3] = "SUMMATIVE";
    const units = kinds.map((k) => (k === "SUMMATIVE" ? 3 : 1));
    const total = units.reduce((a, b) => a + b, 0);
    // Weights to two decimals; the last one takes the rounding remainder so the sum is exactly 100.
    const weights = units.map((u) => Math.floor((10000 * u) / total) / 100);
    weights[n - 1] = Math.round((100 - weights.slice(0, -1).reduce((a, b) => a + b, 0)) * 100) / 100;
    let quiz = 0;
    let test = 0;
    const assessments = kinds.map((kind, i) => ({
      id: assessmentId(),
      position: i + 1,
      title: kind === "FORMATIVE" ? `Unit ${++quiz} Quiz` : i === n - 1 ? "Final Exam" : `Unit Test ${++test}`,
      kind,
      weight: weights[i],
      maxScore: kind === "FORMATIVE" ? rng.pick(MAX_SCORES.slice(0, 2)) : rng.pick(MAX_SCORES.slice(2)),
    }));
    return {
      id: courseId(),
      providerCode,
      code,
      title,
      subject,
      program,
      credits,
      masteryThreshold: rng.pick([60, 65, 70, 70, 75, 80]),
      expectedWeeks: credits === 0.5 ? rng.int(6, 10) : rng.int(10, 18),
      recovers: RECOVERS[code] ?? [],
      assessments,
    };
  });
}

/** A course a student takes in the SIS: code, title, subject, credits, term. */
export interface SisCourse {
  code: string;
  title: string;
  subject: Subject;
  credits: number;
  term: "FY" | "S1" | "S2";
}

const sis = (code: string, title: string, subject: Subject, credits: number, term: SisCourse["term"] = "FY"): SisCourse => ({ code, title, subject, credits, term });

/** The typical course load by grade: 6–7 courses, about 5.5–6 credits a year (22+ over four years). */
export const SIS_SEQUENCE: Record<number, SisCourse[][]> = {
  9: [
    [sis("E101", "English 9", "ENGLISH", 1)],
    [sis("M101", "Algebra I", "MATHEMATICS", 1)],
    [sis("S101", "Biology", "SCIENCE", 1)],
    [sis("H101", "World History", "HISTORY_SOCIAL_STUDIES", 1)],
    [sis("L101", "Spanish I", "WORLD_LANGUAGE", 1), sis("L111", "French I", "WORLD_LANGUAGE", 1)],
    [sis("P101", "Physical Education", "ELECTIVE", 0.5, "S1")],
    [sis("P102", "Health", "ELECTIVE", 0.5, "S2")],
  ],
  10: [
    [sis("E201", "English 10", "ENGLISH", 1)],
    [sis("M201", "Geometry", "MATHEMATICS", 1)],
    [sis("S201", "Chemistry", "SCIENCE", 1)],
    [sis("H201", "U.S. History I", "HISTORY_SOCIAL_STUDIES", 1)],
    [sis("L201", "Spanish II", "WORLD_LANGUAGE", 1), sis("L211", "French II", "WORLD_LANGUAGE", 1)],
    [sis("A201", "Visual Art I", "ARTS", 1), sis("A211", "Chorus", "ARTS", 1), sis("A221", "Digital Media", "ARTS", 1)],
  ],
  11: [
    [sis("E301", "English 11", "ENGLISH", 1)],
    [sis("M301", "Algebra II", "MATHEMATICS", 1)],
    [sis("S301", "Physics", "SCIENCE", 1)],
    [sis("H301", "U.S. History II", "HISTORY_SOCIAL_STUDIES", 1)],
    [sis("C301", "Computer Science Principles", "ELECTIVE", 1), sis("C311", "Engineering Design", "ELECTIVE", 1)],
    [sis("C321", "Psychology", "ELECTIVE", 0.5, "S1")],
    [sis("C322", "Financial Literacy", "ELECTIVE", 0.5, "S2")],
  ],
  12: [
    [sis("E401", "English 12", "ENGLISH", 1)],
    [sis("M401", "Precalculus", "MATHEMATICS", 1), sis("M411", "Statistics", "MATHEMATICS", 1)],
    [sis("S401", "Environmental Science", "SCIENCE", 1), sis("S411", "Anatomy and Physiology", "SCIENCE", 1)],
    [sis("H401", "Civics", "HISTORY_SOCIAL_STUDIES", 0.5, "S1")],
    [sis("C401", "Creative Writing", "ELECTIVE", 0.5, "S2")],
    [sis("C411", "Senior Capstone", "ELECTIVE", 1), sis("A401", "Studio Art II", "ARTS", 1)],
  ],
};

/**
 * The district's course sequence (CourseSequence; issue #18: did a completer go on to the next
 * course?), read off SIS_SEQUENCE: after each course of a core subject (English, mathematics,
 * science, history) every course of that subject the next grade offers (Algebra II → Precalculus
 * or Statistics); a world language goes on in the same language (Spanish I → Spanish II), the i-th
 * choice of its slot to the i-th of the next grade's. Arts and electives have no sequence.
 */
export function courseSequence(): [courseCode: string, nextCode: string][] {
  const CORE: Subject[] = ["ENGLISH", "MATHEMATICS", "SCIENCE", "HISTORY_SOCIAL_STUDIES"];
  const out: [string, string][] = [];
  for (const grade of [9, 10, 11]) {
    for (const slot of SIS_SEQUENCE[grade]) {
      const subject = slot[0].subject;
      const next = SIS_SEQUENCE[grade + 1].find((s) => s[0].subject === subject);
      if (!next) continue;
      if (CORE.includes(subject)) for (const c of slot) for (const n of next) out.push([c.code, n.code]);
      else if (subject === "WORLD_LANGUAGE") slot.forEach((c, i) => next[i] && out.push([c.code, next[i].code]));
    }
  }
  return out;
}
