import { describe, expect, it } from "vitest";
import { PAGE_ABOVE, SCHOOLS_AT_ONCE, schoolsView, shownSchools } from "./schools-page";

const schools = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `School ${String(i + 1).padStart(3, "0")}` }));

describe("the district summary's schools a page at a time", () => {
  it("shows a district of a few dozen schools whole, and a city's 400 fifty at a time", () => {
    expect(schoolsView({}, PAGE_ABOVE)).toEqual({ q: "", show: "all", page: 1, asked: false });
    const small = shownSchools(schools(30), schoolsView({}, 30));
    expect(small).toMatchObject({ from: 1, to: 30, matching: 30, total: 30, page: 1, pages: 1 });
    const city = shownSchools(schools(400), schoolsView({}, 400));
    expect(city.rows.map((s) => s.name)).toEqual(
      schools(400)
        .slice(0, SCHOOLS_AT_ONCE)
        .map((s) => s.name),
    );
    expect(city).toMatchObject({ from: 1, to: 50, matching: 400, page: 1, pages: 8 });
  });

  it("pages in the given order, the last page short, a page past the end showing the last", () => {
    const sorted = schools(120).reverse(); // (the table's sort order, whatever it is)
    const third = shownSchools(sorted, schoolsView({ page: "3" }, 120));
    expect(third).toMatchObject({ from: 101, to: 120, page: 3, pages: 3 });
    expect(third.rows[0]).toBe(sorted[100]);
    expect(shownSchools(sorted, schoolsView({ page: "9" }, 120))).toMatchObject({ from: 101, to: 120, page: 3 });
    expect(shownSchools(sorted, schoolsView({ show: "all" }, 120))).toMatchObject({ from: 1, to: 120, pages: 1 });
    expect(shownSchools(sorted, schoolsView({ show: "2", page: "2" }, 120)).rows).toEqual([sorted[2], sorted[3]]);
  });

  it("finds schools by part of the name, whatever its case and accents", () => {
    const list = [{ name: "Allston Crossing High School" }, { name: "Bay “East” Academy" }, { name: "Éire Street Academy" }, { name: "O'Neil Prep" }];
    const find = (q: string) => shownSchools(list, schoolsView({ q }, list.length)).rows.map((s) => s.name);
    expect(find("ACADEMY")).toEqual(["Bay “East” Academy", "Éire Street Academy"]);
    expect(find("eire")).toEqual(["Éire Street Academy"]);
    expect(find("o'neil")).toEqual(["O'Neil Prep"]);
    expect(find("  east  ")).toEqual(["Bay “East” Academy"]);
    const none = shownSchools(list, schoolsView({ q: "zzz" }, list.length));
    expect(none).toMatchObject({ rows: [], matching: 0, total: 4, from: 0, to: 0, pages: 1 });
    expect(schoolsView({ q: "x" }, 4).asked).toBe(true);
  });

  it("reads anything unreadable in the link as the default, never as an error", () => {
    for (const raw of [{ page: "0" }, { page: "-3" }, { page: "two" }, { show: "0" }, { show: "nine" }, { show: "1e9" }, { q: "x".repeat(500) }])
      expect(() => shownSchools(schools(400), schoolsView(raw, 400))).not.toThrow();
    expect(schoolsView({ page: "two", show: "nine" }, 400)).toMatchObject({ page: 1, show: SCHOOLS_AT_ONCE, asked: false });
    expect(schoolsView({ q: "x".repeat(500) }, 400).q).toBe("");
  });
});
