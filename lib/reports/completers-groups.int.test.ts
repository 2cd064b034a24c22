// Issue 13, hand-computed:
// - completers of a year are those who completed in September 1 – August 31 (the school year and
//   the following summer), broken down by grade at completion with what became of them;
// - a past cohort's group figures use the flags of the cohort's high-school years (StudentYear),
//   not today's: a student EL in 2022 only counts in the EL group of the class of 2025.
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeCourse, makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import type { Viewer } from "@/lib/access";
import { acgrCube, completerCube } from "./sql";
import { getDrill } from "./drill";
import { drillParams } from "./schema";

useTestDatabase();

let district: Viewer;
let elSchool: { id: string };
let crSchool: { id: string };
const d = (iso: string) => new Date(iso);

beforeAll(async () => {
  district = viewerOf(await makeUser("DISTRICT_ADMIN", null));
  elSchool = await makeSchool({ name: "Flags High" });
  crSchool = await makeSchool({ name: "Completers High" });

  // Class of 2025 (high-school years 2021-22 … 2024-25). Nobody has left: all 12 are in the cohort.
  const roll = (studentId: string, schoolYear: number, englishLearner: boolean | null) =>
    db().studentYear.create({ data: { studentId, schoolYear, schoolId: elSchool.id, gradeLevel: 9 + schoolYear - 2021, englishLearner } });
  for (let i = 0; i < 6; i++) {
    // EL in 2022-23 only, not EL now: in the EL group.
    const s = await makeStudent(elSchool.id, null, { cohortYear: 2025, gradeLevel: 12, englishLearner: false });
    await roll(s.id, 2021, false);
    await roll(s.id, 2022, true);
    await roll(s.id, 2023, false);
  }
  // EL now, but the rolls of the window say not EL: not in the group.
  const notThen = await makeStudent(elSchool.id, null, { cohortYear: 2025, gradeLevel: 12, englishLearner: true });
  await roll(notThen.id, 2023, false);
  // EL now, EL only in 2020-21 (before 9th grade) and the window's rows give no flag: the current flag.
  const fallback = await makeStudent(elSchool.id, null, { cohortYear: 2025, gradeLevel: 12, englishLearner: true });
  await db().studentYear.create({ data: { studentId: fallback.id, schoolYear: 2020, schoolId: elSchool.id, gradeLevel: 8, englishLearner: true } });
  await roll(fallback.id, 2022, null);
  for (let i = 0; i < 4; i++) await makeStudent(elSchool.id, null, { cohortYear: 2025, gradeLevel: 12, englishLearner: false });

  // Credit-recovery completions around the 2024-25 window (September 1, 2024 – August 31, 2025).
  const cr = await makeCourse({ programType: "CREDIT_RECOVERY" });
  const completer = async (cohortYear: number, endedOn: string, events: { kind: "GRADUATED" | "DROPPED_OUT" | "TRANSFERRED_OUT"; on: string }[], rollGrade?: number) => {
    const s = await makeStudent(crSchool.id, null, { cohortYear, gradeLevel: 12 });
    await db().enrollment.create({
      data: {
        studentId: s.id,
        courseId: cr.id,
        startDate: d("2024-01-10"),
        targetDate: d("2024-03-10"),
        status: "COMPLETED",
        endedOn: d(endedOn),
        creditAwarded: 1,
        finalGrade: 80,
      },
    });
    for (const e of events) {
      await db().statusEvent.create({
        data: {
          studentId: s.id,
          kind: e.kind,
          effectiveDate: d(e.on),
          schoolId: crSchool.id,
          gradeLevel: 12,
          credential: e.kind === "GRADUATED" ? "REGULAR_DIPLOMA" : null,
          documented: e.kind === "TRANSFERRED_OUT" ? true : null,
        },
      });
    }
    if (rollGrade) await db().studentYear.create({ data: { studentId: s.id, schoolYear: 2024, schoolId: crSchool.id, gradeLevel: rollGrade } });
  };
  await completer(2025, "2024-10-15", [{ kind: "GRADUATED", on: "2025-06-10" }]); // A: grade 12, by the end of the year
  await completer(2025, "2025-07-15", [{ kind: "GRADUATED", on: "2025-08-20" }]); // B: the summer after: this year's; by the end of the year
  await completer(2025, "2024-07-15", [{ kind: "GRADUATED", on: "2025-06-10" }]); // C: the summer before: 2023-24's, not this year's
  await completer(2025, "2025-06-30", [{ kind: "GRADUATED", on: "2025-12-15" }]); // D: grade 12, graduated later
  await completer(2025, "2024-09-01", [{ kind: "DROPPED_OUT", on: "2025-02-01" }]); // E: grade 12, dropped out
  await completer(2025, "2025-01-10", [], 11); // F: retained, grade 11 on the roll: still enrolled
  await completer(2026, "2025-08-31", [{ kind: "TRANSFERRED_OUT", on: "2025-09-10" }]); // G: grade 11 (implied), transferred out
  await completer(2027, "2025-03-01", []); // H: grade 10, still enrolled
  await completer(2025, "2025-09-01", []); // I: 2025-26's, not this year's
});

