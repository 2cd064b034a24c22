import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeCourse, makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { ForbiddenError, NotFoundError, type Viewer } from "@/lib/access";
import { accessCube } from "@/lib/sql/queries/access-cube";
import { getEquityView } from "./queries";
import type { ProgramType } from "@/lib/generated/prisma/enums";

useTestDatabase();

// DEFINITIONS.md §7 by hand: who is on the October 1 roll in grades 9–12 of 2024-25, and who of them
// started a course of each program between July 1, 2024 and June 30, 2025.
let a: { id: string };
let b: { id: string };
let adminA: Viewer;
let counselorA: Viewer;
let district: Viewer;

async function student(school: string, roll: { school?: string; grade?: number; oct1?: boolean; lowIncome?: boolean | null } | null, starts: [ProgramType, string][], over = {}) {
  const s = await makeStudent(school, null, over);
  if (roll)
    await db().studentYear.create({
      data: {
        studentId: s.id,
        schoolYear: 2024,
        schoolId: roll.school ?? school,
        gradeLevel: roll.grade ?? 10,
        enrolledOct1: roll.oct1 ?? true,
        lowIncome: roll.lowIncome ?? null,
      },
    });
  for (const [type, start] of starts) {
    // A course of its own each (one enrollment per student and course).
    const courseId = (await makeCourse({ programType: type })).id;
    await db().enrollment.create({ data: { studentId: s.id, courseId, startDate: new Date(start), targetDate: new Date("2025-08-31"), status: "ACTIVE" } });
  }
  return s;
}

beforeAll(async () => {
  a = await makeSchool();
  b = await makeSchool();
  const bm = { raceEthnicity: "BLACK_AFRICAN_AMERICAN", gender: "MALE" } as const;
  // School A's roll: 6 students in grades 9–12 on October 1.
  await student(
    a.id,
    {},
    [
      ["ADVANCED_PLACEMENT", "2024-09-10"],
      ["ADVANCED_PLACEMENT", "2025-01-10"],
    ],
    bm,
  ); // two AP courses: one student
  await student(a.id, { grade: 11 }, [["CREDIT_RECOVERY", "2025-06-30"]]); // last day of the year
  await student(a.id, { grade: 12 }, [["ADVANCED_PLACEMENT", "2025-07-01"]]); // next year's
  await student(a.id, { grade: 9 }, [["ORIGINAL_CREDIT", "2024-07-01"]], bm); // first day of the year
  await student(a.id, {}, [["SKILL_DEVELOPMENT", "2024-10-01"]], { lowIncome: false }); // not one of the three; and see the roll's flag below
  await student(a.id, { lowIncome: true }, [["ADVANCED_PLACEMENT", "2024-11-01"]], { lowIncome: false }); // low income that year
  // Not on A's roll: grade 8, not enrolled on October 1, no roll row, on B's roll.
  await student(a.id, { grade: 8 }, [["ADVANCED_PLACEMENT", "2024-09-10"]]);
  await student(a.id, { oct1: false }, [["ADVANCED_PLACEMENT", "2024-09-10"]]);
  await student(a.id, null, [["ADVANCED_PLACEMENT", "2024-09-10"]]);
  await student(a.id, { school: b.id }, [["ADVANCED_PLACEMENT", "2024-09-10"]], bm);
  district = viewerOf(await makeUser("DISTRICT_ADMIN", null));
  adminA = viewerOf(await makeUser("SCHOOL_ADMIN", a.id));
  counselorA = viewerOf(await makeUser("COUNSELOR", a.id));
});

const sum = (rows: Awaited<ReturnType<typeof cube>>, school: string, pick: (r: Awaited<ReturnType<typeof cube>>[number]) => boolean = () => true) =>
  rows
    .filter((r) => r.schoolId === school && pick(r))
    .reduce((t, r) => ({ students: t.students + r.students, ap: t.ap + r.advancedPlacement, oc: t.oc + r.originalCredit, cr: t.cr + r.creditRecovery }), {
      students: 0,
      ap: 0,
      oc: 0,
      cr: 0,
    });
const cube = (schools: string[] | null) => accessCube([2024], schools).execute();

describe("access cube (SQL) = the definition counted by hand", () => {
  it("counts the roll's students once each, by the roll's school, over July 1 – June 30", async () => {
    for (const schools of [null, [a.id, b.id]]) {
      const rows = await cube(schools);
      expect(sum(rows, a.id)).toEqual({ students: 6, ap: 2, oc: 1, cr: 1 });
      expect(sum(rows, b.id)).toEqual({ students: 1, ap: 1, oc: 0, cr: 0 });
      expect(sum(rows, a.id, (r) => r.raceEthnicity === "BLACK_AFRICAN_AMERICAN" && r.gender === "MALE")).toEqual({ students: 2, ap: 1, oc: 1, cr: 0 });
      // That year's flag: the roll row says low income though the student's record says not.
      expect(sum(rows, a.id, (r) => r.lowIncome)).toEqual({ students: 1, ap: 1, oc: 0, cr: 0 });
    }
  });

  it("reads one school's roll only when given it", async () => {
    const rows = await cube([b.id]);
    expect(rows.every((r) => r.schoolId === b.id)).toBe(true);
    expect(sum(rows, b.id)).toEqual({ students: 1, ap: 1, oc: 0, cr: 0 });
  });
});

describe("equity page access (lib/access.ts policy)", () => {
  it("gives the school administrator their school, every group listed, small groups hidden", async () => {
    const v = await getEquityView(adminA, { year: 2024, figure: "advancedPlacement" });
    expect(v.school?.id).toBe(a.id);
    expect(v.access).toBe(true);
    expect(v.rows.some((r) => r.key === "raceGender:BLACK_AFRICAN_AMERICAN:MALE")).toBe(true);
    expect(v.rows.some((r) => r.key === "notSped")).toBe(true);
    // 6 students, 2 enrolled: the total is shown; every group of fewer than 6 is "—".
    const all = v.rows.find((r) => r.key === "all")!;
    expect(all).toMatchObject({ n: 6, numerator: 2, value: 33.3 });
    for (const r of v.rows) if (r.key !== "all" && r.n != null) expect(r.n).toBeGreaterThanOrEqual(6);
    expect(v.years).toEqual([2020, 2021, 2022, 2023, 2024]);
  });

  it("refuses another school and counselors", async () => {
    await expect(getEquityView(adminA, { year: 2024, school: b.id, figure: "advancedPlacement" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getEquityView(counselorA, { year: 2024, figure: "acgr4" })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("gives the district administrator the district and any school", async () => {
    const d = await getEquityView(district, { year: 2024, figure: "creditRecovery" });
    expect(d.school).toBeNull();
    const s = await getEquityView(district, { year: 2024, school: b.id, figure: "dropout" });
    expect(s.school?.id).toBe(b.id);
    expect(s.access).toBe(false);
  });
});
