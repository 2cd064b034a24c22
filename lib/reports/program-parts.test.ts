import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keptMerges, nthOf, percentileCont, percentilesKept, percentilesOf, programRowsFromParts } from "./program-parts";
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

  it("rows not from frozen pieces: a list changed in place gives the median over its new values (nothing kept by them)", () => {
    // 300 days a school (enough to be kept were the rows from frozen pieces: percentilesKept).
    const days = (from: number) => Array.from({ length: 300 }, (_, k) => from + k);
    const rows = ["a", "b", "c"].map((s, i) => row(s, "CREDIT_RECOVERY", "Apex", { students: 300, started: 300, passed: 300, days: days(100 * i) }));
    const median = () => programRowsFromParts(rows, 2024, true).find((r) => r.schoolId === null && r.programType === "CREDIT_RECOVERY")!.medianDays;
    expect(median()).toBe(percentileCont(Float64Array.from(rows.flatMap((r) => r.days!)).sort(), 0.5));
    rows[1].days!.fill(1000); // the same array, the same length, other values
    expect(median()).toBe(percentileCont(Float64Array.from(rows.flatMap((r) => r.days!)).sort(), 0.5));
  });

  it("gives the district a total row over no enrollments, as the statement's empty grouping set does", () => {
    expect(programRowsFromParts([], 2024, true)).toEqual([
      { year: 2024, schoolId: null, programType: null, providerName: null, students: 0, started: 0, passed: 0, failed: 0, withdrawn: 0, active: 0, medianDays: null, credits: 0 },
    ]);
  });
});

