import { describe, expect, it } from "vitest";
import { weekOf, weeklyMinutes } from "@/lib/enrollments/activity-weeks";

const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe("weekOf", () => {
  it.each([
    ["2026-10-12", "2026-10-12"],
    ["2026-10-18", "2026-10-12"],
    ["2026-10-19", "2026-10-19"],
    ["2026-11-01", "2026-10-26"],
  ])("%s is in the week of Monday %s", (day, monday) => expect(weekOf(d(day)).toISOString().slice(0, 10)).toBe(monday));
});

describe("weeklyMinutes", () => {
  it("sums seconds per Monday–Sunday week, oldest first, a quiet week as 0", () => {
    const days = [
      { day: d("2026-09-01"), seconds: 600 }, // before the window: in the total only
      { day: d("2026-10-12"), seconds: 90 }, // 1.5 min
      { day: d("2026-10-18"), seconds: 60 }, // the Sunday of the same week: 150 s = 2.5 → 3
      { day: d("2026-10-28"), seconds: 1800 },
    ];
    expect(weeklyMinutes(days, d("2026-10-28"), 3)).toEqual({
      totalMinutes: 43, // (600 + 90 + 60 + 1800) / 60 = 42.5 → 43
      weeks: [
        { weekOf: "2026-10-12", minutes: 3 },
        { weekOf: "2026-10-19", minutes: 0 },
        { weekOf: "2026-10-26", minutes: 30 },
      ],
    });
  });

  it("gives 8 weeks of zeros without activity", () => {
    const r = weeklyMinutes([], d("2026-12-01"), 8);
    expect(r.totalMinutes).toBe(0);
    expect(r.weeks.map((w) => w.minutes)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(r.weeks[7]!.weekOf).toBe("2026-11-30");
    expect(r.weeks[0]!.weekOf).toBe("2026-10-12");
  });
});
