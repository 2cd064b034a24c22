// The dropout cube for some schools reads only the students with a dropout at one of them
// (dropout-cube.ts, migration 20261207000000): the rows it gives are the district cube's rows of
// those schools, hand-checked for students whose dropouts of one year are at two schools — the
// year's last dropout counts, at its school (DEFINITIONS.md §5) — on the first and last day of a
// school year, on the same day (recorded order), before a return, at a school without a roll, and
// with a year skipped among those asked for. (A looser filter would give the same rows; what
// these catch is one that leaves out a student it must keep.)
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeSchool, makeStudent } from "@/lib/test/factory";
import { dropoutCube } from "./dropout-cube";

useTestDatabase();

const YEAR = 2024;
let a: { id: string };
let b: { id: string };
let c: { id: string };

const dropout = (studentId: string, schoolId: string, date: string, gradeLevel = 10) =>
  db().statusEvent.create({ data: { studentId, schoolId, kind: "DROPPED_OUT", effectiveDate: new Date(date), gradeLevel } });
const roll = (studentId: string, schoolId: string, schoolYear = YEAR) => db().studentYear.create({ data: { studentId, schoolYear, schoolId, gradeLevel: 10, enrolledOct1: true } });

beforeAll(async () => {
  a = await makeSchool({ name: "Alder High" });
  b = await makeSchool({ name: "Birch High" });
  c = await makeSchool({ name: "Cedar High" });
  // Every school has a roll in both years (a school without one counts no dropout).
  for (const s of [a, b, c]) for (const y of [YEAR - 1, YEAR]) await roll((await makeStudent(s.id, null, { cohortYear: 2026 })).id, s.id, y);
  // 1: out of A in the autumn, then of B in the spring of the same year: counted at B only.
  const one = await makeStudent(b.id, null, { cohortYear: 2026 });
  await roll(one.id, a.id);
  await dropout(one.id, a.id, `${YEAR}-10-15`);
  await dropout(one.id, b.id, `${YEAR + 1}-03-01`);
  // 2: out of B, then of A in the same year: counted at A only; out of B the year before: counted there.
  const two = await makeStudent(a.id, null, { cohortYear: 2026 });
  await dropout(two.id, b.id, `${YEAR - 1}-11-01`);
  await dropout(two.id, b.id, `${YEAR}-09-20`);
  await dropout(two.id, a.id, `${YEAR + 1}-01-10`);
  // 3: out of A in grade 8 (not counted), and out of C in grade 9 the same year: counted at C.
  const three = await makeStudent(c.id, null, { cohortYear: 2027 });
  await dropout(three.id, c.id, `${YEAR}-12-01`, 9);
  await dropout(three.id, a.id, `${YEAR + 1}-02-01`, 8);
  // 4: out of A on the first day of the year asked for, and of B on the last day of the earlier one.
  const four = await makeStudent(a.id, null, { cohortYear: 2026 });
  await dropout(four.id, b.id, `${YEAR}-06-30`);
  await dropout(four.id, a.id, `${YEAR}-07-01`);
  // 5: out of A and of B on the same day: the one recorded later (B) counts.
  const five = await makeStudent(a.id, null, { cohortYear: 2026 });
  await dropout(five.id, a.id, `${YEAR}-11-20`);
  await dropout(five.id, b.id, `${YEAR}-11-20`);
  // 6: out of A, back before October 1: not counted; 7: out of C two years earlier (a year skipped below).
  const six = await makeStudent(a.id, null, { cohortYear: 2026 });
  await dropout(six.id, a.id, `${YEAR}-12-05`);
  await db().statusEvent.create({ data: { studentId: six.id, schoolId: a.id, kind: "REENGAGED", effectiveDate: new Date(`${YEAR + 1}-09-01`), gradeLevel: 10 } });
  const seven = await makeStudent(c.id, null, { cohortYear: 2025 });
  await roll(seven.id, c.id, YEAR - 2);
  await dropout(seven.id, c.id, `${YEAR - 2}-12-01`);
  // 8: out of a school with no roll in the year: counted nowhere.
  const none = await makeSchool({ name: "Dogwood High" });
  const eight = await makeStudent(none.id, null, { cohortYear: 2026 });
  await dropout(eight.id, none.id, `${YEAR}-10-01`);
});

const dropouts = (rows: readonly { year: number; schoolId: string | null; dropouts: number }[], schoolId: string, year: number) =>
  rows.filter((r) => r.schoolId === schoolId && r.year === year).reduce((n, r) => n + r.dropouts, 0);
const canon = (rows: readonly object[]) => rows.map((r) => JSON.stringify(Object.entries(r).sort(([x], [y]) => x.localeCompare(y)))).sort();

describe("the dropout cube for some schools", () => {
  it("counts each student's last dropout of the year at its school (hand-checked)", async () => {
    const years = [YEAR - 1, YEAR];
    const at = async (s: { id: string }) => await dropoutCube(years, [s.id]).execute();
    const [ra, rb, rc] = [await at(a), await at(b), await at(c)];
    // 2024: A has 2 (student 2 and 4), B has 2 (1 and 5), C has 1 (3); 2023: B has 2 (2 and 4).
    expect([dropouts(ra, a.id, YEAR), dropouts(rb, b.id, YEAR), dropouts(rc, c.id, YEAR)]).toEqual([2, 2, 1]);
    expect([dropouts(ra, a.id, YEAR - 1), dropouts(rb, b.id, YEAR - 1), dropouts(rc, c.id, YEAR - 1)]).toEqual([0, 2, 0]);
  });

  it("gives the district cube's rows of those schools, for one school and for two, and with a year skipped", async () => {
    for (const years of [[YEAR - 1, YEAR], [YEAR - 2, YEAR], [YEAR]]) {
      const district = await dropoutCube(years, null).execute();
      for (const ids of [[a.id], [b.id], [c.id], [a.id, b.id], [b.id, c.id]]) {
        const scoped = await dropoutCube(years, ids).execute();
        expect(canon(scoped)).toEqual(canon(district.filter((r) => ids.includes(r.schoolId!))));
      }
    }
    // Student 7's dropout of 2022 counts only when 2022 is asked for.
    expect(dropouts(await dropoutCube([YEAR - 2, YEAR], [c.id]).execute(), c.id, YEAR - 2)).toBe(1);
  });
});
