// Issue 12: without an October 1 roll the dropout rate has no denominator, and the summaries said
// "Fewer than 6 students: not shown", hiding the cause. They say "No October 1 roll loaded for
// 2023-24" now — in the same words in JSON, CSV and on the command line — and a district figure
// names the schools that have no roll for the year — and (issue 13) leaves their dropouts out of the
// numerator as they are out of the denominator: Beta's two dropouts used to make it 50.0% (5 of 10).
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import type { Viewer } from "@/lib/access";
import { getDistrictSummary, getDropout, getSchoolSummary } from "./queries";
import { equityCsv, schoolsCsv } from "./csv";
import { runReport } from "@/scripts/report";

useTestDatabase();

let district: Viewer;
let alphaAdmin: Viewer;
let alpha: { id: string; name: string; stateCode: string };
let beta: { id: string; name: string; stateCode: string };

beforeAll(async () => {
  alpha = await makeSchool({ name: "Alpha High" });
  beta = await makeSchool({ name: "Beta Academy" });
  await makeSchool({ name: "Closed Annex" }); // no students: never named
  district = viewerOf(await makeUser("DISTRICT_ADMIN", null));
  alphaAdmin = viewerOf(await makeUser("SCHOOL_ADMIN", alpha.id));
  // 2024-25: Alpha has a roll of 10 (three dropouts), Beta none (two dropouts); 2023-24: no roll anywhere.
  for (const school of [alpha, beta]) {
    for (let i = 0; i < 10; i++) {
      const s = await makeStudent(school.id, null, { gradeLevel: 11, cohortYear: 2026 });
      if (school === alpha) await db().studentYear.create({ data: { studentId: s.id, schoolYear: 2024, schoolId: school.id, gradeLevel: 11 } });
      if (i < (school === alpha ? 3 : 2))
        await db().statusEvent.create({ data: { studentId: s.id, kind: "DROPPED_OUT", effectiveDate: new Date("2025-02-03"), schoolId: school.id, gradeLevel: 11 } });
    }
  }
});

describe("no October 1 roll: the figures say so", () => {
  it("JSON (API): a school without a roll says so instead of suppressing; one with a roll is unchanged", async () => {
    const b = await getDropout(district, { year: 2024, school: beta.id });
    expect(b.figure).toMatchObject({ rate: null, note: "No October 1 roll loaded for 2024-25" });
    const a = await getDropout(alphaAdmin, { year: 2024 });
    expect(a.figure).toMatchObject({ numerator: 3, denominator: 10, rate: 30, suppression: "none" });
    expect(a.figure.note).toBeUndefined();
  });

  it("JSON (API): a district figure names the schools without a roll; a year with none says it has none", async () => {
    const d = (await getDropout(district, { year: 2024 })).figure;
    expect(d).toMatchObject({ numerator: 3, denominator: 10, rate: 30, note: "Dropouts at these schools not counted: no October 1 roll for: Beta Academy" });
    expect((await getDropout(district, { year: 2023 })).figure).toMatchObject({ rate: null, note: "No October 1 roll loaded for 2023-24" });
  });

  it("summaries: the school summary's and the district summary's figures carry the same note", async () => {
    const s = await getSchoolSummary(district, { year: 2024, school: beta.id });
    expect(s.figures.dropout.note).toBe("No October 1 roll loaded for 2024-25");
    expect(s.figures.acgr4.note).toBe("No students in this cohort"); // Beta has no records: 0 of 0, not hidden
    const d = await getDistrictSummary(district, { year: 2024 });
    expect(d.district.dropout.note).toBe("Dropouts at these schools not counted: no October 1 roll for: Beta Academy");
    expect(d.schools.find((x) => x.id === beta.id)!.figures.dropout.note).toBe("No October 1 roll loaded for 2024-25");
    expect(d.schools.find((x) => x.id === alpha.id)!.figures.dropout.note).toBeUndefined();
  });

  it("CSV: the schools table and the equity table say it, and give no '<6' for a figure without a roll", async () => {
    const lines = schoolsCsv(await getDistrictSummary(district, { year: 2024 }))
      .trim()
      .split("\r\n");
    expect(lines[0]!.endsWith(",notes")).toBe(true);
    const betaLine = lines.find((l) => l.startsWith("Beta Academy,"))!;
    expect(betaLine).toContain(",—,0,"); // dropout rate and n: no records, nothing hidden
    expect(betaLine).toContain("Annual dropout rate: No October 1 roll loaded for 2024-25");
    expect(betaLine).toContain("4-year graduation rate: No students in this cohort");
    expect(lines.at(-1)!).toContain("Annual dropout rate: Dropouts at these schools not counted: no October 1 roll for: Beta Academy");
    const s = await getSchoolSummary(district, { year: 2024, school: beta.id });
    const all = equityCsv("dropout", s.equity.dropout, s.figures.dropout.note).split("\r\n")[1];
    expect(all).toBe("All students,—,—,,,suppressed,No October 1 roll loaded for 2024-25");
  });

  it("command line: npm run report -- dropout --year 2023-24 says it, as text and as JSON", async () => {
    const text = await runReport(["dropout", "--year", "2023-24"], district);
    expect(text.split("\n")[0]).toBe("Annual dropout rate 2023-24 — District: —  (No October 1 roll loaded for 2023-24)");
    const school = await runReport(["dropout", "--year", "2024-25", "--school", beta.stateCode], district);
    expect(school.split("\n")[0]).toBe("Annual dropout rate 2024-25 — Beta Academy: —  (No October 1 roll loaded for 2024-25)");
    const whole = await runReport(["dropout", "--year", "2024"], district);
    expect(whole.split("\n").slice(0, 2)).toEqual([
      "Annual dropout rate 2024-25 — District: 30.0%  (3 of 10)",
      "Dropouts at these schools not counted: no October 1 roll for: Beta Academy",
    ]);
    const json = JSON.parse(await runReport(["dropout", "--year", "2023-24", "--json"], district));
    expect(json.figure.note).toBe("No October 1 roll loaded for 2023-24");
  });
});
