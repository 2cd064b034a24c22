// A new district's summaries, before any record: every key figure used to read "—" with "Hidden to
// protect students' privacy", as if students were behind it. With no record there is no one to
// protect: the figure is 0 of 0, has no rate, and says why — on the page, in the CSV and the JSON
// alike (figures.ts noRecords). A figure with records that the policy hides stays hidden.
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { db } from "@/lib/db";
import type { Viewer } from "@/lib/access";
import { NO_QUALITY_RECORDS, getDistrictSummary, getEquityView, getQualityView, getSchoolSummary } from "./queries";
import { groupsCsv, qualityCsv, schoolsCsv } from "./csv";
import { FIGURE_KEYS, NO_RECORDS_NOTE } from "./figures";

useTestDatabase();

let district: Viewer;
let school: { id: string; name: string };

beforeAll(async () => {
  district = viewerOf(await makeUser("DISTRICT_ADMIN", null));
  school = await makeSchool({ name: "Empty High" });
});

describe("figures without a single record", () => {
  it("say 0 of 0 and why, not hidden, for the district and a school", async () => {
    const d = await getDistrictSummary(district, { year: 2024 });
    const s = await getSchoolSummary(district, { year: 2024, school: school.id });
    for (const k of FIGURE_KEYS) {
      for (const f of [d.district[k], s.figures[k]]) {
        expect(f, k).toMatchObject({ numerator: 0, denominator: 0, students: 0, rate: null, coded: null, suppression: "none" });
      }
      // The dropout rate's more specific reason wins: no October 1 roll at all.
      expect(s.figures[k].note, k).toBe(k === "dropout" ? "No October 1 roll loaded for 2024-25" : NO_RECORDS_NOTE[k]);
    }
    expect(d.district.dropout.note).toBe(NO_RECORDS_NOTE.dropout);
    const line = schoolsCsv(d)
      .trim()
      .split("\r\n")
      .find((l) => l.startsWith("Empty High,"))!;
    expect(line).toContain("4-year graduation rate: No students in this cohort");
    expect(line).not.toContain("suppressed");
  });

  // The equity page's table of a unit with no records read "—" in every group with the privacy
  // footnote, as if students were behind it (the tester's finding): it says "no records" instead.
  it("the equity page and its CSV say no records, for an outcome and for access", async () => {
    for (const figure of ["acgr4", "advancedPlacement"] as const) {
      for (const v of [await getEquityView(district, { year: 2024, figure }), await getEquityView(district, { year: 2024, school: school.id, figure })]) {
        expect(v.noRecords, `${figure} ${v.school?.name ?? "district"}`).toBe(figure === "acgr4" ? NO_RECORDS_NOTE.acgr4 : "No students on the October 1 roll in grades 9–12");
        const lines = groupsCsv(v).trim().split("\r\n");
        expect(lines[1]).toContain(v.noRecords!);
        expect(lines.slice(1).every((l) => !l.includes("suppressed") && l.includes("no records"))).toBe(true);
      }
    }
  });

  it("the quality report and its CSV say no records, by course and by group", async () => {
    for (const by of ["course", "group"] as const) {
      for (const v of [await getQualityView(district, { year: 2024, by }), await getQualityView(district, { year: 2024, school: school.id, by })]) {
        expect(v).toMatchObject({ noRecords: NO_QUALITY_RECORDS, rows: [], groups: [] });
        const lines = qualityCsv(v).trim().split("\r\n");
        expect(lines).toHaveLength(2);
        expect(lines[1]).toMatch(/,no records,No online enrollments started in this school year/);
        expect(lines[1]).not.toContain("—");
      }
    }
  });

  it("say so to the school's own administrator too (the school view holds that school alone)", async () => {
    const admin = viewerOf(await makeUser("SCHOOL_ADMIN", school.id));
    const s = await getSchoolSummary(admin, { year: 2024 });
    expect(s.figures.acgr4).toMatchObject({ numerator: 0, denominator: 0, rate: null, suppression: "none", note: NO_RECORDS_NOTE.acgr4 });
  });

  it("a school with fewer than 6 students in a cohort is still hidden", async () => {
    const small = await makeSchool({ name: "Small High" });
    for (let i = 0; i < 3; i++) await makeStudent(small.id, null, { cohortYear: 2025, gradeLevel: 12 });
    const s = await getSchoolSummary(district, { year: 2024, school: small.id });
    expect(s.figures.acgr4).toMatchObject({ rate: null, denominator: null, suppression: "suppressed" });
    // Its equity page keeps the groups hidden: it has records.
    const v = await getEquityView(district, { year: 2024, school: small.id, figure: "acgr4" });
    expect(v.noRecords).toBeUndefined();
    expect(v.rows.find((r) => r.key === "all")?.suppression).toBe("suppressed");
  });

  it("a district whose only count is a dropout (nobody on its October 1 roll in grades 9–12) is not 0 of 0", async () => {
    // The school's roll holds only a grade-8 row; a tenth grader not on it dropped out there.
    const annex = await makeSchool({ name: "Annex" });
    const eighth = await makeStudent(annex.id, null, { gradeLevel: 8, cohortYear: 2029 });
    await db().studentYear.create({ data: { studentId: eighth.id, schoolYear: 2024, schoolId: annex.id, gradeLevel: 8 } });
    const tenth = await makeStudent(annex.id, null, { gradeLevel: 10, cohortYear: 2027 });
    await db().statusEvent.create({ data: { studentId: tenth.id, kind: "DROPPED_OUT", effectiveDate: new Date("2025-02-03"), schoolId: annex.id, gradeLevel: 10 } });
    const d = await getDistrictSummary(district, { year: 2024 });
    expect(d.district.dropout.suppression).toBe("suppressed"); // one dropout: a small count, hidden
    expect(d.district.dropout.denominator).toBeNull();
    // Nor does the equity page's access view say "no records" (its roll, the same, is protected).
    for (const v of [
      await getEquityView(district, { year: 2024, figure: "advancedPlacement" }),
      await getEquityView(district, { year: 2024, school: annex.id, figure: "advancedPlacement" }),
    ]) {
      expect(v.noRecords, v.school?.name ?? "district").toBeUndefined();
    }
  });
});
