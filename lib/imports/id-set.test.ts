import { describe, expect, it } from "vitest";
import { IdSet } from "@/lib/imports/id-set";

describe("IdSet", () => {
  it("adds an id once and finds it again", () => {
    const s = new IdSet();
    expect(s.add("e-1")).toBe(true);
    expect(s.add("e-1")).toBe(false);
    expect(s.has("e-1")).toBe(true);
    expect(s.has("e-2")).toBe(false);
    expect(s.size).toBe(1);
  });

  it("tells apart ids that differ in one byte, in length only, or in case", () => {
    const s = new IdSet();
    for (const id of ["enr-10", "enr-11", "enr-1", "enr-100", "ENR-10", "enr-10 "]) expect(s.add(id)).toBe(true);
    expect(s.size).toBe(6);
    for (const id of ["enr-10", "enr-1", "ENR-10", "enr-10 "]) expect(s.add(id)).toBe(false);
    expect(s.has("enr-101")).toBe(false);
  });

  it("compares ids outside ASCII by their bytes, and the empty id", () => {
    const s = new IdSet();
    expect(s.add("Señor-Ó")).toBe(true);
    expect(s.add("Senor-O")).toBe(true);
    expect(s.add("学生-𝟙")).toBe(true);
    expect(s.add("")).toBe(true);
    expect(s.add("Señor-Ó")).toBe(false);
    expect(s.add("学生-𝟙")).toBe(false);
    expect(s.add("")).toBe(false);
    expect(s.has("学生-𝟚")).toBe(false);
  });

  it("holds ids longer than its first scratch buffer", () => {
    const s = new IdSet();
    const long = "x".repeat(5000);
    expect(s.add(long)).toBe(true);
    expect(s.add(`${long}y`)).toBe(true);
    expect(s.add(long)).toBe(false);
    expect(s.has(`${long}y`)).toBe(true);
  });

  it("keeps every id exactly as it grows past its first sizes (GUIDs, as SIS exports write them)", () => {
    const s = new IdSet();
    const guid = (i: number) => `${i.toString(16).padStart(8, "0")}-4b1c-9a7e-0c2d-${((i * 2654435761) >>> 0).toString(16).padStart(12, "0")}`;
    const n = 200_000;
    let added = 0;
    for (let i = 0; i < n; i++) if (s.add(guid(i))) added++;
    expect(added).toBe(n);
    let again = 0;
    for (let i = 0; i < n; i += 997) if (s.add(guid(i))) again++;
    let found = 0;
    for (let i = n; i < n + 1000; i++) if (s.has(guid(i))) found++;
    expect([again, found, s.size]).toEqual([0, 0, n]);
  });
});
