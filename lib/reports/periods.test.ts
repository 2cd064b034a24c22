import { afterEach, describe, expect, it, vi } from "vitest";
import { closesOn, latestCompleteYear, notFinalText, periodOf, yearFinal } from "./periods";

// Each figure of a school year closes on its own day (periods.ts, DEFINITIONS.md Conventions); a
// figure is final from the day after. Hand-computed for 2026-27 (y = 2026).
describe("closing dates of the figures of 2026-27", () => {
  it.each([
    ["acgr4", "2027-08-31"], // class of 2027: August 31 of the cohort year
    ["acgr5", "2027-08-31"], // class of 2026: August 31 of the cohort year + 1
    ["dropout", "2027-10-01"], // October 1 after the year
    ["completers", "2027-08-31"], // August 31 after the year
    ["program", "2027-08-31"],
  ] as const)("%s closes on %s", (figure, date) => {
    expect(closesOn(figure, 2026)).toBe(date);
  });
});

describe("finality at the boundary days", () => {
  it.each([
    ["acgr4", 2026, "2027-08-30", false],
    ["acgr4", 2026, "2027-08-31", false], // a graduation dated that day still counts
    ["acgr4", 2026, "2027-09-01", true],
    ["acgr5", 2025, "2026-08-31", false],
    ["acgr5", 2025, "2026-09-01", true],
    ["dropout", 2025, "2026-10-01", false], // a return dated October 1 still undoes a dropout
    ["dropout", 2025, "2026-10-02", true],
    ["completers", 2025, "2026-08-31", false],
    ["completers", 2025, "2026-09-01", true],
    ["program", 2025, "2026-09-01", true],
    ["acgr4", 2026, "2026-12-01", false], // the case: class of 2027 in December 2026
  ] as const)("%s of %i on %s: final %s", (figure, y, today, final) => {
    expect(periodOf(figure, y, today)).toEqual({ final, closesOn: closesOn(figure, y) });
  });

  it("a year is final once its last figure (the dropout rate, October 1) has closed", () => {
    expect(yearFinal(2025, "2026-10-01")).toBe(false);
    expect(yearFinal(2025, "2026-10-02")).toBe(true);
    expect(yearFinal(2026, "2026-12-01")).toBe(false);
  });

  it("says it in words", () => {
    expect(notFinalText("2027-08-31")).toBe("not final — closes August 31, 2027");
    expect(notFinalText("2027-10-01")).toBe("not final — closes October 1, 2027");
  });
});

// The report pages' default year and picker (app/(app)/reports, queries.ts getSchoolSummary and
// getDistrictSummary) call latestCompleteYear() with no day: the district's today (New York here).
describe("the latest complete year by the district's day", () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
  });
  it.each([
    ["June 30, 10 pm in New York (July 1, 02:00 UTC): 2026-27 has not ended", "2027-07-01T02:00:00Z", 2025],
    ["July 1, 00:30 in New York (04:30 UTC): 2026-27 has ended", "2027-07-01T04:30:00Z", 2026],
    ["June 30, noon", "2027-06-30T16:00:00Z", 2025],
  ])("%s", (_n, now, year) => {
    vi.stubEnv("DISTRICT_TIME_ZONE", "America/New_York");
    vi.useFakeTimers({ now: new Date(now), toFake: ["Date"] });
    expect(latestCompleteYear()).toBe(year);
  });
});
