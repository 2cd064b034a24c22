// The district's calendar. "Today" for date-only fields (a result's date, an enrollment's start, an
// end or status date, inactivity days) and the time of day shown on notes are the district's, not
// the server's: servers usually run in UTC, where a US district's evening is already tomorrow.
// DISTRICT_TIME_ZONE is an IANA zone; the default is the demo district's (Boston).
// The audit log stores UTC and shows its times and reads its date filter in the district's zone.

export const DEFAULT_TIME_ZONE = "America/New_York";

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
  const parts = Object.fromEntries(formats().day.formatToParts(instant).map((p) => [p.type, p.value]));
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
    timeZone: formats().zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric",
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
