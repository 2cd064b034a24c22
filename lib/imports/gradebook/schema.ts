import { z } from "zod";
import { date, decimal, optional, required, rosterStatus, sourcedId, text } from "@/lib/imports/validate";

// Row schemas of the OneRoster 1.2 CSV binding's gradebook files (1EdTech "OneRoster: CSV Binding"
// 1.2.1, lineItems.csv, results.csv, categories.csv, scoreScales.csv) and the roster files a
// gradebook refers to (classes.csv, courses.csv, users.csv): the columns CreditTrack reads; the
// others are ignored. `REQUIRED` lists the header columns each file must have.

/** The files read, in the binding's spelling (matched without regard to case). Others are not read. */
export const FILE_NAMES = ["manifest.csv", "lineItems.csv", "results.csv", "classes.csv", "courses.csv", "users.csv", "categories.csv", "scoreScales.csv"] as const;
export type GradebookFile = (typeof FILE_NAMES)[number];
/** A gradebook cannot be read without these. */
export const NEEDED: readonly GradebookFile[] = ["lineItems.csv", "results.csv", "classes.csv"];

export const REQUIRED: Record<GradebookFile, readonly string[]> = {
  "manifest.csv": ["propertyName", "value"],
  "lineItems.csv": ["sourcedId", "title", "classSourcedId"],
  "results.csv": ["sourcedId", "lineItemSourcedId", "studentSourcedId", "scoreStatus", "score", "scoreDate"],
  "classes.csv": ["sourcedId"],
  "courses.csv": ["sourcedId"],
  "users.csv": ["sourcedId"],
  "categories.csv": ["sourcedId", "title"],
  "scoreScales.csv": ["sourcedId", "title"],
};
export const COLUMNS: Record<GradebookFile, readonly string[]> = {
  "manifest.csv": [],
  // 1.1 named the period gradingPeriodSourcedId; 1.2 academicSessionSourcedId. Neither is used.
  "lineItems.csv": [
    "status",
    "dateLastModified",
    "description",
    "assignDate",
    "dueDate",
    "categorySourcedId",
    "gradingPeriodSourcedId",
    "academicSessionSourcedId",
    "schoolSourcedId",
    "resultValueMin",
    "resultValueMax",
  ],
  "results.csv": ["status", "dateLastModified", "comment", "textScore", "classSourcedId", "inProgress", "incomplete", "late", "missing"],
  "classes.csv": ["status", "title", "classCode", "courseSourcedId"],
  "courses.csv": ["status", "title", "courseCode"],
  "users.csv": ["status", "identifier"],
  "categories.csv": ["status", "weight"],
  "scoreScales.csv": ["status", "type", "scoreScaleValue"],
};

/** OneRoster 1.2 ScoreStatus (an extensible enumeration; an unknown value is refused). */
export const SCORE_STATUSES = ["fully graded", "partially graded", "submitted", "not submitted", "exempt"] as const;
export type ScoreStatus = (typeof SCORE_STATUSES)[number];
/** The one status whose score is final: it becomes an AssessmentResult (lib/imports/FORMATS.md §3a). */
export const RECORDED: ScoreStatus = "fully graded";

const score = decimal(-10000, 10000);
const base = { sourcedId, status: rosterStatus };

export const lineItemRow = z
  .object({
    ...base,
    title: required("title"),
    classSourcedId: required("classSourcedId"),
    categorySourcedId: text,
    resultValueMin: optional(score),
    resultValueMax: optional(score),
  })
  .superRefine((r, ctx) => {
    if (r.resultValueMax !== null && r.resultValueMax <= (r.resultValueMin ?? 0)) {
      ctx.addIssue({ code: "custom", path: ["resultValueMax"], message: `resultValueMax must be above resultValueMin (${r.resultValueMin ?? 0})` });
    }
  });
export type LineItemRow = z.output<typeof lineItemRow>;

/** A result whose score is recorded: score and scoreDate are required. */
export const gradedRow = z.object({
  ...base,
  lineItemSourcedId: required("lineItemSourcedId"),
  studentSourcedId: required("studentSourcedId"),
  score: z.string({ error: "score is required when scoreStatus is fully graded" }).min(1, "score is required when scoreStatus is fully graded").pipe(score),
  scoreDate: z.string().min(1, "scoreDate is required when scoreStatus is fully graded").pipe(date),
});
/** A result that is only counted (not graded yet, exempt, not submitted). */
export const ungradedRow = z.object({ ...base, lineItemSourcedId: required("lineItemSourcedId"), studentSourcedId: required("studentSourcedId"), score: optional(score) });

export const classRow = z.object({ ...base, classCode: text, courseSourcedId: text });
export const courseRow = z.object({ ...base, courseCode: text });
export const userRow = z.object({ ...base, identifier: text });
export const categoryRow = z.object({ ...base, title: required("title"), weight: optional(decimal(0, 100)) });
export const scoreScaleRow = z.object({ ...base, title: required("title") });
