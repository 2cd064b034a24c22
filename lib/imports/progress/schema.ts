import { z } from "zod";
import { date, decimal, flag, int, optional, required, text } from "@/lib/imports/validate";

// Provider progress (lib/imports/FORMATS.md), modelled on Apex and Edgenuity gradebook exports:
// one row per assessment attempt, plus a completion row (course_status + final_grade) per course; a
// row with neither names the enrollment only.

export const progressRow = z
  .object({
    provider: required("provider"),
    student_id: required("student_id"),
    course_code: required("course_code"),
    enrollment_id: text,
    assessment: text,
    score: optional(decimal(0, 10000)),
    max_score: optional(decimal(0.01, 10000)),
    date,
    attempt: optional(int(1, 99)),
    course_status: optional(z.enum(["completed", "failed", "withdrawn"], { error: "course_status must be completed, failed or withdrawn" })),
    final_grade: optional(decimal(0, 100)),
    /** Whether the attempt was proctored (yes/no, true/false, Y/N, 1/0); blank = not stated. */
    proctored: optional(flag),
  })
  .superRefine((r, ctx) => {
    if (!r.assessment && r.proctored !== null) ctx.addIssue({ code: "custom", path: ["proctored"], message: "proctored is read on a result row (with an assessment) only" });
    if (r.assessment) {
      if (r.score === null) ctx.addIssue({ code: "custom", path: ["score"], message: "score is required on an assessment row" });
      if (r.max_score === null) ctx.addIssue({ code: "custom", path: ["max_score"], message: "max_score is required on an assessment row" });
      if (r.score !== null && r.max_score !== null && r.score > r.max_score) ctx.addIssue({ code: "custom", path: ["score"], message: "score exceeds max_score" });
    } else if (!r.course_status) {
      // Neither a result nor a completion: an enrollment row (the enrollments export writes one for
      // an enrollment without results). Anything else on it means the assessment is missing.
      if (r.score !== null || r.max_score !== null || r.attempt !== null || r.final_grade !== null) {
        ctx.addIssue({ code: "custom", path: ["assessment"], message: "a row needs an assessment (with score and max_score) or a course_status" });
      }
    } else if (r.course_status !== "withdrawn" && r.final_grade === null) {
      ctx.addIssue({ code: "custom", path: ["final_grade"], message: `final_grade is required when course_status is ${r.course_status}` });
    }
  });

export type ProgressRow = z.output<typeof progressRow>;
export const REQUIRED_PROGRESS = ["provider", "student_id", "course_code", "assessment", "score", "max_score", "date"] as const;
