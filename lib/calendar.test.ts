import { afterEach, describe, expect, it } from "vitest";
import {
  addDays,
  dayOf,
  daysBetween,
  districtDay,
  districtDayStart,
  districtTimeZone,
  formatDay,
  formatMoment,
  isoDay,
  isPlausibleDay,
  schoolYearOf,
  yearEnd,
  yearLabel,
  yearStart,
} from "./calendar";
import { readSource, sourceFiles } from "./test/source-files";

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

const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe("days", () => {
  it("writes a day as YYYY-MM-DD from a Date or a string; none stays none", () => {
    expect(isoDay(d("2026-03-01"))).toBe("2026-03-01");
    expect(isoDay("2026-03-01T00:00:00.000Z")).toBe("2026-03-01");
    expect(isoDay(null)).toBeNull();
    expect(isoDay(undefined)).toBeNull();
  });

  it("counts calendar days, across a month end and backwards", () => {
    expect(daysBetween(d("2026-02-27"), d("2026-03-01"))).toBe(2);
    expect(daysBetween(d("2026-03-01"), d("2026-02-27"))).toBe(-2);
    expect(daysBetween(d("2026-03-01"), new Date("2026-03-01T23:59:59Z"))).toBe(0);
    expect(addDays(d("2026-12-30"), 3)).toEqual(d("2027-01-02"));
    expect(dayOf(new Date("2026-11-24T23:30:00Z"))).toEqual(d("2026-11-24"));
  });

  it("shows a day in the words every page uses, and none as a dash", () => {
    expect(formatDay(d("2026-10-15"))).toBe("Oct 15, 2026");
    expect(formatDay(null)).toBe("—");
  });

  it.each([
    ["1899-12-31", false],
    ["1900-01-01", true],
    ["2199-12-31", true],
    ["2200-01-01", false],
    ["0202-09-01", false],
  ])("%s is a plausible school-record day: %s", (day, ok) => expect(isPlausibleDay(day)).toBe(ok));
});

describe("school years (July 1 – June 30, named by the year they start)", () => {
  it.each([
    ["2026-06-30", 2025],
    ["2026-07-01", 2026],
    ["2027-01-15", 2026],
    ["2026-12-31", 2026],
  ])("%s is in %d", (s, y) => {
    expect(schoolYearOf(d(s))).toBe(y);
    expect(schoolYearOf(s)).toBe(y);
  });

  it("names, starts and ends a year", () => {
    expect(yearLabel(2024)).toBe("2024-25");
    expect(yearLabel(2099)).toBe("2099-00");
    expect([yearStart(2024), yearEnd(2024)]).toEqual(["2024-07-01", "2025-06-30"]);
    expect(schoolYearOf(yearStart(2024))).toBe(2024);
    expect(schoolYearOf(yearEnd(2024))).toBe(2024);
  });
});

// Issue 17: each day, school-year and today function has one home (this file), and each rule
// constant one (its rule file). A second definition anywhere else in the source fails here.
describe("one home for the calendar and its constants", () => {
  const code = ["app", "components", "lib", "scripts", "prisma", "e2e"]
    .flatMap((dir) => sourceFiles(dir))
    // lib/sql/ says rules again in SQL under the same names (the copies calendar.ts lists).
    .filter((f) => /\.(ts|tsx|mjs)$/.test(f) && !/\.(test|spec)\.tsx?$/.test(f) && !f.startsWith("lib/sql/"));
  const defining = (name: string) => code.filter((f) => new RegExp(`(function|const|let)\\s+${name}\\b`).test(readSource(f)));

  it.each([
    ["schoolYearOf", ["lib/calendar.ts"]],
    ["isoDay", ["lib/calendar.ts"]],
    ["isoDate", []],
    ["daysBetween", ["lib/calendar.ts"]],
    ["addDays", ["lib/calendar.ts"]],
    ["districtDay", ["lib/calendar.ts"]],
    ["formatDay", ["lib/calendar.ts"]],
    ["isPlausibleDay", ["lib/calendar.ts"]],
    ["yearLabel", ["lib/calendar.ts"]],
    ["INACTIVE_DAYS", ["lib/enrollments/rules.ts"]],
    ["DIPLOMA_CREDITS_DEFAULT", ["lib/students/credits.ts"]],
  ])("%s is defined only in %j", (name, homes) => {
    expect(defining(name)).toEqual(homes);
  });

  it("no file falls back to a literal 22 diploma credits", () => {
    expect(code.filter((f) => /\?\?\s*22\b|:\s*22;/.test(readSource(f)))).toEqual([]);
  });
});
