import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeUser, viewerOf } from "@/lib/test/factory";
import { ForbiddenError, NotFoundError, type Viewer } from "@/lib/access";
import { getDistrictSummary, getGraduation, getSchoolSummary, getDropout, getCompleters, getProgram } from "./queries";
import { getDrill } from "./drill";
import { makeWorld } from "./test/world";
import { byDefinition, byIndependentSql } from "./test/truth";
import { drillParams } from "./schema";
import { byCube, expectShownAs, groupByCube } from "./test/shown";

useTestDatabase();

const YEAR = 2024; // 2024-25: 4-year rate of the class of 2025, 5-year rate of the class of 2024
let schools: { id: string; name: string }[];
let district: Viewer;
let alphaAdmin: Viewer;
let counselor: Viewer;

beforeAll(async () => {
  ({ schools } = await makeWorld());
  district = viewerOf(await makeUser("DISTRICT_ADMIN", null));
  alphaAdmin = viewerOf(await makeUser("SCHOOL_ADMIN", schools[0].id));
  counselor = viewerOf(await makeUser("COUNSELOR", schools[0].id));
});

const KEYS = ["acgr4", "acgr5", "dropout", "completers", "program"] as const;

describe("report figures agree with the definitions and with independent SQL", () => {
  it.each([0, 1])("school %i: summary = pure definitions = hand-written SQL", async (i) => {
    const summary = await getSchoolSummary(district, { year: YEAR, school: schools[i].id });
    const def = await byDefinition(schools[i].id, YEAR);
    const sql = await byIndependentSql(schools[i].id, YEAR);
    const cube = await byCube(schools[i].id, YEAR);
    for (const k of KEYS) {
      expect({ k, ...cube[k] }).toEqual({ k, ...def[k] });
      expect({ k, ...cube[k] }).toEqual({ k, ...sql[k] });
      expectShownAs(summary.figures[k], cube[k], k); // as the disclosure policy lets it out
    }
    const total = summary.program.find((r) => r.programType === null)!;
    expect(total).toMatchObject({ started: def.prog.started, students: def.prog.students, active: def.prog.active });
    if (total.suppression === "none") {
      expect(total).toMatchObject({ passed: def.prog.passed, failed: def.prog.failed });
      // Credits only where no row of the table is hidden or coded (program-table.ts creditsShown).
      const open = summary.program.every((r) => r.suppression === "none");
      expect(total.creditsRecovered).toBe(open ? def.prog.creditsRecovered : null);
      expect(total.medianDaysToComplete).toBe(def.prog.medianDaysToComplete);
    }
  });

  it("has figures with enough students to be shown, and every case represented", async () => {
    const s = await getSchoolSummary(district, { year: YEAR, school: schools[0].id });
    const cube = await byCube(schools[0].id, YEAR);
    for (const k of KEYS) expect(cube[k].denominator).toBeGreaterThanOrEqual(6);
    expect(s.trend.map((t) => t.year)).toEqual([2020, 2021, 2022, 2023, 2024]);
  });

  it("district totals are the sum of the schools, and equity 'all students' equals the total", async () => {
    const d = await getDistrictSummary(district, { year: YEAR });
    const cubes = await Promise.all([byCube(null, YEAR), ...d.schools.map((s) => byCube(s.id, YEAR))]);
    for (const k of KEYS) {
      const sum = cubes.slice(1).reduce((a, c) => a + c[k].denominator, 0);
      expect(cubes[0][k].denominator).toBe(sum);
      expectShownAs(d.district[k], cubes[0][k], k);
      d.schools.forEach((s, i) => expectShownAs(s.figures[k], cubes[i + 1][k], `${s.name} ${k}`));
      expect(d.equity[k][0]).toMatchObject({ key: "all", denominator: d.district[k].denominator });
    }
  });

  it("the district trend shows each year's figures as that year's district summary does", async () => {
    const t = await getDistrictSummary(district, { year: YEAR, trend: true });
    expect(t.trend.map((p) => p.year)).toEqual([2020, 2021, 2022, 2023, 2024]);
    for (const p of t.trend) {
      const d = await getDistrictSummary(district, { year: p.year });
      for (const k of KEYS) {
        expect({ k, y: p.year, rate: p[k], coded: p.coded[k], final: p.final[k], closesOn: p.closesOn[k] }).toEqual({
          k,
          y: p.year,
          rate: d.district[k].rate,
          coded: d.district[k].coded,
          final: d.district[k].final,
          closesOn: d.district[k].closesOn,
        });
      }
    }
    // The same points as the trend CSV's source (a district admin's summary with no school).
    expect((await getSchoolSummary(district, { year: YEAR })).trend).toEqual(t.trend);
    expect(t.trend.some((p) => KEYS.some((k) => p[k] != null))).toBe(true);
    // Without `trend` (the schools CSV) the earlier years are not read.
    expect((await getDistrictSummary(district, { year: YEAR })).trend).toEqual([]);
  });

  it("API figures (graduation, dropout, completers, program) match the summary", async () => {
    const s = await getSchoolSummary(alphaAdmin, { year: YEAR });
    const g = await getGraduation(alphaAdmin, { cohort: YEAR + 1 });
    const g5 = await getGraduation(alphaAdmin, { cohort: YEAR });
    expect(g.fourYear.figure).toEqual(s.figures.acgr4);
    expect(g5.fiveYear.figure).toEqual(s.figures.acgr5);
    expect((await getDropout(alphaAdmin, { year: YEAR })).figure).toEqual(s.figures.dropout);
    expect((await getCompleters(alphaAdmin, { year: YEAR })).byYearEnd).toEqual(s.figures.completers);
    expect((await getProgram(alphaAdmin, { year: YEAR })).rows).toEqual(s.program);
  });
});