describe("percentilesOf and nthOf: the schools' sorted values taken together", () => {
  // What they stand for: the lists merged and sorted (signed zeros aside: days and seconds are never -0).
  const merged = (lists: number[][]) => lists.flat().sort((a, b) => a - b);
  const sortedLists = fc
    .array(
      fc.array(
        fc.oneof(
          fc.integer({ min: -5, max: 5 }),
          fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((x) => x + 0),
        ),
        { maxLength: 300 },
      ),
      { maxLength: 12 },
    )
    .map((ls) => ls.map((l) => [...l].sort((a, b) => a - b)));

  it("picks the values a sort would put there (hand-computed)", () => {
    const lists = [[], [3, 3, 10], [], [-1.5, 2, 3]];
    // Merged: -1.5, 2, 3, 3, 3, 10
    expect([0, 1, 2, 3, 4, 5].map((k) => nthOf(lists, k))).toEqual([-1.5, 2, 3, 3, 3, 10]);
    expect(() => nthOf(lists, 6)).toThrow(RangeError);
    expect(() => nthOf([], 0)).toThrow(RangeError);
    // The median of 6 values: between the 3rd and 4th (3 and 3); the first quartile: 0.25 × 5 = 1.25, 2 + (3 − 2) × 0.25.
    expect(percentilesOf(lists, [0.5, 0.25])).toEqual([3, 2.25]);
    expect(percentilesOf([[], []], [0.5])).toEqual([null]);
    expect(percentilesOf([], [0.5])).toEqual([null]);
    expect(percentilesOf([[4, 9]], [0.5])).toEqual([6.5]);
  });

  it("gives what percentileCont gives over the merged values, to the bit, lists of every size and many repeats", () => {
    fc.assert(
      fc.property(sortedLists, fc.constantFrom(0, 0.25, 0.5, 0.75, 1, 0.37), (lists, p) => {
        const all = merged(lists);
        for (let k = 0; k < all.length; k += Math.max(1, Math.floor(all.length / 40))) expect(nthOf(lists, k)).toBe(all[k]);
        expect(percentilesOf(lists, [p])).toEqual([percentileCont(all, p)]);
      }),
      { numRuns: 300, seed: 16 },
    );
  });

  it("ends, with what a sort gives, when the value asked for is NaN (sorted last, as PostgreSQL sorts it)", () => {
    const lists = Array.from({ length: 30 }, (_, i) => [...Array.from({ length: 40 }, (_, k) => k + i), NaN]);
    const all = Float64Array.from(lists.flat()).sort();
    for (const k of [0, 600, all.length - 31, all.length - 30, all.length - 1]) expect(nthOf(lists, k)).toBe(all[k]);
  });

  it("selects among hundreds of long lists (a district's total row) as a sort would", () => {
    // 400 schools of 60 to 660 days each, whole days with many repeats, as the city's rows are.
    let seed = 7;
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), seed / 4294967296);
    const lists = Array.from({ length: 400 }, () => Array.from({ length: 60 + Math.floor(next() * 600) }, () => Math.floor(next() * next() * 200)).sort((a, b) => a - b));
    const all = merged(lists);
    for (const k of [0, 1, all.length >> 2, all.length >> 1, all.length - 2, all.length - 1]) expect(nthOf(lists, k)).toBe(all[k]);
    // (Enough values a list that percentilesOf selects rather than sorts.)
    expect(all.length).toBeGreaterThan(64 * lists.length);
    expect(percentilesOf(lists, [0.25, 0.5, 0.75])).toEqual([0.25, 0.5, 0.75].map((p) => percentileCont(all, p)));
  });

  it("percentilesKept: after lists are replaced, added or taken out, the same doubles as over them all, from the values kept", () => {
    // A district row's 40 schools of whole days with repeats; each step replaces, adds or takes out
    // a school's list (a new array, as a write makes), or brings back one seen before.
    let seed = 11;
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), seed / 4294967296);
    const list = () => Array.from({ length: 20 + Math.floor(next() * 60) }, () => Math.floor(next() * 90)).sort((a, b) => a - b);
    const lists = Array.from({ length: 40 }, list);
    const before = keptMerges();
    const ps = [0.25, 0.5, 0.75, 0.37];
    expect(percentilesKept("test a", lists, ps)).toEqual(ps.map((p) => percentileCont(merged(lists), p)));
    for (let step = 0; step < 200; step++) {
      const at = Math.floor(next() * lists.length);
      const what = next();
      if (what < 0.6) lists[at] = list();
      else if (what < 0.75) lists.splice(at, 0, list());
      else if (what < 0.9 && lists.length > 2) lists.splice(at, 1);
      else lists.push(lists[at]); // the same array twice: counted twice
      expect(percentilesKept("test a", lists, ps)).toEqual(ps.map((p) => percentileCont(merged(lists), p)));
    }
    expect(keptMerges() - before).toBeGreaterThan(150);
  });

  it("percentilesKept: a NaN, a −0 or most values changed are merged anew, with what a sort gives; few values are not kept", () => {
    const lists = Array.from({ length: 30 }, (_, i) => Array.from({ length: 50 }, (_, k) => k + i));
    const sorted = (ls: number[][]) => Float64Array.from(ls.flat()).sort();
    const at = (ls: number[][], p: number) => percentileCont(sorted(ls), p);
    expect(percentilesKept("test b", lists, [0.5])).toEqual([at(lists, 0.5)]);
    const before = keptMerges();
    for (const odd of [[NaN], [-0, 0], Array.from({ length: 1400 }, (_, k) => k)]) {
      lists[3] = [...odd].sort((a, b) => a - b);
      expect(percentilesKept("test b", lists, [0.5, 1])).toEqual([at(lists, 0.5), at(lists, 1)]);
    }
    expect(keptMerges()).toBe(before);
    // Back to 30 lists of whole days: merged from the kept values once more.
    lists[3] = Array.from({ length: 50 }, (_, k) => k);
    percentilesKept("test b", lists, [0.5]);
    lists[4] = [1, 2, 3];
    expect(percentilesKept("test b", lists, [0.5, 0.9])).toEqual([at(lists, 0.5), at(lists, 0.9)]);
    expect(keptMerges()).toBe(before + 1);
    // Fewer than 256 values: selected or sorted each time (percentilesOf), nothing kept.
    const few = [[1, 2], [3]];
    expect(percentilesKept("test c", few, [0.5])).toEqual([2]);
    expect(percentilesKept("test c", [[1, 2], [4]], [0.5])).toEqual([2]);
    expect(keptMerges()).toBe(before + 1);
  });
});
