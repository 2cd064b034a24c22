import { describe, expect, it } from "vitest";
import { DISTRICT } from "@/lib/reports/published";
import { countShown, publishUnits, type Row } from "./report-publish";

// The plans report's disclosure (report-publish.ts) on hand-made tables: each row's counts are its
// outcomes (they add up to its denominator), so a count of 0 or 1 reads "≤ 1", one more count goes
// with it, and the share met shows only when met and not met both show.

const row = (key: string, size: number, counts: number[]): Row => ({ key, label: key, size, denominator: counts.reduce((a, b) => a + b, 0), counts });
const types = { sizeAdditive: false, denominatorIsStudents: false, rate: { numerator: 1, over: [1, 2] } } as const;

describe("plans report disclosure", () => {
  it("shows the share met over met + not met when every count is 2 or more and not within one of all", () => {
    // active 2, met 4, not met 2, discontinued 2: 10 plans of 9 students.
    const att = row("ATTENDANCE", 9, [2, 4, 2, 2]);
    const out = publishUnits(new Map([["s", [att, { ...att, key: "total" }]]]), false, types).get("s")!;
    expect(out[0]).toMatchObject({ counts: [2, 4, 2, 2], rate: 66.7, suppression: "none", noDenominator: false });
  });

  it("codes a count of 0 or 1, hides the smallest other count, and the share with it", () => {
    const att = row("ATTENDANCE", 10, [3, 4, 2, 1]);
    const out = publishUnits(new Map([["s", [att, { ...att, key: "total" }]]]), false, types).get("s")!;
    expect(out[0]).toMatchObject({ counts: [3, 4, null, null], rate: null, coded: null, suppression: "coded" });
    expect([0, 1, 2, 3].map((k) => countShown(out[0], k))).toEqual([3, 4, null, "≤ 1"]);
  });

  it("says there is no share when no plan closed, without hiding anything", () => {
    const act = row("ATTENDANCE", 8, [8, 0, 0, 0]);
    const out = publishUnits(new Map([["s", [act, { ...act, key: "total" }]]]), false, types).get("s")!;
    // 8 of 8 active is within one of all ("≥ 7"); the zeros read "≤ 1": nothing exact is left to divide.
    expect([0, 1, 2, 3].map((k) => countShown(out[0], k))).toEqual(["≥ 7", "≤ 1", "≤ 1", "≤ 1"]);
    expect(out[0].rate).toBeNull();
  });

  it("district: a school's hidden row is not the district's row minus the other school's", () => {
    const over = { sizeAdditive: true, denominatorIsStudents: true, rate: { numerator: 0, over: "denominator" } } as const;
    const a = [row("HIGH", 3, [1, 2]), row("LOW", 20, [6, 14]), row("total", 23, [7, 16])];
    const b = [row("HIGH", 12, [4, 8]), row("LOW", 20, [5, 15]), row("total", 32, [9, 23])];
    const d = [row("HIGH", 15, [5, 10]), row("LOW", 40, [11, 29]), row("total", 55, [16, 39])];
    const out = publishUnits(
      new Map([
        ["a", a],
        ["b", b],
        [DISTRICT, d],
      ]),
      true,
      over,
    );
    const high = (u: string) => out.get(u)!.find((r) => r.key === "HIGH")!;
    expect(high("a").suppression).toBe("suppressed");
    // a's High (3 students) would be the district's minus b's: one of those two is not shown exactly.
    const exact = (r: ReturnType<typeof high>) => r.counts.every((c) => c !== null) && r.size !== null;
    expect(exact(high(DISTRICT)) && exact(high("b"))).toBe(false);
  });

  it("decides alike whatever order the units and rows come in (the queries return them in no set order)", () => {
    const over = { sizeAdditive: true, denominatorIsStudents: true, rate: { numerator: 0, over: "denominator" } } as const;
    // Two schools of 40 beside one of 3: ties between the two are broken by position.
    const school = (n: number) => [row("HIGH", n, [1, n - 1]), row("total", n, [1, n - 1])];
    const d = [row("HIGH", 83, [3, 80]), row("total", 83, [3, 80])];
    const units: [string, Row[]][] = [
      ["x", school(40)],
      ["z", school(40)],
      ["w", school(3)],
      [DISTRICT, d],
    ];
    const decided = (list: [string, Row[]][]) => {
      const out = publishUnits(new Map(list), true, over);
      return Object.fromEntries([...out].sort(([a], [b]) => (a < b ? -1 : 1)).map(([u, rows]) => [u, [...rows].sort((a, b) => (a.key < b.key ? -1 : 1))]));
    };
    const reversed = [...units].reverse().map(([u, rows]): [string, Row[]] => [u, [...rows].reverse()]);
    expect(decided(reversed)).toEqual(decided(units));
  });
});
