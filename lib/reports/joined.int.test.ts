// When a student joined (DEFINITIONS.md §3, issue 12): the first `entered` event or the first
// October 1 roll, whichever is earlier; with neither, from 9th grade. One school, class of 2025
// (4-year window to 2025-08-31, 5-year to 2026-08-31), hand-computed, and the three paths — the
// SQL the pages use, the pure definitions (test oracle, and a hand-written SQL) and the drill-down —
// must all give it.
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Viewer } from "@/lib/access";
import { getSchoolSummary } from "./queries";
import { getDrill } from "./drill";
import { drillParams } from "./schema";
import { byDefinition, byIndependentSql } from "./test/truth";

useTestDatabase();

const CLASS = 2025;
type Ev = Omit<Prisma.StatusEventUncheckedCreateInput, "studentId" | "schoolId">;
const d = (iso: string) => new Date(iso);
let school: { id: string };
let admin: Viewer;
const sis: Record<string, string> = {};

async function student(name: string, events: Ev[], rolls: { year: number; oct1: boolean }[] = []) {
  const s = await makeStudent(school.id, null, { cohortYear: CLASS, gradeLevel: 12 });
  sis[name] = s.sisId;
  await db().statusEvent.createMany({ data: events.map((e) => ({ ...e, studentId: s.id, schoolId: school.id })) });
  for (const r of rolls)
    await db().studentYear.create({ data: { studentId: s.id, schoolYear: r.year, schoolId: school.id, gradeLevel: 12 - (CLASS - 1 - r.year), enrolledOct1: r.oct1 } });
}

beforeAll(async () => {
  school = await makeSchool({ name: "Joined High" });
  admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
  for (let i = 0; i < 6; i++) {
    await student(
      `grad${i}`,
      [
        { kind: "ENTERED", effectiveDate: d("2021-09-01"), gradeLevel: 9 },
        { kind: "GRADUATED", effectiveDate: d("2025-06-10"), credential: "REGULAR_DIPLOMA", gradeLevel: 12 },
      ],
      [2021, 2022, 2023, 2024].map((year) => ({ year, oct1: true })),
    );
  }
  // A: only a fifth-year diploma, no entered row, no roll → in both cohorts; a 5-year graduate.
  await student("fifthYearDiploma", [{ kind: "GRADUATED", effectiveDate: d("2026-06-12"), credential: "REGULAR_DIPLOMA", gradeLevel: 12 }]);
  // B: the history starts with a dropout → in both cohorts, not a graduate.
  await student("startsWithDropout", [{ kind: "DROPPED_OUT", effectiveDate: d("2023-03-01"), gradeLevel: 11 }]);
  // C: transfer in after the 4-year window (roll of 2025-26 too) → 5-year count only.
  await student("lateTransferIn", [{ kind: "ENTERED", effectiveDate: d("2025-10-01"), gradeLevel: 12, transferIn: true }], [{ year: 2025, oct1: true }]);
  // D: on the October 1, 2023 roll, entry recorded in 2025 → joined 2023-10-01: in both cohorts.
  await student("rollBeforeEntry", [{ kind: "ENTERED", effectiveDate: d("2025-10-01"), gradeLevel: 12, transferIn: true }], [{ year: 2023, oct1: true }]);
  // E: a 2022-23 row but not on that October 1 roll → joined at the 2025 entry: 5-year count only.
  await student("notOnOct1Roll", [{ kind: "ENTERED", effectiveDate: d("2025-10-01"), gradeLevel: 12, transferIn: true }], [{ year: 2022, oct1: false }]);
});

// 4-year: 6 graduates + A + B + D = 9 in the cohort, 6 graduates → 66.7%.
// 5-year: 6 + A + B + C + D + E = 11, graduates 6 + A = 7 → 63.6%.
const WANT = { acgr4: { numerator: 6, denominator: 9 }, acgr5: { numerator: 7, denominator: 11 } };

describe("when a student joined: SQL path = definitions = independent SQL = drill-down", () => {
  it.each([
    ["acgr4", CLASS - 1],
    ["acgr5", CLASS],
  ] as const)("%s of the class of 2025", async (figure, year) => {
    const summary = await getSchoolSummary(admin, { year, school: school.id });
    expect({ numerator: summary.figures[figure].numerator, denominator: summary.figures[figure].denominator }).toEqual(WANT[figure]);
    expect((await byDefinition(school.id, year))[figure]).toEqual(WANT[figure]);
    expect((await byIndependentSql(school.id, year))[figure]).toEqual(WANT[figure]);
    const drill = await getDrill(admin, drillParams.parse({ figure, cohort: String(CLASS), school: school.id }));
    expect({ numerator: drill.numerator, denominator: drill.denominator }).toEqual(WANT[figure]);
  });

  it("says why each of them is in or out", async () => {
    const reasons = async (figure: "acgr4" | "acgr5") => {
      const drill = await getDrill(admin, drillParams.parse({ figure, cohort: String(CLASS), school: school.id }));
      const of = (k: string) => drill.rows.find((r) => r.sisId === sis[k])!;
      return Object.fromEntries(
        ["fifthYearDiploma", "startsWithDropout", "lateTransferIn", "rollBeforeEntry", "notOnOct1Roll"].map((k) => [k, [of(k).inDenominator, of(k).inNumerator]]),
      );
    };
    expect(await reasons("acgr4")).toEqual({
      fifthYearDiploma: [true, false],
      startsWithDropout: [true, false],
      lateTransferIn: [false, false],
      rollBeforeEntry: [true, false],
      notOnOct1Roll: [false, false],
    });
    expect(await reasons("acgr5")).toEqual({
      fifthYearDiploma: [true, true],
      startsWithDropout: [true, false],
      lateTransferIn: [true, false],
      rollBeforeEntry: [true, false],
      notOnOct1Roll: [true, false],
    });
  });
});
