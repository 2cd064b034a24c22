// A new district's summaries, before any record: every key figure used to read "—" with "Hidden to
// protect students' privacy", as if students were behind it. With no record there is no one to
// protect: the figure is 0 of 0, has no rate, and says why — on the page, in the CSV and the JSON
// alike (figures.ts noRecords). A figure with records that the policy hides stays hidden.
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { db } from "@/lib/db";
import type { Viewer } from "@/lib/access";
import { getDistrictSummary, getSchoolSummary } from "./queries";
import { schoolsCsv } from "./csv";
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
  });
});
