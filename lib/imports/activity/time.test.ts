import { describe, expect, it } from "vitest";
import { dayIn, parseDurationSeconds, parseSessionTime } from "@/lib/imports/activity/time";

const NY = "America/New_York";
const iso = (v: string, zone = NY) => parseSessionTime(v, zone)?.toISOString() ?? null;

describe("parseSessionTime", () => {
  it.each([
    ["2026-10-13T15:14:00-04:00", "2026-10-13T19:14:00.000Z"], // an offset: that instant
    ["2026-10-13T19:14:00Z", "2026-10-13T19:14:00.000Z"],
    ["2026-10-13T15:14:00.250-0400", "2026-10-13T19:14:00.000Z"],
    ["2026-10-13T15:14", "2026-10-13T19:14:00.000Z"], // no offset: the district's wall time (EDT)
    ["2026-12-01 08:05:09", "2026-12-01T13:05:09.000Z"], // EST
    ["10/13/2026 3:14 PM", "2026-10-13T19:14:00.000Z"], // the US vendor style
    ["10/13/2026 12:05 AM", "2026-10-13T04:05:00.000Z"],
    ["10/13/2026 12:05 pm", "2026-10-13T16:05:00.000Z"],
    ["1/2/2027, 9:00:30 a.m.", "2027-01-02T14:00:30.000Z"],
    ["2026-03-08 02:30", "2026-03-08T07:30:00.000Z"], // skipped by DST: read an hour later (3:30 EDT)
    ["2026-11-01 01:30", "2026-11-01T05:30:00.000Z"], // repeated by DST: the first (EDT)
  ])("%s → %s", (v, want) => expect(iso(v)).toBe(want));

  it.each([
    ["13/10/2026 15:14"],
    ["10/13/2026 15:14"],
    ["2026-02-30 10:00"],
    ["2026-10-13"],
    ["2026-10-13T24:00"],
    ["13/10/2026 3:14 PM"],
    ["yesterday"],
    ["2026-10-13T10:00+15:00"],
  ])("refuses %s", (v) => expect(iso(v)).toBeNull());

  it("reads wall time in the zone it is given", () => {
    expect(iso("2026-10-13 15:14", "America/Los_Angeles")).toBe("2026-10-13T22:14:00.000Z");
  });
});

describe("parseDurationSeconds", () => {
  it.each([
    ["45", 2700],
    ["12.5", 750],
    ["0", 0],
    ["1:05", 3900],
    ["0:12:30", 750],
    ["24:00", 86400],
  ])("%s → %i s", (v, s) => expect(parseDurationSeconds(v)).toBe(s));
  it.each([["-5"], ["1:75"], ["abc"], ["1,5"], [""]])("refuses %s", (v) => expect(parseDurationSeconds(v)).toBeNull());
});

describe("dayIn", () => {
  it("is the zone's calendar day, across DST changes", () => {
    const day = (iso: string) => dayIn(new Date(iso), NY).toISOString().slice(0, 10);
    expect(day("2026-10-15T03:40:00Z")).toBe("2026-10-14"); // 11:40 PM EDT
    expect(day("2026-10-15T04:00:00Z")).toBe("2026-10-15");
    expect(day("2026-11-01T04:30:00Z")).toBe("2026-11-01"); // 12:30 AM EDT on the day clocks go back
    expect(day("2026-11-02T04:30:00Z")).toBe("2026-11-01"); // 11:30 PM EST
    expect(day("2026-03-08T04:59:00Z")).toBe("2026-03-07");
    expect(day("2026-03-08T05:00:00Z")).toBe("2026-03-08");
  });
});
