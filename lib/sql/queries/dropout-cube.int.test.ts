// The dropout cube for some schools reads only the students with a dropout at one of them
// (dropout-cube.ts, migration 20261207000000): the rows it gives are the district cube's rows of
// those schools, hand-checked for students whose dropouts of one year are at two schools — the
// year's last dropout counts, at its school (DEFINITIONS.md §5).
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
const roll = (studentId: string, schoolId: string, schoolYear = YEAR) =>
  db().studentYear.create({ data: { studentId, schoolYear, schoolId, gradeLevel: 10, enrolledOct1: true } });

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
});

const dropouts = (rows: readonly { year: number; schoolId: string | null; dropouts: number }[], schoolId: string, year: number) =>
  rows.filter((r) => r.schoolId === schoolId && r.year === year).reduce((n, r) => n + r.dropouts, 0);
const canon = (rows: readonly object[]) => rows.map((r) => JSON.stringify(Object.entries(r).sort(([x], [y]) => x.localeCompare(y)))).sort();

describe("the dropout cube for some schools", () => {
  it("counts each student's last dropout of the year at its school (hand-checked)", async () => {
    const years = [YEAR - 1, YEAR];
    const at = async (s: { id: string }) => await dropoutCube(years, [s.id]).execute();
    const [ra, rb, rc] = [await at(a), await at(b), await at(c)];
    expect([dropouts(ra, a.id, YEAR), dropouts(rb, b.id, YEAR), dropouts(rc, c.id, YEAR)]).toEqual([1, 1, 1]);
    expect([dropouts(ra, a.id, YEAR - 1), dropouts(rb, b.id, YEAR - 1), dropouts(rc, c.id, YEAR - 1)]).toEqual([0, 1, 0]);
  });

  it("gives the district cube's rows of those schools, for one school and for two", async () => {
    const years = [YEAR - 1, YEAR];
    const district = await dropoutCube(years, null).execute();
    for (const ids of [[a.id], [b.id], [c.id], [a.id, b.id], [b.id, c.id]]) {
      const scoped = await dropoutCube(years, ids).execute();
      expect(canon(scoped)).toEqual(canon(district.filter((r) => ids.includes(r.schoolId!))));
    }
  });
});
