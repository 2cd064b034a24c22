import { z } from "zod";

// A column mapping (lib/imports/FORMATS.md, "Column mappings"): how the columns of a vendor's file
// become the fields of CreditTrack's provider progress import (§3). Stored per version in
// ImportMapping.definition, and exported/imported as this JSON.

export const MAPPING_FORMAT = "credittrack-column-mapping";

/** The provider progress import's fields, in its order (lib/imports/progress/schema.ts). */
export const PROGRESS_FIELDS = [
  "provider",
  "student_id",
  "course_code",
  "enrollment_id",
  "assessment",
  "score",
  "max_score",
  "date",
  "attempt",
  "course_status",
  "final_grade",
  "proctored",
] as const;
export type ProgressField = (typeof PROGRESS_FIELDS)[number];
export const REQUIRED_FIELDS: readonly ProgressField[] = ["provider", "student_id", "course_code", "date"];

export const FIELD_LABELS: Record<ProgressField, string> = {
  provider: "Provider code",
  student_id: "Student SIS id",
  course_code: "Course (the provider's course code)",
  enrollment_id: "Provider enrollment id",
  assessment: "Assessment (position or exact title)",
  score: "Score",
  max_score: "Points possible",
  date: "Date taken or completed",
  attempt: "Attempt number",
  course_status: "Course status (completed, failed, withdrawn)",
  final_grade: "Final grade (0–100)",
  proctored: "Proctored (yes/no)",
};

/** How a date column is written: year-month-day (ISO), month/day/year (US) or day/month/year. A time after the date is ignored. */
export const DATE_ORDERS = ["YMD", "MDY", "DMY"] as const;

const text = (max: number) => z.string().trim().max(max);

export const fieldSource = z
  .object({
    /** The file's column this field is read from. */
    column: text(200).min(1).optional(),
    /** A fixed value for every row (e.g. the provider's code). */
    value: text(200).optional(),
    /** File value → CreditTrack value (course titles → course codes, activity titles → assessment titles). Others pass as they are. */
    map: z.record(text(500), text(200)).optional(),
    dateOrder: z.enum(DATE_ORDERS).optional(),
    /** "67%" → 67. */
    percent: z.boolean().optional(),
  })
  .refine((f) => (f.column ? 1 : 0) + (f.value !== undefined && f.value !== "" ? 1 : 0) === 1, "take the value from one column, or give a fixed value (not both)");
export type FieldSource = z.output<typeof fieldSource>;

export const mappingDefinition = z
  .object({
    format: z.literal(MAPPING_FORMAT, { error: `not a CreditTrack column mapping (format must be "${MAPPING_FORMAT}")` }),
    name: text(80).min(1, "name the mapping (e.g. the provider's name)"),
    kind: z.literal("progress", { error: "only provider progress files can be mapped" }),
    /** The sample file's header, as written. */
    header: z.array(text(200)).min(1).max(300),
    fields: z.partialRecord(z.enum(PROGRESS_FIELDS), fieldSource),
    /** Rows to leave out, e.g. Activity Type = Lesson (not an assessment). */
    skipRows: z.array(z.object({ column: text(200).min(1), values: z.array(text(200)).min(1) })).default([]),
  })
  .superRefine((d, ctx) => {
    const cols = new Set(d.header.map((h) => h.toLowerCase()));
    for (const f of REQUIRED_FIELDS)
      if (!d.fields[f]) ctx.addIssue({ code: "custom", path: ["fields", f], message: `${FIELD_LABELS[f]} is required: pick its column or give a fixed value` });
    for (const [f, s] of Object.entries(d.fields)) {
      if (s?.column && !cols.has(s.column.toLowerCase())) ctx.addIssue({ code: "custom", path: ["fields", f], message: `column "${s.column}" is not in the file's header` });
    }
    d.skipRows.forEach((r, i) => {
      if (!cols.has(r.column.toLowerCase())) ctx.addIssue({ code: "custom", path: ["skipRows", i], message: `column "${r.column}" is not in the file's header` });
    });
    if (!d.fields.assessment && !d.fields.course_status)
      ctx.addIssue({ code: "custom", path: ["fields", "assessment"], message: "map the assessment (for results) or the course status (for completions)" });
  });
export type MappingDefinition = z.output<typeof mappingDefinition>;

/** The exported JSON: the definition with the version it was saved as. */
export type MappingExport = MappingDefinition & { version: number; exportedAt: string };

/** How a file is recognised: its header names trimmed, in lower case, sorted. */
export function headerKey(header: readonly string[]): string {
  return [
    ...new Set(
      header
        .map((h) =>
          h
            .replace(/^\uFEFF/, "")
            .trim()
            .toLowerCase(),
        )
        .filter(Boolean),
    ),
  ]
    .sort()
    .join("|");
}
