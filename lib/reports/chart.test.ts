import { describe, expect, it } from "vitest";
import { linePath, niceTicks, nothingToDraw, scale, splitFinal } from "./chart";

describe("niceTicks: round values from 0", () => {
  it("hand-computed cases", () => {
    expect(niceTicks(100, 5, 100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(73.4, 5, 100)).toEqual([0, 20, 40, 60, 80]);
    expect(niceTicks(8.2, 5, 100)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(11, 5, 100)).toEqual([0, 2.5, 5, 7.5, 10, 12.5]);
    // A small rate (0.4%) draws to 1%, never ticking finer than tenths.
    expect(niceTicks(0.4, 4, 100)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(3, 4, 100)).toEqual([0, 1, 2, 3]);
    // No data, or all zero: a 0–10 axis.
    expect(niceTicks(0, 5, 100)).toEqual([0, 2, 4, 6, 8, 10]);
    // Never past the cap (a rate).
    expect(niceTicks(99.9, 4, 100)).toEqual([0, 25, 50, 75, 100]);
  });
});

describe("lines", () => {
  it("scales and draws straight segments, broken at a missing value", () => {
    const y = scale(100, 200, 0);
    expect([y(0), y(50), y(100)]).toEqual([200, 100, 0]);
    expect(linePath([{ x: 0, y: 10 }, { x: 10, y: 20 }, null, { x: 30, y: 5 }, { x: 40, y: 6 }])).toBe("M 0 10 L 10 20 M 30 5 L 40 6");
    expect(linePath([null, null])).toBe("");
  });
  it("splits final from not-final values: the dashes start where the solid line ends", () => {
    expect(splitFinal([60, 62, 64, 65, 66], [true, true, true, false, false])).toEqual({ solid: [60, 62, 64, null, null], dashed: [null, null, 64, 65, 66] });
    expect(splitFinal([60, 62], [true, true])).toEqual({ solid: [60, 62], dashed: [null, null] });
  });
});

describe("nothingToDraw: a chart without a value says why", () => {
  it("names coded values (bounds) instead of saying there is no data", () => {
    // A small school whose every year's rate is "≤ 10%": values exist, as bounds (the tester's case).
    expect(
      nothingToDraw([
        { value: null, coded: { op: "≤", bound: 10 } },
        { value: null, coded: null },
      ]),
    ).toMatch(/^No exact values to draw: each is a bound/);
    expect(nothingToDraw([{ value: null, coded: null }])).toBe("No data for these school years.");
    expect(nothingToDraw([])).toBe("No data for these school years.");
  });

  it("names hidden values as hidden, not as no data (the reviewer's case: every year n < 6)", () => {
    const hidden = { value: null, coded: null, hidden: true, noRecords: false };
    const absent = { value: null, coded: null, hidden: false, noRecords: true };
    const noRateYet = { value: null, coded: null, hidden: false, noRecords: false };
    expect(nothingToDraw([hidden, hidden])).toMatch(/^No values to draw: every one is hidden to protect students’ privacy/);
    expect(nothingToDraw([hidden, absent])).toMatch(/hidden to protect students’ privacy, has no records, or has no rate yet\. The table view says which\.$/);
    expect(nothingToDraw([absent, absent])).toBe("No data for these school years.");
    // Records, but nothing counted yet (no enrollment ended): not "No data".
    expect(nothingToDraw([noRateYet, absent])).toMatch(/^No values to draw: no rate yet in these school years/);
  });
});