describe("drill-down", () => {
  it.each(KEYS)("%s: the listed students add up to the figure", async (figure) => {
    const cube = await byCube(schools[0].id, YEAR);
    const drill = await getDrill(district, drillParams.parse({ figure, year: String(YEAR), school: schools[0].id }));
    expect([drill.numerator, drill.denominator]).toEqual([cube[figure].numerator, cube[figure].denominator]);
  });

  it("a group's drill-down matches its equity row", async () => {
    const s = await getSchoolSummary(district, { year: YEAR, school: schools[0].id });
    const row = s.equity.acgr4.find((r) => r.key === "race:HISPANIC_LATINO")!;
    const raw = await groupByCube(schools[0].id, YEAR, "acgr4", "race:HISPANIC_LATINO");
    const drill = await getDrill(district, drillParams.parse({ figure: "acgr4", cohort: String(YEAR + 1), school: schools[0].id, group: "race:HISPANIC_LATINO" }));
    expect([drill.numerator, drill.denominator]).toEqual([raw.numerator, raw.denominator]);
    expectShownAs(row, raw);
    expect(drill.rows.every((r) => r.reason.length > 0)).toBe(true);
  });
});

describe("access", () => {
  it("refuses counselors", async () => {
    await expect(getSchoolSummary(counselor, { year: YEAR })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getDrill(counselor, drillParams.parse({ figure: "acgr4", cohort: "2025" }))).rejects.toBeInstanceOf(ForbiddenError);
  });
  it("keeps a school admin to their school", async () => {
    expect((await getSchoolSummary(alphaAdmin, { year: YEAR })).school?.id).toBe(schools[0].id);
    await expect(getSchoolSummary(alphaAdmin, { year: YEAR, school: schools[1].id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getDrill(alphaAdmin, drillParams.parse({ figure: "acgr4", cohort: "2025", school: schools[1].id }))).rejects.toBeInstanceOf(NotFoundError);
    await expect(getDistrictSummary(alphaAdmin, { year: YEAR })).rejects.toBeInstanceOf(ForbiddenError);
    const own = await getDrill(alphaAdmin, drillParams.parse({ figure: "dropout", year: String(YEAR) }));
    const ids = own.rows.map((r) => r.studentId);
    const elsewhere = await db().student.count({ where: { id: { in: ids }, schoolId: { not: schools[0].id } } });
    expect(elsewhere).toBe(0);
  });
});
