import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeCourse, makeSchool, makeStudent, makeUser } from "@/lib/test/factory";

useTestDatabase();

describe("test database", () => {
  it("is migrated and refuses a second ACTIVE enrollment in the same course (partial unique index)", async () => {
    const school = await makeSchool();
    const counselor = await makeUser("COUNSELOR", school.id);
    const student = await makeStudent(school.id, counselor.id);
    const course = await makeCourse();
    const base = { studentId: student.id, courseId: course.id, startDate: new Date("2026-09-01"), targetDate: new Date("2026-12-01") };
    await db().enrollment.create({ data: base });
    await expect(db().enrollment.create({ data: base })).rejects.toThrow();
    await db().enrollment.create({ data: { ...base, status: "WITHDRAWN" } });
    expect(await db().enrollment.count({ where: { studentId: student.id } })).toBe(2);
  });

  it("never returns password hashes unless asked", async () => {
    const u = await makeUser("DISTRICT_ADMIN", null, { passwordHash: "x" });
    const read = await db().user.findUniqueOrThrow({ where: { id: u.id } });
    expect("passwordHash" in read).toBe(false);
  });
});
