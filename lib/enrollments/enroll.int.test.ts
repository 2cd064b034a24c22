import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeCourse, makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { runValidated } from "@/lib/safe-action";
import { NotFoundError } from "@/lib/access";
import { enrollStudent } from "./enroll";
import { enrollSchema } from "./schema";

useTestDatabase();

async function setup() {
  const school = await makeSchool();
  const counselor = await makeUser("COUNSELOR", school.id);
  const other = await makeUser("COUNSELOR", school.id);
  const student = await makeStudent(school.id, counselor.id);
  const course = await makeCourse({ expectedWeeks: 12 });
  return { school, counselor, me: viewerOf(counselor), them: viewerOf(other), student, course };
}
const enroll = (viewer: ReturnType<typeof viewerOf>, raw: Record<string, unknown>) => runValidated(viewer, enrollSchema, enrollStudent, raw);

describe("enrollStudent", () => {
  it("enrolls with the default target date (start + expected weeks) and writes the audit event", async () => {
    const { me, student, course } = await setup();
    const r = await enroll(me, { studentId: student.id, courseId: course.id, startDate: "2026-09-01", targetDate: "" });
    expect(r.ok).toBe(true);
    const e = await db().enrollment.findFirstOrThrow({ where: { studentId: student.id } });
    expect(e.targetDate.toISOString().slice(0, 10)).toBe("2026-11-24");
    expect(e.enrolledById).toBe(me.id);
    expect(await db().auditEvent.count({ where: { action: "enrollment.create", entityId: e.id } })).toBe(1);
  });

  it("links the failed course it replaces (credit recovery)", async () => {
    const { me, student, course } = await setup();
    const f = await db().transcriptCourse.create({
      data: {
        studentId: student.id,
        courseCode: "MA101",
        courseTitle: "Algebra I",
        subjectArea: "MATHEMATICS",
        schoolYear: 2025,
        term: "FY",
        grade: "F",
        creditsAttempted: 1,
        creditsEarned: 0,
      },
    });
    const r = await enroll(me, { studentId: student.id, courseId: course.id, startDate: "2026-09-01", replacesId: f.id });
    expect(r.ok).toBe(true);
    expect((await db().enrollment.findFirstOrThrow({ where: { studentId: student.id } })).replacesId).toBe(f.id);
  });

  it("records whether the recovery course replaces the failed one or substitutes for its subject; refuses another subject", async () => {
    const { me, student } = await setup();
    const failed = (courseCode: string, courseTitle: string) =>
      db().transcriptCourse.create({
        data: { studentId: student.id, courseCode, courseTitle, subjectArea: "MATHEMATICS", schoolYear: 2025, term: "FY", grade: "F", creditsAttempted: 1, creditsEarned: 0 },
      });
    const f = await failed("MA101", "Algebra I");
    const f2 = await failed("MA102", "Algebra I B");
    const algebra = await makeCourse({ subjectArea: "MATHEMATICS" });
    await db().onlineCourse.update({ where: { id: algebra.id }, data: { recovers: [" ma101 "] } });
    const geometry = await makeCourse({ subjectArea: "MATHEMATICS" });
    await db().onlineCourse.update({ where: { id: geometry.id }, data: { recovers: ["MA151"] } });
    const english = await makeCourse({ subjectArea: "ENGLISH" });
    expect((await enroll(me, { studentId: student.id, courseId: algebra.id, startDate: "2026-09-01", replacesId: f.id })).ok).toBe(true);
    expect((await enroll(me, { studentId: student.id, courseId: geometry.id, startDate: "2026-09-01", replacesId: f2.id })).ok).toBe(true);
    const r = await enroll(me, { studentId: student.id, courseId: english.id, startDate: "2026-09-01", replacesId: f.id });
    expect(r).toMatchObject({ ok: false, fieldErrors: { courseId: [expect.stringMatching(/neither recovers Algebra I \(MA101\)/)] } });
    const events = await db().auditEvent.findMany({ where: { action: "enrollment.create", studentId: student.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.details as { courseId: string; replacement: boolean })).toMatchObject([
      { courseId: algebra.id, replacement: true },
      { courseId: geometry.id, replacement: false },
    ]);
    expect(await db().enrollment.count({ where: { studentId: student.id, courseId: english.id } })).toBe(0);
  });

  it("accepts for a failed course only what the card offers: never another program type, even of its subject", async () => {
    const { me, student } = await setup();
    const f = await db().transcriptCourse.create({
      data: {
        studentId: student.id,
        courseCode: "MA101",
        courseTitle: "Algebra I",
        subjectArea: "MATHEMATICS",
        schoolYear: 2025,
        term: "FY",
        grade: "F",
        creditsAttempted: 1,
        creditsEarned: 0,
      },
    });
    for (const programType of ["ORIGINAL_CREDIT", "ADVANCED_PLACEMENT"] as const) {
      const c = await makeCourse({ subjectArea: "MATHEMATICS", programType });
      // Even one whose catalog lists the failed code: recoveryOffers never offers it.
      await db().onlineCourse.update({ where: { id: c.id }, data: { recovers: ["MA101"] } });
      const r = await enroll(me, { studentId: student.id, courseId: c.id, startDate: "2026-09-01", replacesId: f.id });
      expect(r).toMatchObject({ ok: false, fieldErrors: { courseId: [`${c.title} is not a credit-recovery course: only those can recover Algebra I (MA101).`] } });
      // Enrolled without the link, it is an ordinary course.
      expect((await enroll(me, { studentId: student.id, courseId: c.id, startDate: "2026-09-01" })).ok).toBe(true);
    }
    expect(await db().enrollment.count({ where: { studentId: student.id, replacesId: { not: null } } })).toBe(0);
  });

  it("refuses a failed course already recovered by an active or completed enrollment; one whose recovery failed or was withdrawn is open again", async () => {
    const { me, student, course } = await setup();
    const f = await db().transcriptCourse.create({
      data: {
        studentId: student.id,
        courseCode: "MA101",
        courseTitle: "Algebra I",
        subjectArea: "MATHEMATICS",
        schoolYear: 2025,
        term: "FY",
        grade: "F",
        creditsAttempted: 1,
        creditsEarned: 0,
      },
    });
    const first = await enroll(me, { studentId: student.id, courseId: course.id, startDate: "2026-09-01", replacesId: f.id });
    expect(first.ok).toBe(true);
    const other = await makeCourse({ subjectArea: "MATHEMATICS" });
    const again = () => enroll(me, { studentId: student.id, courseId: other.id, startDate: "2026-09-15", replacesId: f.id });
    expect(await again()).toMatchObject({ ok: false, fieldErrors: { replacesId: [`Algebra I (MA101) is already recovered by ${course.title} (under way).`] } });
    const firstId = (await db().enrollment.findFirstOrThrow({ where: { studentId: student.id, courseId: course.id } })).id;
    await db().enrollment.update({ where: { id: firstId }, data: { status: "COMPLETED" } });
    expect(await again()).toMatchObject({ ok: false, fieldErrors: { replacesId: [`Algebra I (MA101) is already recovered by ${course.title} (completed).`] } });
    expect(await db().enrollment.count({ where: { replacesId: f.id } })).toBe(1);
    for (const status of ["WITHDRAWN", "FAILED"] as const) {
      await db().enrollment.updateMany({ where: { replacesId: f.id }, data: { status } });
      expect((await again()).ok).toBe(true);
    }
    expect(await db().enrollment.count({ where: { replacesId: f.id } })).toBe(3);
  });

  it("refuses a target date before the start, with a field error", async () => {
    const { me, student, course } = await setup();
    const r = await enroll(me, { studentId: student.id, courseId: course.id, startDate: "2026-09-01", targetDate: "2026-08-01" });
    expect(r).toMatchObject({ ok: false, fieldErrors: { targetDate: ["The target date must be after the start date"] } });
  });

  it("refuses a missing or malformed start date", async () => {
    const { me, student, course } = await setup();
    const r = await enroll(me, { studentId: student.id, courseId: course.id, startDate: "next week" });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.fieldErrors?.startDate?.[0]).toMatch(/start date/);
  });

  it("refuses a second active enrollment in the same course", async () => {
    const { me, student, course } = await setup();
    expect((await enroll(me, { studentId: student.id, courseId: course.id, startDate: "2026-09-01" })).ok).toBe(true);
    const r = await enroll(me, { studentId: student.id, courseId: course.id, startDate: "2026-09-15" });
    expect(r).toMatchObject({ ok: false, fieldErrors: { courseId: ["This student already has an active enrollment in this course."] } });
  });

  it("allows a new enrollment once the earlier one in that course has ended", async () => {
    const { me, student, course } = await setup();
    await db().enrollment.create({
      data: { studentId: student.id, courseId: course.id, startDate: new Date("2026-01-05"), targetDate: new Date("2026-04-01"), status: "WITHDRAWN" },
    });
    expect((await enroll(me, { studentId: student.id, courseId: course.id, startDate: "2026-09-01" })).ok).toBe(true);
  });

  it.each(["GRADUATED", "DROPPED_OUT", "TRANSFERRED_OUT"] as const)("refuses a student whose status is %s", async (status) => {
    const { me, school, counselor, course } = await setup();
    const s = await makeStudent(school.id, counselor.id, { status });
    const r = await enroll(me, { studentId: s.id, courseId: course.id, startDate: "2026-09-01" });
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/currently enrolled/) });
    expect(await db().enrollment.count({ where: { studentId: s.id } })).toBe(0);
  });

  it("refuses a student not on my caseload as not found", async () => {
    const { them, student, course } = await setup();
    await expect(enrollStudent(them, { studentId: student.id, courseId: course.id, startDate: new Date("2026-09-01") })).rejects.toBeInstanceOf(NotFoundError);
    expect(await db().enrollment.count({ where: { studentId: student.id } })).toBe(0);
  });

  it("refuses an inactive catalog course and a passed course as 'replaces'", async () => {
    const { me, student, course } = await setup();
    await db().onlineCourse.update({ where: { id: course.id }, data: { active: false } });
    expect(await enroll(me, { studentId: student.id, courseId: course.id, startDate: "2026-09-01" })).toMatchObject({ ok: false, fieldErrors: { courseId: expect.any(Array) } });
    const c2 = await makeCourse();
    const passed = await db().transcriptCourse.create({
      data: {
        studentId: student.id,
        courseCode: "EN1",
        courseTitle: "English 9",
        subjectArea: "ENGLISH",
        schoolYear: 2025,
        term: "FY",
        grade: "B",
        creditsAttempted: 1,
        creditsEarned: 1,
      },
    });
    expect(await enroll(me, { studentId: student.id, courseId: c2.id, startDate: "2026-09-01", replacesId: passed.id })).toMatchObject({
      ok: false,
      fieldErrors: { replacesId: expect.any(Array) },
    });
  });

  it("lets a school admin enroll a student of their school, not of another", async () => {
    const { school, student, course } = await setup();
    const admin = viewerOf(await makeUser("SCHOOL_ADMIN", school.id));
    const otherAdmin = viewerOf(await makeUser("SCHOOL_ADMIN", (await makeSchool()).id));
    await expect(enrollStudent(otherAdmin, { studentId: student.id, courseId: course.id, startDate: new Date("2026-09-01") })).rejects.toBeInstanceOf(NotFoundError);
    expect((await enroll(admin, { studentId: student.id, courseId: course.id, startDate: "2026-09-01" })).ok).toBe(true);
  });
});
