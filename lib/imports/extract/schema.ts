import { z } from "zod";
import { parseFlag } from "@/lib/imports/rules";
import { date, decimal, int, optional, required, text } from "@/lib/imports/validate";

// The district student extract (lib/imports/FORMATS.md): what OneRoster lacks, keyed by SIS id.
// Three CSV files, told apart by their headers; an empty optional cell leaves the value as it is.

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
      const k = EVENTS[v.trim().toLowerCase().replace(/[\s-]+/g, "_").replace("re_engaged", "reengaged") as keyof typeof EVENTS];
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
  mathematics: "MATHEMATICS",
  math: "MATHEMATICS",
  science: "SCIENCE",
  history_social_studies: "HISTORY_SOCIAL_STUDIES",
  social_studies: "HISTORY_SOCIAL_STUDIES",
  world_language: "WORLD_LANGUAGE",
  arts: "ARTS",
  elective: "ELECTIVE",
} as const;

export const transcriptRow = z
  .object({
    sis_id: required("sis_id"),
    course_code: required("course_code"),
    course_title: required("course_title"),
    subject_area: z.string().transform((v, ctx) => {
      const s = SUBJECTS[v.trim().toLowerCase().replace(/[\s/&-]+/g, "_") as keyof typeof SUBJECTS];
      if (!s) {
        ctx.addIssue({ code: "custom", message: "subject_area must be english, mathematics, science, history_social_studies, world_language, arts or elective" });
        return z.NEVER;
      }
      return s;
    }),
    school_year: int(1990, 2100),
    term: z.string().regex(/^[A-Za-z0-9]{1,8}$/, "term must be a short code such as FY, S1, Q3, SUM"),
    grade: required("grade"),
    credits_attempted: decimal(0, 99),
    credits_earned: decimal(0, 99),
    row_id: text,
  })
  .superRefine((r, ctx) => {
    if (r.credits_earned > r.credits_attempted) ctx.addIssue({ code: "custom", path: ["credits_earned"], message: "credits_earned exceeds credits_attempted" });
  });

export const REQUIRED = {
  students: ["sis_id"],
  events: ["sis_id", "event", "date"],
  transcript: ["sis_id", "course_code", "course_title", "subject_area", "school_year", "term", "grade", "credits_attempted", "credits_earned"],
} as const;

export type ExtractFileKind = keyof typeof REQUIRED;

/** Which extract file a header belongs to. */
export function extractKindOf(header: string[]): ExtractFileKind {
  if (header.includes("event")) return "events";
  if (header.includes("course_code")) return "transcript";
  return "students";
}
