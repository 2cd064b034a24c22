import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { useTestDatabase } from "@/lib/test/db";
import { db, sqlRows } from "@/lib/db";
import { makeCourse } from "@/lib/test/factory";
import { passingGradeFor } from "./credit";
import { DISTRICT_PASSING_GRADE_SQL, districtPassingGrade, passingGradeInForce, passingGradeSql } from "./passing-grade";

useTestDatabase();

// The credit review filters its list in SQL (passingGradeSql); every other reader applies
// credit.ts passingGradeFor to districtPassingGrade(). They must agree for every course.

async function bothWays() {
  const courses = await db().onlineCourse.findMany({ select: { id: true, passingGrade: true }, orderBy: { id: "asc" } });
  const sql = await sqlRows<{ id: string; passing: number; district: number | null }>(
    Prisma.sql`SELECT c.id, ${passingGradeSql("c")} AS passing, ${DISTRICT_PASSING_GRADE_SQL} AS district FROM "OnlineCourse" c ORDER BY c.id`,
  );
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
