import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/access";
import { makeCourse, makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { recordAssessmentResults } from "./results";
import { getStudentActivity } from "./activity";

// Time on task as the student page reads it, and last activity when a counselor records an older result.

useTestDatabase();
const day = (s: string) => new Date(`${s}T00:00:00Z`);

describe("time on task", () => {
  it("says no activity file is loaded, then gives the student's courses' weeks, within the viewer's scope only", async () => {
    const school = await makeSchool();
    const counselor = await makeUser("COUNSELOR", school.id);
    const other = await makeUser("COUNSELOR", school.id);
    const student = await makeStudent(school.id, counselor.id);
    const course = await makeCourse();
    const enrollment = await db().enrollment.create({ data: { studentId: student.id, courseId: course.id, startDate: day("2026-09-01"), targetDate: day("2026-11-10") } });
    const me = viewerOf(counselor);

    expect(await getStudentActivity(me, student.id, day("2026-10-15"))).toEqual({ loaded: false, weeks: 8, courses: [] });
    await db().activitySession.createMany({
      data: [
        { enrollmentId: enrollment.id, startedAt: new Date("2026-10-13T13:00:00Z"), endedAt: new Date("2026-10-13T13:40:00Z"), day: day("2026-10-13"), seconds: 2400 },
        { enrollmentId: enrollment.id, startedAt: new Date("2026-10-01T04:00:00Z"), day: day("2026-10-01"), seconds: 1800, dayTotal: true },
      ],
    });
    const a = await getStudentActivity(me, student.id, day("2026-10-15"));
    expect(a.loaded).toBe(true);
    expect(a.courses).toHaveLength(1);
    expect(a.courses[0]).toMatchObject({ enrollmentId: enrollment.id, title: course.title, status: "ACTIVE", totalMinutes: 70, lastDay: "2026-10-13" });
    expect(a.courses[0]!.weeks.map((w) => w.minutes)).toEqual([0, 0, 0, 0, 0, 30, 0, 40]);
    expect(a.courses[0]!.weeks[7]!.weekOf).toBe("2026-10-12");
    await expect(getStudentActivity(viewerOf(other), student.id, day("2026-10-15"))).rejects.toBeInstanceOf(NotFoundError);

    // A counselor records a result dated before the last day of time on task: last activity stays.
    await db().enrollment.update({ where: { id: enrollment.id }, data: { lastActivityOn: day("2026-10-13") } });
    await recordAssessmentResults(
      me,
      { enrollmentId: enrollment.id, version: 1, results: [{ assessmentId: course.assessments[0]!.id, score: 80, takenOn: day("2026-10-05") }] },
      new Date("2026-10-15T15:00:00Z"),
    );
    expect((await db().enrollment.findUniqueOrThrow({ where: { id: enrollment.id } })).lastActivityOn?.toISOString().slice(0, 10)).toBe("2026-10-13");
  });
});
