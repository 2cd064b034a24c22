// The mastery-failed risk input (mastery-failed.ts), the one rule of the caseload and the student
// page: hand-computed cases over a real course (2 formative + 2 summative, max 100, threshold 70).
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeCourse, makeSchool, makeStudent } from "@/lib/test/factory";
import { sqlDb } from "@/lib/sql/db";
import { masteryFailed } from "./mastery-failed";

useTestDatabase();

describe("masteryFailed", () => {
  it("flags a summative attempted below mastery, not one passed on retake, a formative or one not taken", async () => {
    const school = await makeSchool();
    const course = await makeCourse({ formative: 2, summative: 2, masteryThreshold: 70 });
    const [q1, , e1] = course.assessments;
    const cases: [string, [string, number, number][], boolean][] = [
      ["summative below mastery", [[e1.id, 60, 1]], true],
      [
        "summative passed on retake",
        [
          [e1.id, 60, 1],
          [e1.id, 70, 2],
        ],
        false,
      ],
      ["formative below mastery", [[q1.id, 10, 1]], false],
      ["nothing taken", [], false],
    ];
    const ids = new Map<string, string>();
    for (const [name, results] of cases) {
      const student = await makeStudent(school.id, null);
      const e = await db().enrollment.create({
        data: { studentId: student.id, courseId: course.id, startDate: new Date("2026-09-01"), targetDate: new Date("2026-11-10") },
      });
      for (const [assessmentId, score, attempt] of results) {
        await db().assessmentResult.create({ data: { enrollmentId: e.id, assessmentId, score, attempt, takenOn: new Date("2026-09-10") } });
      }
      ids.set(e.id, name);
    }
    const rows = await sqlDb()
      .selectFrom("Enrollment as e")
      .innerJoin("OnlineCourse as c", "c.id", "e.courseId")
      .select(["e.id", masteryFailed().as("failed")])
      .where("e.id", "in", [...ids.keys()])
      .execute();
    const got = Object.fromEntries(rows.map((r) => [ids.get(r.id), r.failed]));
    expect(got).toEqual(Object.fromEntries(cases.map(([name, , failed]) => [name, failed])));
  });
});
