import { addDays } from "@/lib/calendar";

// Time on task by week (issue #15), pure: the district's days (UTC midnight, as date columns are
// stored) in weeks Monday–Sunday, the ISO 8601 week the district's calendar and most US school
// calendars use. A day's minutes are the day total a usage report gave for it, else the sum of its
// sessions (lib/imports/FORMATS.md §3c): a report of both never counts the day twice.

/** One enrollment's seconds on one district day, from its stored rows. */
export type DaySeconds = { day: Date; seconds: number };
export type WeekMinutes = { /** The Monday, YYYY-MM-DD. */ weekOf: string; minutes: number };

/** The Monday of the week holding `day`. */
export function weekOf(day: Date): Date {
  return addDays(day, -((day.getUTCDay() + 6) % 7));
}

/**
 * The last `weeks` weeks up to the one holding `today`, oldest first, each with its minutes (seconds
 * summed first, then rounded to the minute; a week without activity is 0). Days after `today` are
 * left out of the weeks; the total counts every day given.
 */
export function weeklyMinutes(days: DaySeconds[], today: Date, weeks: number): { totalMinutes: number; weeks: WeekMinutes[] } {
  const first = addDays(weekOf(today), -7 * (weeks - 1));
  const seconds = new Array<number>(weeks).fill(0);
  let total = 0;
  for (const d of days) {
    total += d.seconds;
    if (d.day < first || d.day > today) continue;
    seconds[Math.floor((+d.day - +first) / (7 * 86_400_000))]! += d.seconds;
  }
  return {
    totalMinutes: Math.round(total / 60),
    weeks: seconds.map((s, i) => ({
      weekOf: addDays(first, 7 * i)
        .toISOString()
        .slice(0, 10),
      minutes: Math.round(s / 60),
    })),
  };
}
