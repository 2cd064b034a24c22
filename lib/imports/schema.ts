import { z } from "zod";

// The upload boundary of the Imports page (query string of POST /api/imports).

const on = z
  .enum(["0", "1", "true", "false", ""])
  .default("")
  .transform((v) => v === "1" || v === "true");

export const importRequest = z.object({
  kind: z.enum(["oneroster", "students", "progress", "gradebook", "catalog", "activity"], {
    error: "Choose what the file is: OneRoster, district extract, provider progress, OneRoster gradebook, catalog or activity.",
  }),
  name: z
    .string()
    .min(1, "The file needs a name.")
    .max(200)
    .regex(/\.(zip|csv)$/i, "Upload a .zip or a .csv file."),
  dryRun: on,
  partial: on,
  createEnrollments: on,
});
export type ImportRequest = z.output<typeof importRequest>;

/** Largest upload accepted (a 60,000-student OneRoster zip is ~15 MB). */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
