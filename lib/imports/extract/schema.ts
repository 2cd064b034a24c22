import { z } from "zod";
import { parseFlag } from "@/lib/imports/rules";
import { ImportFileError } from "@/lib/imports/report";
import { date, decimal, int, optional, required, schoolYear, text } from "@/lib/imports/validate";

// The district student extract (lib/imports/FORMATS.md): what OneRoster lacks, keyed by SIS id.
// Six CSV files, told apart by their headers (extractKindOf); an empty optional cell leaves the
// value as it is — except in the roll and the state test results, where a row is the whole record
// (an empty cell = not known).

const yesNo = z.string().transform((v, ctx) => {
  const b = parseFlag(v);
  if (b === null) {
    ctx.addIssue({ code: "custom", message: "not a yes/no value (Y/N, yes/no, true/false, 1/0)" });
    return z.NEVER;
  }
  return b;
});

export const studentRow = z.object({
  sis_id: required("sis_id"),
  state_id: optional(z.string().regex(/^[A-Za-z0-9-]{1,20}$/, "state_id must be 1–20 letters or digits")),
  grade: optional(int(9, 12)),
  first_ninth_grade_year: optional(int(1990, 2100)),
  english_learner: optional(yesNo),
  special_education: optional(yesNo),
  low_income: optional(yesNo),
  attendance_rate: optional(decimal(0, 100)),
  suspensions: optional(int(0, 365)),
  courses_failed_this_year: optional(int(0, 30)),
  counselor: text,
});

export const EVENTS = {
  entered: "ENTERED",
  graduated: "GRADUATED",
  dropped_out: "DROPPED_OUT",
  transferred_out: "TRANSFERRED_OUT",
  emigrated: "EMIGRATED",
  deceased: "DECEASED",
  reengaged: "REENGAGED",
  earned_equivalency: "EARNED_EQUIVALENCY",
} as const;

export const statusEventRow = z
  .object({
    sis_id: required("sis_id"),
    event: z.string().transform((v, ctx) => {
      const k =
        EVENTS[
          v
            .trim()
            .toLowerCase()
            .replace(/[\s-]+/g, "_")
            .replace("re_engaged", "reengaged") as keyof typeof EVENTS
        ];
      if (!k) {
        ctx.addIssue({ code: "custom", message: `event must be one of ${Object.keys(EVENTS).join(", ")}` });
        return z.NEVER;
      }
      return k;
    }),
    date,
    school_code: text,
    grade: optional(int(9, 12)),
    documented: optional(yesNo),
    transfer_in: optional(yesNo),
    credential: optional(z.enum(["regular_diploma", "certificate"], { error: "credential must be regular_diploma or certificate" })),
    reason: text,
    event_id: text,
  })
  .superRefine((r, ctx) => {
    if (r.event === "TRANSFERRED_OUT" && r.documented === null) {
      ctx.addIssue({ code: "custom", path: ["documented"], message: "documented (yes/no) is required for transferred_out: only a documented transfer leaves the cohort" });
    }
  });

export const SUBJECTS = {
  english: "ENGLISH",
  ela: "ENGLISH",
  english_language_arts: "ENGLISH",
  mathematics: "MATHEMATICS",
  math: "MATHEMATICS",
  science: "SCIENCE",
  history_social_studies: "HISTORY_SOCIAL_STUDIES",
  social_studies: "HISTORY_SOCIAL_STUDIES",
  history: "HISTORY_SOCIAL_STUDIES",
  world_language: "WORLD_LANGUAGE",
  arts: "ARTS",
  elective: "ELECTIVE",
} as const;

/**
 * A subject area as SIS and state files write it: the SubjectArea name in any case, or a common word
 * (math, ELA, English language arts, history, social studies…). One parser for the transcript and
 * the state test results, so both files name a subject the same way.
 */
export const subjectArea = (column: string) =>
  z.string().transform((v, ctx) => {
    const k = v
      .trim()
      .toLowerCase()
      .replace(/[\s/&-]+/g, "_");
    const s = Object.hasOwn(SUBJECTS, k) ? SUBJECTS[k as keyof typeof SUBJECTS] : undefined;
    if (!s) {
      ctx.addIssue({ code: "custom", message: `${column} must be english, mathematics, science, history_social_studies, world_language, arts or elective` });
      return z.NEVER;
    }
    return s;
  });

