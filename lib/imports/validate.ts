import type { z } from "zod";
import { parseFlag, parseSourceDate } from "@/lib/imports/rules";
import type { ErrorList } from "@/lib/imports/report";
import { z as zod } from "zod";

// Field types shared by the import row schemas, and the one place a zod failure becomes a
// row error (file, line, column, value, why).

export const text = zod.string().default("");
export const required = (what: string) => zod.string({ error: `${what} is required` }).min(1, `${what} is required`);
export const sourcedId = required("sourcedId");

/** OneRoster status: empty in bulk files, "active" or "tobedeleted" in delta files. */
export const rosterStatus = zod
  .enum(["", "active", "tobedeleted"], { error: 'status must be "active", "tobedeleted" or empty' })
  .default("")
  .transform((s) => (s === "tobedeleted" ? ("tobedeleted" as const) : ("active" as const)));

export const date = zod.string().transform((v, ctx) => {
  const d = parseSourceDate(v);
  if (!d) {
    ctx.addIssue({ code: "custom", message: "not a date (use YYYY-MM-DD or an ISO 8601 date-time)" });
    return zod.NEVER;
  }
  return d;
});
export const optionalDate = zod
  .string()
  .default("")
  .transform((v, ctx) => {
    if (v === "") return null;
    const d = parseSourceDate(v);
    if (!d) {
      ctx.addIssue({ code: "custom", message: "not a date (use YYYY-MM-DD or an ISO 8601 date-time)" });
      return zod.NEVER;
    }
    return d;
  });

export const flag = zod
  .string()
  .default("")
  .transform((v, ctx) => {
    const b = parseFlag(v);
    if (b === null) {
      ctx.addIssue({ code: "custom", message: "not a yes/no value (true/false, Y/N, 1/0)" });
      return zod.NEVER;
    }
    return b;
  });

export const list = zod
  .string()
  .default("")
  .transform((v) =>
    v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );

export const int = (min: number, max: number) =>
  zod
    .string()
    .regex(/^-?\d+$/, "not a whole number")
    .transform(Number)
    .pipe(zod.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

export const decimal = (min: number, max: number) =>
  zod
    .string()
    .regex(/^-?\d+(\.\d+)?$/, "not a number")
    .transform(Number)
    .pipe(zod.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

/**
 * A school year, named by the calendar year it starts in (2023 = 2023-24, as the reports name it):
 * "2023", "2023-24" or "2023-2024" — the forms a data manager writes. The second part must be the
 * following year.
 */
export const schoolYear = zod.string().transform((v, ctx) => {
  const m = /^(\d{4})(?:-(\d{2}|\d{4}))?$/.exec(v.trim());
  const y = m ? Number(m[1]) : NaN;
  const next = m?.[2] ? Number(m[2]) : null;
  const follows = next === null || next === y + 1 || (m![2]!.length === 2 && next === (y + 1) % 100);
  if (!m || !follows || y < 1990 || y > 2100) {
    ctx.addIssue({ code: "custom", message: "not a school year (write 2023 or 2023-24 for the year that starts in the fall of 2023)" });
    return zod.NEVER;
  }
  return y;
});

/** An optional column: empty → null, otherwise the inner schema (its message is kept). */
export const optional = <T extends zod.ZodType>(s: T) =>
  zod
    .string()
    .default("")
    .transform((v, ctx): zod.output<T> | null => {
      if (v === "") return null;
      const r = s.safeParse(v);
      if (r.success) return r.data;
      ctx.addIssue({ code: "custom", message: r.error.issues[0]?.message ?? "invalid value" });
      return zod.NEVER;
    });

/** Parse one row; on failure add one error per failing column and return null. */
export function parseRow<S extends z.ZodType>(schema: S, row: Record<string, string>, where: { file: string; line: number }, errors: ErrorList): z.output<S> | null {
  const r = schema.safeParse(row);
  if (r.success) return r.data;
  const seen = new Set<string>();
  for (const issue of r.error.issues) {
    const column = issue.path.length ? String(issue.path[0]) : null;
    const key = column ?? "";
    if (seen.has(key)) continue;
    seen.add(key);
    errors.add({ ...where, column, value: column ? (row[column] ?? null) : null, message: issue.message });
  }
  return null;
}
