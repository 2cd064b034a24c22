import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { sqlDb } from "@/lib/sql/db";
import { districtPassingGradeSetting, passingGradeOfCourse } from "@/lib/sql/fragments/passing-grade";
import { makeCourse } from "@/lib/test/factory";
import { passingGradeFor } from "./credit";
import { districtPassingGrade, passingGradeInForce } from "./passing-grade";

useTestDatabase();

// The credit review filters its list in SQL (lib/sql/fragments/passing-grade.ts); every other reader applies
// credit.ts passingGradeFor to districtPassingGrade(). They must agree for every course.

async function bothWays() {
  const courses = await db().onlineCourse.findMany({ select: { id: true, passingGrade: true }, orderBy: { id: "asc" } });
  const sql = await sqlDb()
    .selectFrom("OnlineCourse as c")
    .select(["c.id", passingGradeOfCourse().as("passing"), districtPassingGradeSetting().as("district")])
    .orderBy("c.id")
    .execute();
  const district = await districtPassingGrade();
  const ts = await Promise.all(courses.map(async (c) => ({ id: c.id, passing: await passingGradeInForce(c), district })));
  return { sql, ts, district };
}

describe("the passing grade in force, in TypeScript and in SQL", () => {
  it("agree for every course, without a district setting and with one", async () => {
    for (const passingGrade of [null, 0, 50, 65, 100]) {
      const c = await makeCourse();
      await db().onlineCourse.update({ where: { id: c.id }, data: { passingGrade } });
    }
    await db().districtSettings.deleteMany();
    const none = await bothWays();
    expect(none.district).toBeNull();
    expect(none.sql).toEqual(none.ts);
    expect(none.ts.map((r) => r.passing).sort((a, b) => a - b)).toEqual([0, 50, 60, 65, 100]);

    await db().districtSettings.create({ data: { id: 1, passingGrade: 70 } });
    const set = await bothWays();
    expect(set.sql).toEqual(set.ts);
    expect(set.ts.map((r) => r.passing).sort((a, b) => a - b)).toEqual([0, 50, 65, 70, 100]);
    for (const c of await db().onlineCourse.findMany()) expect(await passingGradeInForce(c)).toBe(passingGradeFor(c.passingGrade, 70));
  });
});
