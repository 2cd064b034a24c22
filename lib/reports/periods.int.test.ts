// Issue 13: the current year's summary showed "4-year graduation rate, Class of 2027: 0.0% (0 of
// 106)" as if it were a result. Every figure now says whether its window has closed, against the
// district's today: `final: false, closesOn` in the API's JSON until then.
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import type { Viewer } from "@/lib/access";
import { districtDay, schoolYearOf, yearLabel } from "@/lib/calendar";
import { reportHandler } from "./http";
import { getCompleters, getDropout, getGraduation, getProgram, getSchoolSummary } from "./queries";
import { graduationParams, yearParams } from "./schema";
import { trendCsv } from "./csv";

useTestDatabase();

const current = schoolYearOf(districtDay()); // the school year today is in: not over
let admin: Viewer;
let school: { id: string };

beforeAll(async () => {
  school = await makeSchool({ name: "Current High" });
  admin = viewerOf(await makeUser("SCHOOL_ADMIN", school.id));
  for (let i = 0; i < 8; i++) await makeStudent(school.id, null, { cohortYear: current + 1, gradeLevel: 12 });
});

const json = async (handle: (v: Viewer, r: Request) => Promise<Response>, url: string) => {
  const res = await handle(admin, new Request(`http://localhost${url}`));
  expect(res.status).toBe(200);
  return res.json();
};

describe("figures of the current school year are not final", () => {
  it("GET /api/reports/dropout?year=<current>: final false, closes October 1 after the year", async () => {
    const body = await json(
      reportHandler(yearParams, (v, p) => getDropout(v, { year: p.year, school: p.school })),
      `/api/reports/dropout?year=${yearLabel(current)}`,
    );
    expect(body.figure).toMatchObject({ final: false, closesOn: `${current + 1}-10-01` });
  });

  it("GET /api/reports/graduation?cohort=<class of next summer>: 4-year closes August 31 of the cohort year, 5-year a year later", async () => {
    const body = await json(
      reportHandler(graduationParams, (v, p) => getGraduation(v, { cohort: p.cohort, school: p.school })),
      `/api/reports/graduation?cohort=${current + 1}`,
    );
    expect(body.fourYear.figure).toMatchObject({ final: false, closesOn: `${current + 1}-08-31` });
    expect(body.fiveYear.figure).toMatchObject({ final: false, closesOn: `${current + 2}-08-31` });
  });

  it("completers and program results close August 31 after the year", async () => {
    const c = await getCompleters(admin, { year: current });
    expect(c.byYearEnd).toMatchObject({ final: false, closesOn: `${current + 1}-08-31` });
    expect(await getProgram(admin, { year: current })).toMatchObject({ final: false, closesOn: `${current + 1}-08-31` });
  });

  it("a year long past is final", async () => {
    const d = await getDropout(admin, { year: current - 3 });
    expect(d.figure).toMatchObject({ final: true, closesOn: `${current - 2}-10-01` });
  });

  it("the summary's figures and trend points carry it, and the trend CSV says it", async () => {
    const s = await getSchoolSummary(admin, { year: current });
    expect(s.figures.acgr4).toMatchObject({ final: false, closesOn: `${current + 1}-08-31` });
    const last = s.trend.at(-1)!;
    expect(last.year).toBe(current);
    expect(last.final.acgr4).toBe(false);
    expect(s.trend[0].final.dropout).toBe(true);
    const lines = trendCsv(s.trend).trim().split("\r\n");
    expect(lines[0].endsWith(",notes")).toBe(true);
    expect(lines.at(-1)).toContain(`4-year graduation rate: not final — closes August 31, ${current + 1}`);
    expect(lines[1]).not.toContain("not final"); // the first year of the trend is final
    expect(lines[1]).toContain("4-year graduation rate: no records"); // and has no cohort of its own
  });
});
