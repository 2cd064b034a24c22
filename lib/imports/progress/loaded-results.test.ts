import { describe, expect, it } from "vitest";
import { LoadedResults, type Res } from "./loaded-results";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const res = (id: string, enrollmentId: string, assessmentId: string, score: number, attempt: number, takenOn: string, proctored: boolean | null = null): Res => ({
  id,
  enrollmentId,
  assessmentId,
  score,
  attempt,
  takenOn: day(takenOn),
  proctored,
});

/** The rows a plan would read, added in an order that mixes enrollments (as a statement returns them). */
const rows = [
  res("r1", "e1", "a1", 71.5, 1, "2026-09-01", true),
  res("r2", "e2", "a1", 50, 1, "2026-09-02"),
  res("r3", "e1", "a1", 80, 2, "2026-09-03", false),
  res("r4", "e1", "a2", 80, 1, "2026-09-03"),
  res("r5", "e2", "a1", 50, 2, "2026-09-02"),
];

function loaded(expected = rows.length, seeded: string[] = []) {
  const store = new LoadedResults(expected, seeded);
  for (const r of rows) store.add({ ...r });
  return store.seal();
}

describe("LoadedResults", () => {
  it("gives back each enrollment's results as they were added, in the order added", () => {
    const store = loaded();
    expect(store.size).toBe(5);
    expect(store.resultsOf("e1")).toEqual([rows[0], rows[2], rows[3]]);
    expect(store.resultsOf("e2")).toEqual([rows[1], rows[4]]);
    expect(store.resultsOf("an enrollment the plan creates")).toEqual([]);
  });

  it("finds a result by attempt, or without one by score and day, the first in the order added", () => {
    const store = loaded();
    expect(store.result(store.find("e1", "a1", { attempt: 2 }))).toEqual(rows[2]);
    expect(store.find("e1", "a1", { attempt: 3 })).toBe(-1);
    expect(store.find("e1", "a3", { attempt: 1 })).toBe(-1);
    // Two attempts with the same score and day: the first added.
    expect(store.result(store.find("e2", "a1", { score: 50, takenOn: day("2026-09-02") })).id).toBe("r2");
    expect(store.find("e2", "a1", { score: 50, takenOn: day("2026-09-03") })).toBe(-1);
    expect(store.find("e2", "a1", { score: 50.01, takenOn: day("2026-09-02") })).toBe(-1);
    // A time of day is not the day's midnight (as before: the dates were compared as instants).
    expect(store.find("e2", "a1", { score: 50, takenOn: new Date("2026-09-02T10:00:00Z") })).toBe(-1);
  });

  it("tells the highest attempt of an enrollment's assessment", () => {
    const store = loaded();
    expect(store.maxAttempt("e1", "a1")).toBe(2);
    expect(store.maxAttempt("e1", "a2")).toBe(1);
    expect(store.maxAttempt("e2", "a2")).toBe(0);
    expect(store.maxAttempt("nobody", "a1")).toBe(0);
  });

  it("changes a result: the same object each time, found by its new values, given back changed", () => {
    const store = loaded();
    const at = store.find("e1", "a1", { attempt: 1 });
    expect(store.isChanged(at)).toBe(false);
    const changed = store.change(at, { score: 60, takenOn: day("2026-10-01"), proctored: null });
    expect(changed).toEqual({ ...rows[0], score: 60, takenOn: day("2026-10-01"), proctored: null });
    expect(store.isChanged(at)).toBe(true);
    expect(store.result(at)).toBe(changed);
    expect(store.change(at, { score: 61, takenOn: day("2026-10-01"), proctored: true })).toBe(changed);
    expect(changed.score).toBe(61);
    expect(store.resultsOf("e1")[0]).toBe(changed);
    expect(store.find("e1", "a1", { score: 61, takenOn: day("2026-10-01") })).toBe(at);
    expect(store.find("e1", "a1", { score: 71.5, takenOn: day("2026-09-01") })).toBe(-1);
    // The others are made afresh each time they are asked for, and not changed.
    expect(store.resultsOf("e1")[1]).toEqual(rows[2]);
    expect(store.resultsOf("e1")[1]).not.toBe(store.resultsOf("e1")[1]);
  });

  it("makes one Date per day for the results it gives back", () => {
    const store = loaded();
    const [, second, third] = store.resultsOf("e1");
    expect(second.takenOn).toBe(third.takenOn);
  });

  it("takes more results than counted (one recorded between the count and the read), and ids of any length or script", () => {
    const store = new LoadedResults(1);
    const many = Array.from({ length: 300 }, (_, i) => res(i % 7 === 0 ? `résultat-${i}-${"x".repeat(i % 40)}` : `r${i}`, `e${i % 11}`, `a${i % 3}`, i / 4, i + 1, "2026-09-01"));
    for (const r of many) store.add({ ...r });
    store.seal();
    expect(store.size).toBe(300);
    for (let e = 0; e < 11; e++) expect(store.resultsOf(`e${e}`)).toEqual(many.filter((r) => r.enrollmentId === `e${e}`));
  });

  it("seeded with the state's enrollment ids (one without results among them), finds each one's results", () => {
    const store = loaded(rows.length, ["e3", "e2", "e1"]);
    expect(store.resultsOf("e3")).toEqual([]);
    expect(store.resultsOf("e1").map((r) => r.id)).toEqual(["r1", "r3", "r4"]);
    expect(store.resultsOf("e2").map((r) => r.id)).toEqual(["r2", "r5"]);
  });

  it("refuses rows once sealed", () => {
    const store = loaded();
    expect(() => store.add(rows[0])).toThrow(/sealed/);
  });
});
