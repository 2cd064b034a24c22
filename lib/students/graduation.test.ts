import { describe, expect, it } from "vitest";
import { projectGraduation, projectionBasis } from "./graduation";
import { districtDay } from "@/lib/calendar";

// 2026-10-01 is in school year 2026-27: the class of 2029 has 3 school years left (2026-27,
// 2027-28, 2028-29), this one included. A full-time year earns 22 ÷ 4 = 5.5 credits.
const ASOF = new Date("2026-10-01T00:00:00Z");
const project = (cohortYear: number, creditsNeeded: number, over: Partial<Parameters<typeof projectGraduation>[0]> = {}) =>
  projectGraduation({ status: "ENROLLED", cohortYear, creditsNeeded, diplomaCredits: 22, asOf: ASOF, ...over });

describe("graduation projection", () => {
  it("grade 10 in 2026-27 with 5 of 22 credits is not on track with the class of 2029: earliest 2030", () => {
    // Needs 22 − 5 = 17; 3 years left × 5.5 = 16.5 < 17. 17 ÷ 5.5 = 3.09 → 4 full-time years
    // from 2026-27 → the spring of 2030.
    expect(project(2029, 17)).toEqual({
      kind: "NOT_ON_TRACK",
      label: "Not on track to graduate with the class of 2029 — earliest 2030 at a full-time load",
      creditsNeeded: 17,
      yearsLeft: 3,
      earliestClass: 2030,
      summerEnds: null,
    });
  });

  it.each<[string, number, number, Partial<Parameters<typeof projectGraduation>[0]>, string]>([
    ["16.5 needed in 3 years fits exactly", 2029, 16.5, {}, "On track to graduate with the class of 2029"],
    ["11 needed in 2 years fits exactly", 2028, 11, {}, "On track to graduate with the class of 2028"],
    ["11.5 needed in 2 years: one more year", 2028, 11.5, {}, "Not on track to graduate with the class of 2028 — earliest 2029 at a full-time load"],
    ["nothing needed, class of this year", 2027, 0, {}, "On track to graduate with the class of 2027"],
    ["still enrolled after the class graduated", 2026, 0, {}, "Not on track to graduate with the class of 2026 — earliest 2027 at a full-time load"],
    ["30 needed: 30 ÷ 5.5 = 5.45 → 6 years from 2026-27", 2028, 30, {}, "Not on track to graduate with the class of 2028 — earliest 2032 at a full-time load"],
    ["a 24-credit diploma: 6 a year", 2029, 18, { diplomaCredits: 24 }, "On track to graduate with the class of 2029"],
    ["graduated", 2027, 3, { status: "GRADUATED" }, "Graduated"],
    ["dropped out", 2027, 3, { status: "DROPPED_OUT" }, "Not enrolled"],
  ])("%s", (_n, cohort, needed, over, label) => expect(project(cohort, needed, over).label).toBe(label));

  it("counts school years by the district's day: a New York evening of June 30 is still the old year", () => {
    // 2027-07-01 02:00 UTC is June 30, 10 pm in New York: still 2026-27, 3 years left to 2029.
    const june30 = districtDay(new Date("2027-07-01T02:00:00Z"));
    expect(project(2029, 16.5, { asOf: june30 }).kind).toBe("ON_TRACK");
    // A day later it is 2027-28: 16.5 credits need 3 more years → 2030.
    expect(project(2029, 16.5, { asOf: districtDay(new Date("2027-07-02T02:00:00Z")) }).label).toBe(
      "Not on track to graduate with the class of 2029 — earliest 2030 at a full-time load",
    );
  });

  // The summer after senior year: the reports count a diploma through August 31 of the cohort year
  // with the class (lib/reports/periods.ts graduationCutoff). A class-of-2027 senior whose last
  // credit is an online course on pace (0 still needed after on-pace courses) graduates with the
  // class that summer; once August 31 has passed, the class has graduated and the earliest is 2028.
  describe("the summer after senior year", () => {
    const day = (s: string) => new Date(`${s}T00:00:00Z`);
    it.each<[string, string, number, string, number]>([
      ["July 15, the last credit on pace", "2027-07-15", 0, "On track to graduate with the class of 2027", 2027],
      ["August 31, the last day a summer diploma counts", "2027-08-31", 0, "On track to graduate with the class of 2027", 2027],
      ["September 1: the class has graduated", "2027-09-01", 0, "Not on track to graduate with the class of 2027 — earliest 2028 at a full-time load", 2028],
      ["July 15, a credit with no course on pace to earn it", "2027-07-15", 1, "Not on track to graduate with the class of 2027 — earliest 2028 at a full-time load", 2028],
      ["August 31, a credit with no course on pace to earn it", "2027-08-31", 1, "Not on track to graduate with the class of 2027 — earliest 2028 at a full-time load", 2028],
    ])("%s", (_n, asOf, needed, label, earliest) => {
      const p = project(2027, needed, { asOf: day(asOf) });
      expect([p.label, p.earliestClass, p.yearsLeft, p.summerEnds]).toEqual([label, earliest, 0, asOf <= "2027-08-31" ? "2027-08-31" : null]);
    });

    it("the class's window is the district's: a New York evening of August 31 is still the summer", () => {
      // 2027-09-01 03:00 UTC is August 31, 11 pm in New York.
      expect(project(2027, 0, { asOf: districtDay(new Date("2027-09-01T03:00:00Z")) }).kind).toBe("ON_TRACK");
    });
  });

  it("says what it assumes: the years left, a full-time load, on-pace courses; the class's summer", () => {
    expect(projectionBasis(project(2029, 17), 2029, 22)).toBe(
      "3 school years left to the class of 2029, this one included. The projection assumes a full-time load of 5.5 credits a school year and counts online courses on pace as coming in; courses behind pace are not.",
    );
    expect(projectionBasis(project(2027, 0, { asOf: new Date("2027-07-15T00:00:00Z") }), 2027, 22)).toBe(
      "The class of 2027's school year has ended; a diploma by August 31, 2027 still counts with the class. This summer only the online courses in progress and on pace are counted as coming in; courses behind pace are not.",
    );
    expect(projectionBasis(project(2027, 0, { asOf: new Date("2027-09-01T00:00:00Z") }), 2027, 22)).toMatch(
      /^The class of 2027 has graduated\. The projection assumes a full-time load of 5\.5 credits/,
    );
  });
});