export const transcriptRow = z
  .object({
    sis_id: required("sis_id"),
    course_code: required("course_code"),
    course_title: required("course_title"),
    subject_area: subjectArea("subject_area"),
    school_year: schoolYear,
    term: z.string().regex(/^[A-Za-z0-9]{1,8}$/, "term must be a short code such as FY, S1, Q3, SUM"),
    grade: required("grade"),
    credits_attempted: decimal(0, 99),
    credits_earned: decimal(0, 99),
    row_id: text,
  })
  .superRefine((r, ctx) => {
    if (r.credits_earned > r.credits_attempted) ctx.addIssue({ code: "custom", path: ["credits_earned"], message: "credits_earned exceeds credits_attempted" });
  });

/** A grade as SIS rolls write it: 9–12 (or 09), K–8 (0–8, K, KG, PK, TK: below high school), nothing else. */
const rollGrade = z.string().transform((v, ctx) => {
  const t = v.trim().toUpperCase();
  if (/^(PK|TK|PS|K|KG)$/.test(t)) return 0;
  if (/^\d{1,2}$/.test(t) && Number(t) <= 12) return Number(t);
  ctx.addIssue({ code: "custom", message: t === "" ? "grade is required (9–12; rows for grades K–8 are skipped)" : "grade must be 9–12 (rows for grades K–8 are skipped)" });
  return z.NEVER;
});

/** A flag of that year: column absent → undefined (the stored value stays); empty cell → null (not known); else yes/no. */
const yearFlag = z
  .string()
  .optional()
  .transform((v, ctx): boolean | null | undefined => {
    if (v === undefined) return undefined;
    if (v.trim() === "") return null;
    const b = parseFlag(v);
    if (b === null) {
      ctx.addIssue({ code: "custom", message: "not a yes/no value (Y/N, yes/no, true/false, 1/0); leave it empty when not known" });
      return z.NEVER;
    }
    return b;
  });

/**
 * The October 1 roll: one row per student and school year (StudentYear) — the denominator of the
 * MA DESE annual dropout rate (lib/reports/dropout.ts) and that year's programme and income flags.
 */
export const rollRow = z.object({
  sis_id: required("sis_id"),
  school_year: schoolYear,
  school_code: required("school_code"),
  grade: rollGrade,
  enrolled_oct1: z.string().transform((v, ctx) => {
    const b = v.trim() === "" ? null : parseFlag(v);
    if (b === null) {
      ctx.addIssue({ code: "custom", message: "enrolled_oct1 must be yes or no (was the student enrolled on October 1 of that year?)" });
      return z.NEVER;
    }
    return b;
  }),
  english_learner: yearFlag,
  special_education: yearFlag,
  low_income: yearFlag,
});

/**
 * The course sequence (issue #18, the program quality report): after SIS course `course_code`
 * comes `next_course_code` (Algebra I → Geometry); a course may have several. A file adds pairs and
 * `remove` = yes deletes one; it never replaces the whole sequence.
 */
export const sequenceRow = z
  .object({
    course_code: required("course_code"),
    next_course_code: required("next_course_code"),
    remove: optional(yesNo),
  })
  .superRefine((r, ctx) => {
    if (r.next_course_code === r.course_code) {
      ctx.addIssue({ code: "custom", path: ["next_course_code"], message: "next_course_code is the same as course_code: a course cannot come after itself" });
    }
  });

/**
 * A state test result (issue #18): one row per student, test and school year (StateTestResult).
 * A row is the whole result: an empty scaled_score or proficient is not known (null); proficient
 * null = decided by the level (DistrictSettings.proficientLevels).
 */
export const stateTestRow = z.object({
  sis_id: required("sis_id"),
  test: required("test"),
  subject: subjectArea("subject"),
  year: schoolYear,
  level: required("level"),
  scaled_score: optional(
    z
      .string()
      .regex(/^\d{1,6}(\.\d{1,2})?$/, "scaled_score must be a number from 0 to 999999.99, with at most 2 decimals")
      .transform(Number),
  ),
  proficient: optional(yesNo),
});

/**
 * The files of the extract, told apart by their header. `required`: the columns the file must have;
 * `markers`: columns that name the kind. A students file never has them — nor does the students
 * export (lib/exports/students.ts: it has school_code and credits_earned, so those are no markers) —
 * so a header with a marker but not all required columns is an error, never a students file.
 */
