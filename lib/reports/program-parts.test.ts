import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergedSorted, percentileCont, programRowsFromParts } from "./program-parts";
import type { ProgramSchoolRow } from "@/lib/sql/queries/program-school-rows";

describe("percentileCont (PostgreSQL's percentile_cont)", () => {
  it("interpolates between the two middle values, as PostgreSQL does (hand-computed)", () => {
    expect(percentileCont([], 0.5)).toBeNull();
    expect(percentileCont([7], 0.5)).toBe(7);
    expect(percentileCont([1, 2, 3], 0.5)).toBe(2);
    expect(percentileCont([1, 2, 3, 4], 0.5)).toBe(2.5);
    // 0.25 × 3 = 0.75: 1 + (2 − 1) × 0.75
    expect(percentileCont([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(percentileCont([10, 10, 11, 40], 0.5)).toBe(10.5);
  });
});

describe("programRowsFromParts", () => {
  const row = (schoolId: string, programType: ProgramSchoolRow["programType"], providerName: string | null, o: Partial<ProgramSchoolRow>): ProgramSchoolRow => ({
    year: 2024,
    schoolId,
    programType,
    providerName,
    students: 0,
    started: 0,
    passed: 0,
    failed: 0,
    withdrawn: 0,
    active: 0,
    medianDays: null,
    credits: 0,
    days: null,
    creditTenths: 0,
    ...o,
  });

  it("adds the schools' rows up into the district's, medians over the merged days (hand-computed)", () => {
    const rows = [
      row("a", "CREDIT_RECOVERY", "Apex", { students: 2, started: 3, passed: 2, failed: 1, days: [10, 30], creditTenths: 15, credits: 1.5, medianDays: 20 }),
      row("a", null, null, { students: 2, started: 3, passed: 2, failed: 1, days: [10, 30], creditTenths: 15, credits: 1.5, medianDays: 20 }),
      row("b", "CREDIT_RECOVERY", "Apex", { students: 1, started: 1, passed: 1, days: [12], creditTenths: 3, credits: 0.3, medianDays: 12 }),
      row("b", "ORIGINAL_CREDIT", "Edgenuity", { students: 1, started: 1, active: 1 }),
      row("b", null, null, { students: 1, started: 2, passed: 1, active: 1, days: [12], creditTenths: 3, credits: 0.3, medianDays: 12 }),
    ];
    const out = programRowsFromParts(rows, 2024, true);
    const district = out.filter((r) => r.schoolId === null);
    expect(district).toHaveLength(3);
    // Days 10, 12, 30: the median is 12 (not the mean of the schools' medians, 16).
    expect(district.find((r) => r.programType === "CREDIT_RECOVERY")).toMatchObject({ students: 3, started: 4, passed: 3, failed: 1, medianDays: 12, credits: 1.8 });
    expect(district.find((r) => r.programType === "ORIGINAL_CREDIT")).toMatchObject({ students: 1, active: 1, medianDays: null, credits: 0 });
    expect(district.find((r) => r.programType === null)).toMatchObject({ students: 3, started: 5, passed: 3, active: 1, medianDays: 12, credits: 1.8 });
    // The parts are not handed out.
    expect(out.every((r) => !("days" in r) && !("creditTenths" in r))).toBe(true);
    // One school's rows: as read, no district rows.
    expect(programRowsFromParts(rows.slice(0, 2), 2024, false)).toHaveLength(2);
  });

  it("gives the district a total row over no enrollments, as the statement's empty grouping set does", () => {
    expect(programRowsFromParts([], 2024, true)).toEqual([
      { year: 2024, schoolId: null, programType: null, providerName: null, students: 0, started: 0, passed: 0, failed: 0, withdrawn: 0, active: 0, medianDays: null, credits: 0 },
    ]);
  });
});

describe("mergedSorted", () => {
  // (Signed zeros aside: a Float64Array sorts -0 before 0; days and seconds are never -0.)
  it("is the lists' values in ascending order, repeats, fractions, negatives and empty lists included", () => {
    expect([...mergedSorted([])]).toEqual([]);
    expect([...mergedSorted([[], [3, 3, 10], [], [-1.5, 2, 3]])]).toEqual([-1.5, 2, 3, 3, 3, 10]);
    fc.assert(
      fc.property(fc.array(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((x) => x + 0))), (lists) => {
        const sorted = lists.map((l) => [...l].sort((a, b) => a - b));
        expect([...mergedSorted(sorted)]).toEqual(sorted.flat().sort((a, b) => a - b));
      }),
      { numRuns: 200, seed: 16 },
    );
  });
});
