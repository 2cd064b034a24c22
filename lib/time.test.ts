import { afterEach, describe, expect, it } from "vitest";
import { districtDay, districtDayStart, districtTimeZone, formatMoment } from "./time";

const iso = (d: Date) => d.toISOString().slice(0, 10);
const zone = process.env.DISTRICT_TIME_ZONE;
afterEach(() => {
  if (zone === undefined) delete process.env.DISTRICT_TIME_ZONE;
  else process.env.DISTRICT_TIME_ZONE = zone;
});

describe("district calendar", () => {
  it("defaults to America/New_York", () => {
    delete process.env.DISTRICT_TIME_ZONE;
    expect(districtTimeZone()).toBe("America/New_York");
  });

  it.each([
    // 8:30 PM in Boston is already the next day in UTC.
    ["America/New_York", "2026-11-24T01:30:00Z", "2026-11-23"],
    ["America/New_York", "2026-11-24T05:00:00Z", "2026-11-24"], // midnight EST exactly
    ["America/New_York", "2026-11-24T04:59:59Z", "2026-11-23"],
    ["America/New_York", "2026-07-01T03:59:00Z", "2026-06-30"], // EDT: UTC−4 (the school year's last day)
    ["America/Los_Angeles", "2026-11-24T07:59:00Z", "2026-11-23"],
    ["Pacific/Honolulu", "2026-01-01T09:00:00Z", "2025-12-31"],
    ["UTC", "2026-11-24T00:00:00Z", "2026-11-24"],
  ])("in %s, %s is the day %s", (tz, instant, day) => {
    process.env.DISTRICT_TIME_ZONE = tz;
    const d = districtDay(new Date(instant));
    expect(iso(d)).toBe(day);
    expect(d.getUTCHours()).toBe(0);
  });

  it("shows a note's time in the district's zone, with the zone", () => {
    process.env.DISTRICT_TIME_ZONE = "America/New_York";
    expect(formatMoment(new Date("2026-11-23T20:10:00Z"))).toBe("Nov 23, 2026, 3:10 PM EST");
    process.env.DISTRICT_TIME_ZONE = "America/Chicago";
    expect(formatMoment(new Date("2026-06-01T15:05:00Z"))).toBe("Jun 1, 2026, 10:05 AM CDT");
  });

  // formatMoment is what the imports page's "Started" column and the set-password link's expiry
  // (Users page and e-mail, lib/users/passwords.ts) show: near midnight UTC it is the evening before.
  it.each([
    ["2027-07-01T02:00:00Z", "Jun 30, 2027, 10:00 PM EDT"],
    ["2026-12-02T04:59:00Z", "Dec 1, 2026, 11:59 PM EST"],
    ["2026-12-02T05:00:00Z", "Dec 2, 2026, 12:00 AM EST"],
  ])("shows %s as %s in New York", (instant, shown) => {
    process.env.DISTRICT_TIME_ZONE = "America/New_York";
    expect(formatMoment(new Date(instant))).toBe(shown);
  });

  it("refuses a zone that is not an IANA name, saying which setting", () => {
    process.env.DISTRICT_TIME_ZONE = "Eastern";
    expect(() => districtDay()).toThrow(/DISTRICT_TIME_ZONE "Eastern" is not an IANA time zone/);
  });
});

describe("districtDayStart (the audit log's date filter)", () => {
  it.each([
    ["America/New_York", "2026-11-24", "2026-11-24T05:00:00.000Z"], // EST
    ["America/New_York", "2026-07-01", "2026-07-01T04:00:00.000Z"], // EDT
    ["America/New_York", "2026-03-08", "2026-03-08T05:00:00.000Z"], // the day clocks spring forward (at 2 AM)
    ["America/New_York", "2026-11-01", "2026-11-01T04:00:00.000Z"], // the day clocks fall back
    ["Pacific/Kiritimati", "2026-01-01", "2025-12-31T10:00:00.000Z"], // UTC+14
    ["UTC", "2026-11-24", "2026-11-24T00:00:00.000Z"],
  ])("in %s, the day %s begins at %s", (tz, day, instant) => {
    process.env.DISTRICT_TIME_ZONE = tz;
    const start = districtDayStart(new Date(`${day}T00:00:00Z`));
    expect(start.toISOString()).toBe(instant);
    expect(iso(districtDay(start))).toBe(day);
    expect(iso(districtDay(new Date(start.getTime() - 1)))).not.toBe(day);
  });
});
