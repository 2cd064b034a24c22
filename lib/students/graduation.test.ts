import { describe, expect, it } from "vitest";
import { projectGraduation } from "./graduation";
import { districtDay } from "@/lib/time";

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
      label: "Not on track to graduate with the class of 2029 — earliest 2030 at the current pace",
      creditsNeeded: 17,
      yearsLeft: 3,
      earliestClass: 2030,
    });
  });

  it.each<[string, number, number, Partial<Parameters<typeof projectGraduation>[0]>, string]>([
    ["16.5 needed in 3 years fits exactly", 2029, 16.5, {}, "On track to graduate with the class of 2029"],
    ["11 needed in 2 years fits exactly", 2028, 11, {}, "On track to graduate with the class of 2028"],
    ["11.5 needed in 2 years: one more year", 2028, 11.5, {}, "Not on track to graduate with the class of 2028 — earliest 2029 at the current pace"],
    ["nothing needed, class of this year", 2027, 0, {}, "On track to graduate with the class of 2027"],
    ["still enrolled after the class graduated", 2026, 0, {}, "Not on track to graduate with the class of 2026 — earliest 2027 at the current pace"],
    ["30 needed: 30 ÷ 5.5 = 5.45 → 6 years from 2026-27", 2028, 30, {}, "Not on track to graduate with the class of 2028 — earliest 2032 at the current pace"],
    ["a 24-credit diploma: 6 a year", 2029, 18, { diplomaCredits: 24 }, "On track to graduate with the class of 2029"],
    ["graduated", 2027, 3, { status: "GRADUATED" }, "Graduated"],
    ["dropped out", 2027, 3, { status: "DROPPED_OUT" }, "Not enrolled"],
  ])("%s", (_n, cohort, needed, over, label) => expect(project(cohort, needed, over).label).toBe(label));

  it("counts school years by the district's day: a New York evening of June 30 is still the old year", () => {
    // 2027-07-01 02:00 UTC is June 30, 10 pm in New York: still 2026-27, 3 years left to 2029.
    const june30 = districtDay(new Date("2027-07-01T02:00:00Z"));
    expect(project(2029, 16.5, { asOf: june30 }).kind).toBe("ON_TRACK");
    // A day later it is 2027-28: 16.5 credits need 3 more years → 2030.
    expect(project(2029, 16.5, { asOf: districtDay(new Date("2027-07-02T02:00:00Z")) }).label)
      .toBe("Not on track to graduate with the class of 2029 — earliest 2030 at the current pace");
  });
});
