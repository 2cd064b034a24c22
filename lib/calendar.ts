// The district's calendar: the one home of days, school years and the district's today.
// Pure functions and Intl only (no "server-only", no node imports): client components import it
// (components/student/labels.ts formatDay, components/reports/trend-chart.tsx yearLabel).
//
// Days. A date-only column (@db.Date: a result's date, an enrollment's start, a status date) is a
// Date at UTC midnight, as Prisma returns it; "YYYY-MM-DD" strings compare like the days they name.
//
// The district's today. "Today" for date-only fields (a result's date, an enrollment's start, an
// end or status date, inactivity days) and the time of day shown on notes are the district's, not
// the server's: servers usually run in UTC, where a US district's evening is already tomorrow.
// DISTRICT_TIME_ZONE is an IANA zone; the default is the demo district's (Boston). The audit log
// stores UTC and shows its times and reads its date filter in the district's zone.
//
// School years. A school year is named by the calendar year it starts in (2024 = 2024-25,
// July 1, 2024 – June 30, 2025), as in MA DESE collections and the federal ACGR.
// SQL copies of schoolYearOf (the same rule in SQL, so a summary can group by it), to change
// together with SCHOOL_YEAR_START_MONTH / yearStart / yearEnd:
//  - lib/reports/sql.ts `yearOf` (EXTRACT(YEAR) - 1 when EXTRACT(MONTH) < 7) and `span` (July 1 –
//    June 30), moving to lib/sql/fragments/school-year.ts (schoolYearOf, schoolYearsSpan, reading
//    SCHOOL_YEAR_START_MONTH from here) with the typed SQL boundary. Tested by
//    lib/reports/reports.int.test.ts and reports.seed.int.test.ts: the SQL summaries equal the
//    figures of the pure functions (which use schoolYearOf) student by student (lib/reports/test/truth.ts).
//  - scripts/bench/reports.ts (the previous SQL, kept to time against): year = EXTRACT(YEAR FROM
//    d - interval '6 months'), the same rule.
// calendar.test.ts checks that no other file defines these functions again.

export const DEFAULT_TIME_ZONE = "America/New_York";
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------- days

/** A calendar day "YYYY-MM-DD". */
export type IsoDay = string;

/**
 * "YYYY-MM-DD" of a day (a Date at UTC midnight, or a string starting with the day, as a JSON row
 * or a date input holds it); null stays null — a CSV cell or a JSON row's empty date.
 */
export function isoDay(d: Date | string): IsoDay;
export function isoDay(d: Date | string | null | undefined): IsoDay | null;
export function isoDay(d: Date | string | null | undefined): IsoDay | null {
  if (d === null || d === undefined) return null;
  return typeof d === "string" ? d.slice(0, 10) : d.toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Date, to: Date): number {
  // UTC day numbers (no leap seconds in JS time): the same as comparing the UTC calendar dates.
  return Math.floor(to.getTime() / DAY_MS) - Math.floor(from.getTime() / DAY_MS);
}

export function addDays(d: Date, days: number): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + days));
}

/** The calendar day (UTC midnight) of an instant, by the UTC clock (for the district's day: districtDay). */
export function dayOf(instant: Date): Date {
  return new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));
}

// Dates a school record can carry. Outside this range a typo ("0202-09-01") would be stored or,
// for year 0, refused by PostgreSQL; forms and APIs answer with a field error instead.
export const EARLIEST_DAY = "1900-01-01";
export const LATEST_DAY = "2199-12-31";

export function isPlausibleDay(day: IsoDay): boolean {
  return day >= EARLIEST_DAY && day <= LATEST_DAY;
}

// One formatter for the process: toLocaleDateString(locale, options) builds a new Intl formatter
// on every call, which cost a caseload page ~3 ms for its few hundred dates.
const DAY_FORMAT = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", year: "numeric", month: "short", day: "numeric" });

/** A calendar day (UTC, as stored) in the words every page uses: "Oct 15, 2026"; none is "—". */
export function formatDay(d: Date | null | undefined): string {
  if (!d) return "—";
  return DAY_FORMAT.format(d);
}

// -------------------------------------------------------------------------------- school years

/** The month (1 = January, as SQL's EXTRACT(MONTH …) counts) on whose first day a school year starts. */
export const SCHOOL_YEAR_START_MONTH = 7;

/** The school year a day falls in (July 1 starts a new one): 2026-06-30 → 2025, 2026-07-01 → 2026. */
export function schoolYearOf(d: Date | string): number {
  const day = isoDay(d);
  const y = Number(day.slice(0, 4));
  return Number(day.slice(5, 7)) >= SCHOOL_YEAR_START_MONTH ? y : y - 1;
}

/** First and last day of school year y: "2024-07-01" and "2025-06-30" for 2024. */
export const yearStart = (y: number): IsoDay => `${y}-07-01`;
export const yearEnd = (y: number): IsoDay => `${y + 1}-06-30`;

/** "2024-25" for 2024. */
export function yearLabel(y: number): string {
  return `${y}-${String((y + 1) % 100).padStart(2, "0")}`;
}

// ------------------------------------------------------------------------- the district's today

type Formats = { zone: string; day: Intl.DateTimeFormat; moment: Intl.DateTimeFormat };
let cached: Formats | undefined;

function formats(): Formats {
  const zone = process.env.DISTRICT_TIME_ZONE || DEFAULT_TIME_ZONE;
  if (cached?.zone === zone) return cached;
  try {
    cached = {
      zone,
      day: new Intl.DateTimeFormat("en-US", { timeZone: zone, year: "numeric", month: "numeric", day: "numeric" }),
      moment: new Intl.DateTimeFormat("en-US", { timeZone: zone, year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" }),
    };
  } catch {
    throw new Error(`DISTRICT_TIME_ZONE "${zone}" is not an IANA time zone name (e.g. America/Chicago)`);
  }
  return cached;
}

/** Whether `zone` is a time zone this runtime knows (IANA names). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function districtTimeZone(): string {
  return formats().zone;
}

/** The district's calendar day at `instant`, as UTC midnight (how date-only columns are stored). */
export function districtDay(instant: Date = new Date()): Date {
  const parts = Object.fromEntries(
    formats()
      .day.formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)));
}

/** A moment (a note's time) in the district's zone: "Nov 23, 2026, 3:10 PM EST". */
export function formatMoment(d: Date): string {
  return formats().moment.format(d);
}

/**
 * The instant the district's calendar day `day` (UTC midnight, as districtDay returns) begins: for
 * date filters over timestamps stored in UTC (the audit log's "from"/"to").
 */
export function districtDayStart(day: Date): Date {
  const wall = new Intl.DateTimeFormat("en-US", {
    timeZone: formats().zone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  });
  const offsetAt = (t: number) => {
    const p = Object.fromEntries(wall.formatToParts(new Date(t)).map((x) => [x.type, Number(x.value)]));
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(t / 1000) * 1000;
  };
  // Two passes settle a day that starts on a DST change.
  let t = day.getTime() - offsetAt(day.getTime());
  t = day.getTime() - offsetAt(t);
  return new Date(t);
}
