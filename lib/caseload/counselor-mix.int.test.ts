import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { caseloadCounselors, listCaseload } from "@/lib/students/caseload";
import { caseloadParamsSchema } from "@/lib/students/schema";

useTestDatabase();

const AS_OF = new Date("2026-10-15T00:00:00Z");

describe("school admins' Students list: counselor column, filter and risk mix", () => {
  it("names each student's counselor, filters by one, and counts High/Moderate/Low per counselor for the filter", async () => {
    const school = await makeSchool();
    const other = await makeSchool();
    const admin = viewerOf(await makeUser("SCHOOL_ADMIN", school.id));
    const [ada, ben] = [await makeUser("COUNSELOR", school.id, { name: "Ada Counselor" }), await makeUser("COUNSELOR", school.id, { name: "Ben Counselor" })];
    await makeUser("COUNSELOR", other.id, { name: "Elsewhere Counselor" });
    // Attendance 70%: high risk on its own; 85%: moderate; 96% with credits on track: low (grade 9).
    await makeStudent(school.id, ada.id, { attendanceRate: 70, gradeLevel: 9 });
    await makeStudent(school.id, ada.id, { attendanceRate: 96, gradeLevel: 9 });
    await makeStudent(school.id, ben.id, { attendanceRate: 85, gradeLevel: 9 });
    await makeStudent(school.id, null, { attendanceRate: 96, gradeLevel: 9 });

    expect((await caseloadCounselors(admin, undefined)).map((c) => c.name)).toEqual(["Ada Counselor", "Ben Counselor"]);

    const all = await listCaseload(admin, caseloadParamsSchema.parse({}), AS_OF);
    expect(all.counselorMix.map((m) => [m.name, m.counts.HIGH, m.counts.MODERATE, m.counts.LOW])).toEqual([
      ["Ada Counselor", 1, 0, 1],
      ["Ben Counselor", 0, 1, 0],
      ["No counselor", 0, 0, 1],
    ]);
    expect(all.rows.map((r) => r.counselorName).sort()).toEqual(["Ada Counselor", "Ada Counselor", "Ben Counselor", null].sort());

    const adas = await listCaseload(admin, caseloadParamsSchema.parse({ counselor: ada.id }), AS_OF);
    expect(adas.total).toBe(2);
    expect(adas.counselorMix.map((m) => m.name)).toEqual(["Ada Counselor"]);
  });

  it("gives a counselor no counselor list (one caseload)", async () => {
    const school = await makeSchool();
    const me = viewerOf(await makeUser("COUNSELOR", school.id));
    expect(await caseloadCounselors(me, school.id)).toEqual([]);
  });
});