export const FILE_KINDS = {
  students: { label: "students", required: ["sis_id"], markers: [] },
  events: { label: "status events", required: ["sis_id", "event", "date"], markers: ["event"] },
  transcript: {
    label: "transcript",
    required: ["sis_id", "course_code", "course_title", "subject_area", "school_year", "term", "grade", "credits_attempted", "credits_earned"],
    markers: ["course_code", "course_title", "subject_area", "term"],
  },
  roll: { label: "October 1 roll", required: ["sis_id", "school_year", "school_code", "grade", "enrolled_oct1"], markers: ["school_year", "enrolled_oct1"] },
  // Not transcript's course_code: a transcript has it too, and has no next_course_code.
  sequence: { label: "course sequence", required: ["course_code", "next_course_code"], markers: ["next_course_code"] },
  // No year: too common a word to mark a kind. Without subject and level as markers, a results file
  // lacking `test` but with a tested `grade` would be read as a students file setting today's grade.
  stateTests: {
    label: "state test results",
    required: ["sis_id", "test", "subject", "year", "level"],
    markers: ["test", "subject", "level", "scaled_score", "proficient"],
  },
} as const satisfies Record<string, { label: string; required: readonly string[]; markers: readonly string[] }>;
const STUDENT_COLUMNS = Object.keys(studentRow.shape).filter((c) => c !== "sis_id");

export type ExtractFileKind = keyof typeof FILE_KINDS;
const KINDS = Object.keys(FILE_KINDS) as ExtractFileKind[];

export const REQUIRED = Object.fromEntries(KINDS.map((k) => [k, FILE_KINDS[k].required])) as { [K in ExtractFileKind]: (typeof FILE_KINDS)[K]["required"] };

/** The kinds and their required columns, as every header error states them. */
export const KINDS_TEXT =
  "The district extract's files are told by their header: " +
  `students (sis_id and at least one of ${STUDENT_COLUMNS.join(", ")}); ` +
  KINDS.filter((k) => k !== "students")
    .map((k) => `${FILE_KINDS[k].label} (${FILE_KINDS[k].required.join(", ")})`)
    .join("; ") +
  ". See lib/imports/FORMATS.md.";

/**
 * Which extract file a header belongs to, by its columns (names trimmed, a BOM ignored, any case; matched
 * exactly, as the rows are read). A header that has every required column of exactly one kind
 * other than students is that kind; one with all of several is ambiguous; one with a
 * marker of a kind but not all its columns is that kind, incomplete; otherwise sis_id and at least
 * one students column is a students file. Anything else is an error — never a silent "unchanged",
 * and never a students file that would overwrite current grades from another kind's columns.
 */
export function extractKindOf(header: string[], file: string): ExtractFileKind {
  const cols = new Set(
    header.map((h) =>
      h
        .replace(/^\uFEFF/, "")
        .trim()
        .toLowerCase(),
    ),
  );
  const has = (c: string) => cols.has(c);
  const others = KINDS.filter((k) => k !== "students");
  const full = others.filter((k) => FILE_KINDS[k].required.every(has));
  const fail = (message: string) => new ImportFileError([{ file, line: 1, column: null, value: null, message: `${message} ${KINDS_TEXT}` }]);
  if (full.length === 1) return full[0]!;
  if (full.length > 1)
    throw fail(`The header has the columns of more than one kind of file (${full.map((k) => FILE_KINDS[k].label).join(", ")}): split it into one file per kind.`);
  const partial = others.filter((k) => FILE_KINDS[k].markers.some(has));
  if (partial.length) {
    const what = partial.map(
      (k) => `${/^[aeiou]/i.test(FILE_KINDS[k].label) ? "an" : "a"} ${FILE_KINDS[k].label} file without ${FILE_KINDS[k].required.filter((c) => !has(c)).join(", ")}`,
    );
    throw fail(`The header looks like ${what.join(" or like ")}: add the missing columns.`);
  }
  if (has("sis_id") && STUDENT_COLUMNS.some(has)) return "students";
  throw fail(`Unrecognised header (${[...cols].slice(0, 8).join(", ") || "empty"}${cols.size > 8 ? ", …" : ""}).`);
}

/** Every column read from each kind of file (headers are matched to these without regard to case). */
export const COLUMNS: { [K in ExtractFileKind]: readonly string[] } = {
  students: Object.keys(studentRow.shape),
  events: Object.keys(statusEventRow.shape),
  transcript: Object.keys(transcriptRow.shape),
  roll: Object.keys(rollRow.shape),
  sequence: Object.keys(sequenceRow.shape),
  stateTests: Object.keys(stateTestRow.shape),
};
