// The one-year figures' group flags (groups.ts windowFlags with from = to, sql.ts flagsIn),
// hand-computed: the dropout rate and the course completion rate of 2024-25 put a student in the
// low-income group by their 2024-25 roll row where it gives the flag, else by today's flag.
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeCourse, makeSchool, makeStudent } from "@/lib/test/factory";
import { dropoutCube, programCube } from "./sql";

useTestDatabase();

const YEAR = 2024;
let school: { id: string };

beforeAll(async () => {
  school = await makeSchool({ name: "Roll Flags High" });
  const course = await makeCourse({ programType: "CREDIT_RECOVERY" });
  // Four students, low income today: A no (roll: yes), B yes (roll: no), C no (roll: not given), D yes (no roll row).
  const students = [
    { today: false, roll: true as boolean | null, row: true },
    { today: true, roll: false, row: true },
    { today: false, roll: null, row: true },
    { today: true, roll: null, row: false },
  ];
  for (const s of students) {
    const st = await makeStudent(school.id, null, { lowIncome: s.today, cohortYear: 2026, gradeLevel: 11 });
    if (s.row) await db().studentYear.create({ data: { studentId: st.id, schoolYear: YEAR, schoolId: school.id, gradeLevel: 10, lowIncome: s.roll } });
    // A roll row of another year never counts for 2024-25.
    await db().studentYear.create({ data: { studentId: st.id, schoolYear: YEAR - 1, schoolId: school.id, gradeLevel: 9, lowIncome: !s.today } });
    await db().statusEvent.create({ data: { studentId: st.id, schoolId: school.id, kind: "DROPPED_OUT", effectiveDate: new Date(`${YEAR + 1}-02-01`), gradeLevel: 10 } });
    await db().enrollment.create({
      data: {
        studentId: st.id,
        courseId: course.id,
        startDate: new Date(`${YEAR}-10-01`),
        targetDate: new Date(`${YEAR}-12-15`),
        status: "FAILED",
        endedOn: new Date(`${YEAR}-12-20`),
      },
    });
  }
});

/** The cube's low-income and not-low-income counts of 2024-25. */
const split = <R extends { year: number; lowIncome: boolean }>(rows: readonly R[], count: (r: R) => number) => ({
  lowIncome: rows.filter((r) => r.year === YEAR && r.lowIncome).reduce((n, r) => n + count(r), 0),
  notLowIncome: rows.filter((r) => r.year === YEAR && !r.lowIncome).reduce((n, r) => n + count(r), 0),
});

describe("one-year figures: the group flags of that year's roll row, else today's", () => {
  it("dropout rate: low income = A (roll) and D (no roll row, today); B and C are not", async () => {
    const rows = await dropoutCube([YEAR], [school.id]);
    // Dropouts: all four. October 1 roll: A, B, C (D has no roll row for the year).
    expect(split(rows, (r) => r.dropouts)).toEqual({ lowIncome: 2, notLowIncome: 2 });
    expect(split(rows, (r) => r.october1)).toEqual({ lowIncome: 1, notLowIncome: 2 });
  });

  it("course completion: the same split of the four students' enrollments", async () => {
    const rows = await programCube([YEAR], [school.id]);
    expect(split(rows, (r) => r.students)).toEqual({ lowIncome: 2, notLowIncome: 2 });
    expect(split(rows, (r) => r.ended)).toEqual({ lowIncome: 2, notLowIncome: 2 });
  });
});
