import { describe, expect, it } from "vitest";
import { ageOn, exitKindOf, onList, quiet, reengagedByYear, windowStart, type SummaryEvent } from "./rules";

const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe("the Re-engagement list's rules", () => {
  it.each([
    ["2004-12-02", "2026-12-01", 21],
    ["2004-12-01", "2026-12-01", 22],
    ["2004-02-29", "2026-02-28", 21],
    ["2004-02-29", "2026-03-01", 22],
  ])("born %s is %i on %s", (born, on, age) => expect(ageOn(d(born), d(on))).toBe(age));

  it.each([
    ["2026-12-01", 4, "2023-07-01"],
    ["2026-06-30", 4, "2022-07-01"],
    ["2026-07-01", 1, "2026-07-01"],
  ])("on %s, %i school years start %s", (today, years, start) => expect(windowStart(d(today), years).toISOString().slice(0, 10)).toBe(start));

  it("reads the exit as ACGR does: a documented transfer is no exit for the list, an unknown one is", () => {
    expect(exitKindOf({ kind: "DROPPED_OUT", effectiveDate: d("2026-01-01"), documented: null })).toBe("DROPPED_OUT");
    expect(exitKindOf({ kind: "TRANSFERRED_OUT", effectiveDate: d("2026-01-01"), documented: false })).toBe("TRANSFERRED_OUT_UNDOCUMENTED");
    expect(exitKindOf({ kind: "TRANSFERRED_OUT", effectiveDate: d("2026-01-01"), documented: null })).toBe("TRANSFERRED_OUT_UNDOCUMENTED");
    expect(exitKindOf({ kind: "TRANSFERRED_OUT", effectiveDate: d("2026-01-01"), documented: true })).toBeNull();
    for (const kind of ["GRADUATED", "REENGAGED", "EARNED_EQUIVALENCY", "EMIGRATED", "DECEASED", "ENTERED"])
      expect(exitKindOf({ kind, effectiveDate: d("2026-01-01"), documented: null })).toBeNull();
  });

  it("keeps an exit inside the window and under 22, nothing dated after today", () => {
    const out = (on: string) => ({ kind: "DROPPED_OUT", effectiveDate: d(on), documented: null });
    expect(onList(out("2023-07-01"), d("2008-01-01"), d("2026-12-01"), 4)).toBe(true);
    expect(onList(out("2023-06-30"), d("2008-01-01"), d("2026-12-01"), 4)).toBe(false);
    expect(onList(out("2026-12-02"), d("2008-01-01"), d("2026-12-01"), 4)).toBe(false);
    expect(onList(out("2026-01-01"), d("2004-12-01"), d("2026-12-01"), 4)).toBe(false);
  });

  it("calls no contact, or none in more than 30 days, quiet", () => {
    expect(quiet(null, d("2026-12-01"))).toBe(true);
    expect(quiet(d("2026-11-01"), d("2026-12-01"))).toBe(false);
    expect(quiet(d("2026-10-31"), d("2026-12-01"))).toBe(true);
  });

  it("counts each student once a year and a graduation only after the re-engagement", () => {
    let seq = 0n;
    const e = (studentId: string, kind: SummaryEvent["kind"], on: string): SummaryEvent => ({ studentId, kind, effectiveDate: d(on), sequence: ++seq });
    const m = reengagedByYear([
      e("a", "REENGAGED", "2024-09-01"),
      e("a", "REENGAGED", "2025-02-01"),
      e("a", "GRADUATED", "2026-06-10"),
      e("b", "GRADUATED", "2024-06-10"),
      e("b", "REENGAGED", "2024-09-01"),
      e("c", "REENGAGED", "2025-09-01"),
      e("c", "GRADUATED", "2025-09-01"),
    ]);
    expect(Object.fromEntries(m)).toEqual({ 2024: { reengaged: 2, graduated: 1 }, 2025: { reengaged: 1, graduated: 1 } });
  });
});
