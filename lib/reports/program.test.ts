import { describe, expect, it } from "vitest";
import { median, programResult, type ProgramEnrollment } from "./program";
import { completerOutcome } from "./completers";

const e = (
  studentId: string,
  status: ProgramEnrollment["status"],
  startDate: string,
  endedOn: string | null,
  credit: number | null = null,
  programType: ProgramEnrollment["programType"] = "CREDIT_RECOVERY",
): ProgramEnrollment => ({
  studentId,
  status,
  programType,
  startDate,
  endedOn,
  creditAwarded: credit,
});

describe("programResult (enrollments started in 2024-25)", () => {
  const list = [
    e("s1", "COMPLETED", "2024-09-01", "2024-10-01", 1), // 30 days
    e("s1", "COMPLETED", "2024-09-01", "2024-11-10", 0.5), // 70 days
    e("s2", "FAILED", "2024-09-15", "2025-01-15"),
    e("s3", "WITHDRAWN", "2025-02-01", "2025-03-01"),
    e("s4", "ACTIVE", "2025-06-30", null),
    e("s5", "COMPLETED", "2024-07-01", "2024-08-20", 1, "ORIGINAL_CREDIT"), // 50 days, not recovery
    e("s6", "COMPLETED", "2024-06-30", "2024-08-01", 1), // started the year before
  ];
  it("counts outcomes, the completion rate, the median days and the credits recovered", () => {
    expect(programResult(list, 2024)).toEqual({
      students: 5,
      started: 6,
      completed: 4,
      passed: 3,
      failed: 1,
      withdrawn: 1,
      active: 1,
      completionRate: 60, // 3 passed ÷ 5 ended
      medianDaysToComplete: 50, // 30, 50, 70
      creditsRecovered: 1.5,
    });
  });
  it("has no rate and no median with nothing finished", () => {
    const r = programResult([e("s4", "ACTIVE", "2024-09-01", null)], 2024);
    expect([r.completionRate, r.medianDaysToComplete, r.creditsRecovered]).toEqual([null, null, 0]);
  });
  it("takes the mean of the middle two for an even count", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe("completerOutcome (Boston credit-recovery measure), 2024-25", () => {
  const cr = (status: "COMPLETED" | "FAILED", endedOn: string) => ({ status, programType: "CREDIT_RECOVERY" as const, endedOn });
  const grad = (d: string, credential: "REGULAR_DIPLOMA" | "CERTIFICATE" = "REGULAR_DIPLOMA") => ({ kind: "GRADUATED" as const, effectiveDate: d, credential });
  it.each([
    ["completed in September, graduated in June", [cr("COMPLETED", "2024-09-20")], [grad("2025-06-08")], [true, true, true]],
    ["graduated in the summer that closes the year", [cr("COMPLETED", "2025-03-01")], [grad("2025-08-31")], [true, true, true]],
    ["graduated a year later: by now only", [cr("COMPLETED", "2025-03-01")], [grad("2026-06-05")], [true, false, true]],
    ["certificate is not a graduation", [cr("COMPLETED", "2025-03-01")], [grad("2025-06-05", "CERTIFICATE")], [true, false, false]],
    ["failed the course: not a completer", [cr("FAILED", "2025-03-01")], [grad("2025-06-05")], [false, false, false]],
    ["completed the year before: not this year's completer", [cr("COMPLETED", "2024-06-30")], [], [false, false, false]],
    // The window is September 1 – August 31 (DEFINITIONS.md §2): the summer before the year is the previous year's.
    ["completed in the summer before the year (July 15): the previous year's", [cr("COMPLETED", "2024-07-15")], [grad("2025-06-08")], [false, false, false]],
    ["completed on August 31 before the year: the previous year's", [cr("COMPLETED", "2024-08-31")], [], [false, false, false]],
    ["completed on September 1: this year's first day", [cr("COMPLETED", "2024-09-01")], [], [true, false, false]],
    ["completed on June 30: this year's", [cr("COMPLETED", "2025-06-30")], [grad("2025-08-20")], [true, true, true]],
    ["completed in the summer after the year (July 15): this year's", [cr("COMPLETED", "2025-07-15")], [grad("2025-08-31")], [true, true, true]],
    ["completed on August 31 after the year: this year's last day", [cr("COMPLETED", "2025-08-31")], [], [true, false, false]],
    ["completed on September 1 after the year: next year's", [cr("COMPLETED", "2025-09-01")], [], [false, false, false]],
  ] as const)("%s", (_n, ens, evs, want) => {
    const o = completerOutcome([...ens], [...evs], 2024);
    expect([o.completer, o.graduatedByYearEnd, o.graduatedByNow]).toEqual(want);
  });
  it("an original-credit course does not make a completer", () => {
    expect(completerOutcome([{ status: "COMPLETED", programType: "ORIGINAL_CREDIT", endedOn: "2025-01-01" }], [], 2024).completer).toBe(false);
  });
});
