import { sql, type Expression } from "kysely";
import { SCHOOL_YEAR_START_MONTH } from "@/lib/calendar";

// The school year of a date column, in SQL: lib/calendar.ts schoolYearOf said again so a summary
// can group by it (calendar.ts lists this copy; the report tests check both give the same figures).

/**
 * The year (named by its start) a day falls in, for years starting on the 1st of `startMonth`:
 * the school year (July 1, the default), or the completers' year (September 1, completers.ts).
 * The month is a literal, so the same expression is the same text (DISTINCT ON and ORDER BY).
 */
export function schoolYearOf(day: Expression<Date | string | null>, startMonth = SCHOOL_YEAR_START_MONTH) {
  return sql<number>`(EXTRACT(YEAR FROM ${day})::int - CASE WHEN EXTRACT(MONTH FROM ${day}) < ${sql.lit(startMonth)} THEN 1 ELSE 0 END)`;
}

/** July 1 of the first of `years` to June 30 after the last: the date range the years cover. */
export function schoolYearsSpan(years: number[]): { from: Date; to: Date } {
  return { from: new Date(`${Math.min(...years)}-07-01`), to: new Date(`${Math.max(...years) + 1}-06-30`) };
}