describe("group flags of a past cohort: any high-school year of the window, else today's", () => {
  it("the EL group of the class of 2025 is the 6 flagged in 2022-23 and the one with no flag in the window (SQL cube)", async () => {
    const rows = await acgrCube([2025], [elSchool.id]);
    const el = rows.filter((r) => r.englishLearner);
    expect(el.reduce((n, r) => n + r.den4, 0)).toBe(7);
    expect(el.reduce((n, r) => n + r.den5, 0)).toBe(7);
    expect(rows.reduce((n, r) => n + r.den4, 0)).toBe(12);
    expect(rows.reduce((n, r) => n + r.students, 0)).toBe(12);
  });

  it("the drill-down of the EL group lists the same 7 (groups.ts windowFlags)", async () => {
    const drill = await getDrill(district, drillParams.parse({ figure: "acgr4", cohort: "2025", school: elSchool.id, group: "el" }));
    expect(drill.denominator).toBe(7);
  });
});

describe("completers of 2024-25: September 1 – August 31, by grade and what became of them", () => {
  it("SQL cube: grade 12 = A, B, D, E; grade 11 = F (roll), G (class); grade 10 = H", async () => {
    const rows = await completerCube([2024], [crSchool.id]);
    const at = (grade: number) => {
      const r = rows.filter((x) => x.grade === grade);
      const sum = (k: "completers" | "byYearEnd" | "byNow" | "stillEnrolled" | "droppedOut" | "exited") => r.reduce((n, x) => n + x[k], 0);
      return {
        completers: sum("completers"),
        byYearEnd: sum("byYearEnd"),
        byNow: sum("byNow"),
        stillEnrolled: sum("stillEnrolled"),
        droppedOut: sum("droppedOut"),
        exited: sum("exited"),
      };
    };
    expect(at(12)).toEqual({ completers: 4, byYearEnd: 2, byNow: 3, stillEnrolled: 0, droppedOut: 1, exited: 0 });
    expect(at(11)).toEqual({ completers: 2, byYearEnd: 0, byNow: 0, stillEnrolled: 1, droppedOut: 0, exited: 1 });
    expect(at(10)).toEqual({ completers: 1, byYearEnd: 0, byNow: 0, stillEnrolled: 1, droppedOut: 0, exited: 0 });
    expect(rows.map((r) => r.grade).every((g) => [10, 11, 12].includes(g))).toBe(true);
  });

  it("the drill-down counts 2 of 7 graduated by the end of the year and says what became of the others", async () => {
    const drill = await getDrill(district, drillParams.parse({ figure: "completers", year: "2024", school: crSchool.id }));
    expect([drill.numerator, drill.denominator]).toEqual([2, 7]);
    const reasons = drill.rows.map((r) => r.reason).sort();
    expect(reasons).toEqual([
      "Graduated by the end of the year",
      "Graduated by the end of the year",
      "Graduated later (counted in “by now” only)",
      "Not graduated: dropped out",
      "Not graduated: still enrolled",
      "Not graduated: still enrolled",
      "Not graduated: transferred out or other exit",
    ]);
    expect(drill.rows.find((r) => r.reason === "Not graduated: transferred out or other exit")!.detail.startsWith("Grade 11 · ")).toBe(true);
  });
});
