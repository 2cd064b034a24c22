// Date-times and durations as vendors' usage reports write them (lib/imports/FORMATS.md §3c).
// Pure functions: the zone is an argument (the import passes the district's, lib/calendar.ts).
//
// A date-time is
//   - ISO 8601 with an offset or Z: `2026-10-13T15:14:00-04:00` — that instant;
//   - ISO 8601 without one (`2026-10-13T15:14`, `2026-10-13 15:14:05`): wall time in the district's zone;
//   - the US vendor style `10/13/2026 3:14 PM` (month/day/year, 12-hour clock with AM/PM): wall time
//     in the district's zone. Only with AM/PM: `13/10/2026 15:14` is how the rest of the world writes
//     the same moment, and the import refuses to guess (as it refuses m/d/yyyy dates).
// A wall time that a DST change skips (2:30 AM on the spring-forward day) is read one hour later; one
// it repeats (1:30 AM in November) is the first of the two.

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP])\.?\s*M\.?$/i;

const formats = new Map<string, Intl.DateTimeFormat>();
function wallFormat(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formats.set(zone, f);
  }
  return f;
}

const DAY_MS = 86_400_000;
const offsets = new Map<string, number | null>();

/**
 * The zone's offset from UTC at instant t, in ms (wall time − UTC). Intl's formatToParts costs
 * ~50 µs; a usage report has a few dates per row. The offset is cached per UTC day when it is the
 * same at both ends of that day (no zone changes its offset twice in a day); a day with a change is
 * computed exactly each time.
 */
function offsetAt(t: number, zone: string): number {
  const bucket = Math.floor(t / DAY_MS);
  const key = `${zone}|${bucket}`;
  let o = offsets.get(key);
  if (o === undefined) {
    const start = exactOffsetAt(bucket * DAY_MS, zone);
    o = start === exactOffsetAt((bucket + 1) * DAY_MS - 1000, zone) ? start : null;
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(key, o);
  }
  return o ?? exactOffsetAt(t, zone);
}

/** The district day (UTC midnight) of an instant in `zone`: lib/calendar.ts districtDay, with the cached offset. */
export function dayIn(instant: Date, zone: string): Date {
  const wall = instant.getTime() + offsetAt(instant.getTime(), zone);
  return new Date(Math.floor(wall / DAY_MS) * DAY_MS);
}

function exactOffsetAt(t: number, zone: string): number {
  const p = Object.fromEntries(
    wallFormat(zone)
      .formatToParts(new Date(t))
      .map((x) => [x.type, Number(x.value)]),
  );
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(t / 1000) * 1000;
}

/** The instant a wall-clock time in `zone` names (the same two-pass settle as lib/calendar.ts districtDayStart). */
export function wallTimeToInstant(y: number, mo: number, d: number, h: number, mi: number, s: number, zone: string): Date {
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const t1 = wall - offsetAt(wall, zone);
  const t2 = wall - offsetAt(t1, zone);
  // A wall time the clocks skip has no instant whose offset gives it back: take the later reading.
  return new Date(offsetAt(t2, zone) === wall - t2 ? t2 : Math.max(t1, t2));
}

function validDate(y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1 || y < 1990 || y > 2100) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** A session's date-time (the forms above), or null when it is not one. */
export function parseSessionTime(v: string, zone: string): Date | null {
  const t = v.trim();
  let m = ISO.exec(t);
  if (m) {
    const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? "0"].map(Number) as [number, number, number, number, number, number];
    if (!validDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return null;
    const off = m[7];
    if (!off) return wallTimeToInstant(y, mo, d, h, mi, s, zone);
    if (off.toUpperCase() === "Z") return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
    const o = /^([+-])(\d{2}):?(\d{2})?$/.exec(off)!;
    const minutes = (Number(o[2]) * 60 + Number(o[3] ?? 0)) * (o[1] === "-" ? -1 : 1);
    if (Math.abs(minutes) > 14 * 60) return null;
    return new Date(Date.UTC(y, mo - 1, d, h, mi, s) - minutes * 60_000);
  }
  m = US.exec(t);
  if (m) {
    const [mo, d, y, h12, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? "0"].map(Number) as [number, number, number, number, number, number];
    if (!validDate(y, mo, d) || h12 < 1 || h12 > 12 || mi > 59 || s > 59) return null;
    const h = (h12 % 12) + (m[7]!.toUpperCase() === "P" ? 12 : 0);
    return wallTimeToInstant(y, mo, d, h, mi, s, zone);
  }
  return null;
}

/**
 * A duration in whole seconds: minutes as a number (`45`, `12.5`) or a clock duration as usage
 * reports print "time spent" (`1:05` = 1 h 5 min, `0:12:30` = 12 min 30 s). Null when it is neither.
 */
export function parseDurationSeconds(v: string): number | null {
  const t = v.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 60);
  const m = /^(\d{1,4}):([0-5]\d)(?::([0-5]\d))?$/.exec(t);
  if (m) return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
  return null;
}
