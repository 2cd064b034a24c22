// On the demo seed: the summary, the JSON API functions and the command line agree with the
// definitions applied student by student and with hand-written SQL written here (test/truth.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { seedDemo } from "@/prisma/seed/seed";
import type { Viewer } from "@/lib/access";
import { getDistrictSummary, getSchoolSummary } from "./queries";
import { byDefinition, byIndependentSql } from "./test/truth";
import { runReport } from "@/scripts/report";
import type { GraduationReport, YearReport } from "./queries";
import type { Figure } from "./figures";
import { byCube, expectShownAs } from "./test/shown";
import { getDrill } from "./drill";
import { drillParams } from "./schema";

useTestDatabase();

const KEYS = ["acgr4", "acgr5", "dropout", "completers", "program"] as const;
let schools: { id: string; name: string; stateCode: string }[];
let district: Viewer;

beforeAll(async () => {
  await seedDemo({ asOf: "2026-11-23" });
  schools = await db().school.findMany({ orderBy: { name: "asc" } });
  const u = await db().user.findFirstOrThrow({ where: { role: "DISTRICT_ADMIN" } });
  district = { id: u.id, name: u.name, email: u.email, role: u.role, schoolId: null };
}, 300_000);

const counts = (f: Figure) => ({ numerator: f.numerator, denominator: f.denominator });

describe("reports on the demo seed", () => {
  it.each([2023, 2024, 2025])(
    "school year %i: every school's figures = definitions = independent SQL",
    async (year) => {
      for (const s of schools) {
        const summary = await getSchoolSummary(district, { year, school: s.id });
        const [def, sql, cube] = await Promise.all([byDefinition(s.id, year), byIndependentSql(s.id, year), byCube(s.id, year)]);
        for (const k of KEYS) {
          expect({ school: s.name, k, ...cube[k] }).toEqual({ school: s.name, k, ...def[k] });
          expect({ school: s.name, k, ...cube[k] }).toEqual({ school: s.name, k, ...sql[k] });
          expectShownAs(summary.figures[k], cube[k], `${s.name} ${k}`);
        }
      }
    },
    120_000,
  );

  // The drill-down applies the pure definitions student by student; the summary counts with the SQL
  // aggregates (DEFINITIONS.md "Which definition is authoritative"): on every school and the
  // district, the students a drill-down counts are the figure's counts.
  it.each([2024, 2025])(
    "school year %i: every drill-down counts what its summary figure counts",
    async (year) => {
      for (const id of [...schools.map((s) => s.id), null]) {
        const cube = await byCube(id, year);
        for (const k of KEYS) {
          const drill = await getDrill(district, drillParams.parse({ figure: k, year: String(year), ...(id ? { school: id } : {}) }));
          expect({ school: id, k, numerator: drill.numerator, denominator: drill.denominator }).toEqual({ school: id, k, ...cube[k] });
        }
      }
    },
    300_000,
  );

  it("the seed gives every figure enough students to show", async () => {
    const d = await getDistrictSummary(district, { year: 2025 });
    for (const k of KEYS) expect(d.district[k].denominator, k).toBeGreaterThan(30);
    for (const k of ["acgr4", "acgr5"] as const) expect(d.district[k].rate, k).toBeGreaterThan(50);
  });

  it("the command line prints the same figures (graduation, dropout, completers)", async () => {
    const s = schools[0];
    const summary = await getSchoolSummary(district, { year: 2024, school: s.id });
    const sql = await byIndependentSql(s.id, 2024);
    // The command line reads as a district administrator: the same figures as that summary, disclosed alike.
    const g = JSON.parse(await runReport(["graduation", "--cohort", "2025", "--school", s.stateCode, "--json"])) as GraduationReport;
    expectShownAs(g.fourYear.figure, sql.acgr4);
    expect(counts(g.fourYear.figure)).toEqual(counts(summary.figures.acgr4));
    const g5 = JSON.parse(await runReport(["graduation", "--cohort", "2024", "--school", s.stateCode, "--json"])) as GraduationReport;
    expectShownAs(g5.fiveYear.figure, sql.acgr5);
    expect(counts(g5.fiveYear.figure)).toEqual(counts(summary.figures.acgr5));
    const d = JSON.parse(await runReport(["dropout", "--year", "2024-25", "--school", s.stateCode, "--json"])) as YearReport<{ figure: Figure }>;
    expectShownAs(d.figure, sql.dropout);
    expect(counts(d.figure)).toEqual(counts(summary.figures.dropout));
    const c = JSON.parse(await runReport(["completers", "--year", "2024", "--school", s.id, "--json"])) as YearReport<{ byYearEnd: Figure }>;
    expectShownAs(c.byYearEnd, sql.completers);
    expect(counts(c.byYearEnd)).toEqual(counts(summary.figures.completers));
    const text = await runReport(["graduation", "--cohort", "2025", "--school", s.stateCode]);
    expect(text).toContain(`4-year adjusted cohort graduation rate: ${summary.figures.acgr4.rate == null ? "—" : `${summary.figures.acgr4.rate.toFixed(1)}%`}`);
    expect(text).toContain("All students");
  });

  it("the command line refuses bad arguments with usage", async () => {
    await expect(runReport(["graduation"])).rejects.toThrow(/needs --cohort/);
    await expect(runReport(["graduation", "--cohort", "abc"])).rejects.toThrow(/Usage/);
  });
});
