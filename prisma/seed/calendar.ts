// Dates for the seed as whole days since 1970-01-01 (UTC), turned into "YYYY-MM-DD" on insert
// (lib/calendar.ts isoDay(dateOf(d))). School years: lib/calendar.ts schoolYearOf(dateOf(d)).

import { districtDay, isoDay } from "@/lib/calendar";

const MS_PER_DAY = 86_400_000;

export type Day = number;

export function day(year: number, month: number, date: number): Day {
  return Math.floor(Date.UTC(year, month - 1, date) / MS_PER_DAY);
}

/** The day as the app holds a date-only value: a Date at UTC midnight. */
export function dateOf(d: Day): Date {
  return new Date(d * MS_PER_DAY);
}

export function parseDay(iso: string): Day {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`SEED_AS_OF must be YYYY-MM-DD (got "${iso}")`);
  const d = day(Number(m[1]), Number(m[2]), Number(m[3]));
  if (isoDay(dateOf(d)) !== iso) throw new Error(`SEED_AS_OF is not a real date: "${iso}"`);
  return d;
}

/** Today in the district's time zone (lib/calendar.ts), as the app counts days. */
export function todayDay(): Day {
  return Math.floor(districtDay().getTime() / MS_PER_DAY);
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
