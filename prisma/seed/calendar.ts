// Dates for the seed as whole days since 1970-01-01 (UTC), turned into "YYYY-MM-DD" on insert.
// School year = the calendar year it starts (2024 = 2024-25, July 1 – June 30).

import { districtDay } from "@/lib/time";

const MS_PER_DAY = 86_400_000;

export type Day = number;

export function day(year: number, month: number, date: number): Day {
  return Math.floor(Date.UTC(year, month - 1, date) / MS_PER_DAY);
}

export function isoDay(d: Day): string {
  return new Date(d * MS_PER_DAY).toISOString().slice(0, 10);
}

export function parseDay(iso: string): Day {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`SEED_AS_OF must be YYYY-MM-DD (got "${iso}")`);
  const d = day(Number(m[1]), Number(m[2]), Number(m[3]));
  if (isoDay(d) !== iso) throw new Error(`SEED_AS_OF is not a real date: "${iso}"`);
  return d;
}

/** Today in the district's time zone (lib/time.ts), as the app counts days. */
export function todayDay(): Day {
  return Math.floor(districtDay().getTime() / MS_PER_DAY);
}

/** The school year a day falls in: July–December → that year, January–June → the year before. */
export function schoolYearOf(d: Day): number {
  const dt = new Date(d * MS_PER_DAY);
  const y = dt.getUTCFullYear();
  return dt.getUTCMonth() >= 6 ? y : y - 1;
}

/** First and last instructional days the seed uses for a school year. */
export function schoolStart(year: number): Day {
  return day(year, 9, 3);
}
export function schoolEnd(year: number): Day {
  return day(year + 1, 6, 18);
}
/** October 1: the SIMS October roll date. */
export function oct1(year: number): Day {
  return day(year, 10, 1);
}
/** End of the first semester (transcript S1 marks exist after this). */
export function semesterOneEnd(year: number): Day {
  return day(year + 1, 1, 29);
}
