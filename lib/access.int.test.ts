import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { useTestDatabase } from "@/lib/test/db";
import { db, sqlRows } from "@/lib/db";
import { makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { studentScope, studentScopeSql } from "./access";

useTestDatabase();

// The scope rule is written twice: for Prisma (studentScope) and as SQL for the driver-level read
// paths (studentScopeSql). Both must reach exactly the same students for every kind of viewer.
describe("studentScope and studentScopeSql", () => {
  it("reach the same students for a counselor, a school admin (with and without a school) and a district admin", async () => {
    const [a, b] = [await makeSchool(), await makeSchool()];
    const [ca, cb] = [await makeUser("COUNSELOR", a.id), await makeUser("COUNSELOR", b.id)];
    for (const [school, counselor] of [[a.id, ca.id], [a.id, null], [b.id, cb.id]] as const) await makeStudent(school, counselor);
    const viewers = [
      viewerOf(ca),
      viewerOf(cb),
      viewerOf(await makeUser("SCHOOL_ADMIN", a.id)),
      viewerOf(await makeUser("SCHOOL_ADMIN", null)),
      viewerOf(await makeUser("DISTRICT_ADMIN", null)),
    ];
    const counts: number[] = [];
    for (const v of viewers) {
      const viaPrisma = (await db().student.findMany({ where: studentScope(v), select: { id: true } })).map((s) => s.id).sort();
      const viaSql = (await sqlRows<{ id: string }>(Prisma.sql`SELECT s.id FROM "Student" s WHERE ${studentScopeSql(v)}`)).map((s) => s.id).sort();
      expect(viaSql).toEqual(viaPrisma);
      counts.push(viaSql.length);
    }
    expect(counts).toEqual([1, 1, 2, 0, 3]);
  });
});
