import { describe, expect, it } from "vitest";
import { dropoutOutcome, dropoutRate, type DropoutEvent } from "./dropout";

// School year 2024 = 2024-25: dropouts July 1, 2024 – June 30, 2025; returns count until Oct 1, 2025.
const A = "school-a";
const ev = (kind: DropoutEvent["kind"], d: string, gradeLevel = 11): DropoutEvent => ({ kind, effectiveDate: d, gradeLevel, schoolId: A });

const CASES: [string, DropoutEvent[], boolean, string][] = [
  ["dropped out in March, never back", [ev("ENTERED", "2022-09-01", 9), ev("DROPPED_OUT", "2025-03-01")], true, "DROPPED_OUT"],
  ["dropped out in July (summer counts in the year)", [ev("DROPPED_OUT", "2024-07-15")], true, "DROPPED_OUT"],
  ["returned by October 1", [ev("DROPPED_OUT", "2025-02-01"), ev("REENGAGED", "2025-09-08")], false, "RETURNED"],
  ["returned on October 1 exactly", [ev("DROPPED_OUT", "2025-02-01"), ev("REENGAGED", "2025-10-01")], false, "RETURNED"],
  ["returned on October 2: too late", [ev("DROPPED_OUT", "2025-02-01"), ev("REENGAGED", "2025-10-02")], true, "DROPPED_OUT"],
  ["earned an equivalency by October 1", [ev("DROPPED_OUT", "2025-02-01"), ev("EARNED_EQUIVALENCY", "2025-06-01")], false, "EQUIVALENCY"],
  ["graduated over the summer", [ev("DROPPED_OUT", "2025-02-01"), ev("GRADUATED", "2025-08-20")], false, "GRADUATED"],
  ["came back, then dropped out again: counted once", [ev("DROPPED_OUT", "2024-10-01"), ev("REENGAGED", "2024-12-01"), ev("DROPPED_OUT", "2025-04-01")], true, "DROPPED_OUT"],
  ["dropout in the previous year is not this year's", [ev("DROPPED_OUT", "2024-06-30")], false, "NO_DROPOUT"],
  ["dropout in grade 8 is not counted", [ev("DROPPED_OUT", "2025-01-10", 8)], false, "NO_DROPOUT"],
  ["documented transfer out is not a dropout", [ev("TRANSFERRED_OUT", "2025-01-10")], false, "NO_DROPOUT"],
];

describe("dropoutOutcome (MA DESE annual dropout rate), school year 2024-25", () => {
  it.each(CASES)("%s", (_name, events, counted, reason) => {
    const o = dropoutOutcome(events, 2024);
    expect([o.counted, o.reason]).toEqual([counted, reason]);
  });

  it("computes the rate over October 1 grades 9–12 enrollment", () => {
    const counted = CASES.filter(([, e]) => dropoutOutcome(e, 2024).counted).length;
    expect(counted).toBe(4);
    // 4 dropouts of 160 enrolled on October 1 = 2.5%.
    expect(dropoutRate(counted, 160)).toEqual({ numerator: 4, denominator: 160, rate: 2.5 });
    expect(dropoutRate(0, 0).rate).toBeNull();
  });

  it("charges the dropout to the school of the last dropout that year", () => {
    const o = dropoutOutcome([{ ...ev("DROPPED_OUT", "2024-10-01"), schoolId: "x" }, ev("REENGAGED", "2024-11-01"), ev("DROPPED_OUT", "2025-03-01")], 2024);
    expect(o.schoolId).toBe(A);
  });
});
