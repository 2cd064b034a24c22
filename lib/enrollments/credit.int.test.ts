import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeCourse, makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { runValidated } from "@/lib/safe-action";
import { getStudentRecord } from "@/lib/students/record";
import { recordAssessmentResults } from "./results";
import { completeEnrollment } from "./complete";
import { listCreditReview, reverseCredit } from "./credit-review";
import { completeSchema, reverseCreditSchema } from "./schema";

useTestDatabase();

const NOW = new Date("2026-10-15T15:00:00Z");
const day = (s: string) => new Date(`${s}T00:00:00Z`);

/** 3 quizzes + 2 tests, max 100, weights 10/10/10/35/35, mastery 70; the district passes at 60. */
async function setup(opts: { passingGrade?: number | null } = {}) {
  const school = await makeSchool();
  const counselor = await makeUser("COUNSELOR", school.id);
  const student = await makeStudent(school.id, counselor.id);
  const course = await makeCourse({ formative: 3, summative: 2 });
  const [w1, w2, w3, w4, w5] = course.assessments;
  for (const [a, weight] of [
    [w1, 10],
    [w2, 10],
    [w3, 10],
    [w4, 35],
    [w5, 35],
  ] as const)
    await db().courseAssessment.update({ where: { id: a!.id }, data: { weight } });
  if (opts.passingGrade !== undefined) await db().onlineCourse.update({ where: { id: course.id }, data: { passingGrade: opts.passingGrade } });
  const enrollment = await db().enrollment.create({ data: { studentId: student.id, courseId: course.id, startDate: day("2026-09-01"), targetDate: day("2026-11-10") } });
  return { school, me: viewerOf(counselor), student, course, enrollment, quizzes: [w1!, w2!, w3!], tests: [w4!, w5!] };
}
type Setup = Awaited<ReturnType<typeof setup>>;
const record = (s: Setup, version: number, scores: [{ id: string }, number][]) =>
  recordAssessmentResults(s.me, { enrollmentId: s.enrollment.id, version, results: scores.map(([a, score]) => ({ assessmentId: a.id, score, takenOn: day("2026-09-20") })) }, NOW);
const complete = (s: Setup, raw: Record<string, unknown>) => runValidated(s.me, completeSchema, completeEnrollment, { enrollmentId: s.enrollment.id, ...raw });
const nothingWritten = async (s: Setup, version: number) => {
  const e = await db().enrollment.findUniqueOrThrow({ where: { id: s.enrollment.id } });
  expect(e).toMatchObject({ status: "ACTIVE", finalGrade: null, creditAwarded: null, endedOn: null, version });
  expect(await db().transcriptCourse.count({ where: { enrollmentId: s.enrollment.id } })).toBe(0);
  expect(await db().auditEvent.count({ where: { action: "enrollment.complete", entityId: s.enrollment.id } })).toBe(0);
};

describe("completeEnrollment applies the credit rule inside the write", () => {
  it("refuses a final grade of 54 with both tests at mastery (quizzes never taken count 0), writing nothing", async () => {
    const s = await setup();
    // 35 × 80% + 35 × 74.3% = 28 + 26 = 54, the case: every summative at mastery, 40% progress.
    await record(s, 1, [
      [s.tests[0], 80],
      [s.tests[1], 74.29],
    ]);
    const card = (await getStudentRecord(s.me, s.student.id, NOW)).enrollments[0]!;
    expect(card.progress).toBe(40);
    expect(card.credit).toMatchObject({ ok: false, finalGrade: 54, passingGrade: 60, reasons: ["Final grade 54 is below the passing grade 60: 3 assessments not taken count 0."] });
    expect(card.canComplete).toBe(false);
    // Even a hand-made request for it is refused.
    const r = await complete(s, { version: "2", finalGrade: "54" });
    expect(r).toEqual({ ok: false, message: "Credit cannot be awarded: Final grade 54 is below the passing grade 60: 3 assessments not taken count 0." });
    await nothingWritten(s, 2);
  });

  it("awards at exactly the passing grade, with the grade the counselor confirmed", async () => {
    const s = await setup();
    // 10 + 1 + 0 + 24.5 + 24.5 = 60
    await record(s, 1, [
      [s.quizzes[0], 100],
      [s.quizzes[1], 10],
      [s.quizzes[2], 0],
      [s.tests[0], 70],
      [s.tests[1], 70],
    ]);
    const card = (await getStudentRecord(s.me, s.student.id, NOW)).enrollments[0]!;
    expect(card.credit).toEqual({ ok: true, finalGrade: 60, passingGrade: 60, credits: 1, breaches: [] });
    const r = await complete(s, { version: "2", finalGrade: "60" });
    expect(r).toMatchObject({ ok: true, data: { finalGrade: 60, credits: 1 } });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "enrollment.complete", entityId: s.enrollment.id } });
    expect(audit.details).toMatchObject({ finalGrade: 60, passingGrade: 60, credits: 1 });
  });

  it("uses the course's own passing grade over the district's", async () => {
    const s = await setup({ passingGrade: 50 });
    await record(s, 1, [
      [s.tests[0], 80],
      [s.tests[1], 74.29],
    ]);
    expect(await complete(s, { version: "2", finalGrade: "54" })).toMatchObject({ ok: true, data: { finalGrade: 54 } });
  });

  it("refuses when the grade is no longer the one the counselor saw (a result changed meanwhile), writing nothing", async () => {
    const s = await setup();
    await record(s, 1, [
      [s.quizzes[0], 100],
      [s.quizzes[1], 100],
      [s.quizzes[2], 100],
      [s.tests[0], 80],
      [s.tests[1], 80],
    ]);
    // The card showed 86; a retake raised the second test to 100 before the confirm: the grade is now 93.
    await db().assessmentResult.create({ data: { enrollmentId: s.enrollment.id, assessmentId: s.tests[1].id, score: 100, attempt: 2, takenOn: day("2026-09-25") } });
    const r = await complete(s, { version: "2", finalGrade: "86" });
    expect(r).toEqual({
      ok: false,
      message: "The final grade is now 93, not the 86 you confirmed: a result or the passing grade changed meanwhile. Nothing was recorded; check the course and confirm again.",
    });
    await nothingWritten(s, 2);
    expect(await complete(s, { version: "2", finalGrade: "93" })).toMatchObject({ ok: true });
  });

  it("refuses a completion without the confirmed grade (field error, nothing written)", async () => {
    const s = await setup();
    await record(s, 1, [
      [s.tests[0], 100],
      [s.tests[1], 100],
    ]);
    expect(await complete(s, { version: "2" })).toMatchObject({ ok: false, fieldErrors: { finalGrade: ["Confirm the final grade shown on the course"] } });
    await nothingWritten(s, 2);
  });
});

describe("credit review: credits awarded under the old rule", () => {
  /** A completion the old rule allowed: final grade 54 with credit and its transcript row. */
  async function oldCredit(s: Setup) {
    await db().enrollment.update({ where: { id: s.enrollment.id }, data: { status: "COMPLETED", finalGrade: 54, creditAwarded: 1, endedOn: day("2026-10-01"), version: 3 } });
    const t = await db().transcriptCourse.create({
      data: {
        studentId: s.student.id,
        courseCode: s.course.providerCourseCode,
        courseTitle: s.course.title,
        subjectArea: "MATHEMATICS",
        schoolYear: 2026,
        term: "ONLINE",
        grade: "54",
        creditsAttempted: 1,
        creditsEarned: 1,
        enrollmentId: s.enrollment.id,
      },
    });
    return t;
  }

  it("lists it for the school's admin and reverses it in one audited transaction", async () => {
    const s = await setup();
    const t = await oldCredit(s);
    const admin = viewerOf(await makeUser("SCHOOL_ADMIN", s.school.id));
    const rows = await listCreditReview(admin);
    expect(rows).toEqual([
      expect.objectContaining({
        enrollmentId: s.enrollment.id,
        version: 3,
        finalGrade: 54,
        passingGrade: 60,
        credits: 1,
        transcriptCourseId: t.id,
        source: "unknown",
        school: s.school.name,
      }),
    ]);
    const r = await runValidated(admin, reverseCreditSchema, reverseCredit, { enrollmentId: s.enrollment.id, version: "3", reason: "Quizzes never taken" });
    expect(r).toMatchObject({ ok: true });
    expect(await db().transcriptCourse.findUnique({ where: { id: t.id } })).toBeNull();
    const e = await db().enrollment.findUniqueOrThrow({ where: { id: s.enrollment.id } });
    expect(e).toMatchObject({ status: "FAILED", creditAwarded: null, version: 4, endReason: "Credit reversed: final grade 54 below passing 60 — Quizzes never taken" });
    expect(Number(e.finalGrade)).toBe(54);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "enrollment.credit_reverse", entityId: s.enrollment.id } });
    expect(audit).toMatchObject({ userId: admin.id, studentId: s.student.id });
    expect(audit.details).toEqual({
      finalGrade: 54,
      passingGrade: 60,
      credits: 1,
      reason: "Quizzes never taken",
      transcriptCourse: { id: t.id, courseCode: s.course.providerCourseCode, schoolYear: 2026 },
      unlinked: [],
    });
    expect(await listCreditReview(admin)).toEqual([]);
  });

  it("unlinks, and records, another enrollment that names the reversed transcript row as the course it recovers", async () => {
    const s = await setup();
    const t = await oldCredit(s);
    // Made directly: enrollStudent refuses a passed course as `replaces`, older data may hold one.
    const other = await makeCourse();
    const recovering = await db().enrollment.create({
      data: { studentId: s.student.id, courseId: other.id, startDate: day("2026-10-01"), targetDate: day("2026-12-10"), replacesId: t.id },
    });
    const admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
    const r = await runValidated(admin, reverseCreditSchema, reverseCredit, { enrollmentId: s.enrollment.id, version: "3", reason: "below passing" });
    expect(r).toMatchObject({ ok: true, data: { unlinked: [{ enrollmentId: recovering.id, courseTitle: other.title }] } });
    expect(await db().enrollment.findUniqueOrThrow({ where: { id: recovering.id } })).toMatchObject({ replacesId: null, version: 2, status: "ACTIVE" });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "enrollment.credit_reverse", entityId: s.enrollment.id } });
    expect((audit.details as { unlinked: unknown }).unlinked).toEqual([{ enrollmentId: recovering.id, courseTitle: other.title, status: "ACTIVE" }]);
    expect(await db().transcriptCourse.findUnique({ where: { id: t.id } })).toBeNull();
  });

  it("refuses a stale version, a credit at the passing grade, and a missing reason, changing nothing", async () => {
    const s = await setup();
    await oldCredit(s);
    const district = viewerOf(await makeUser("DISTRICT_ADMIN", null));
    const reverse = (raw: Record<string, unknown>) => runValidated(district, reverseCreditSchema, reverseCredit, { enrollmentId: s.enrollment.id, ...raw });
    expect(await reverse({ version: "2", reason: "x" })).toMatchObject({ ok: false, message: expect.stringMatching(/changed by someone else/) });
    expect(await reverse({ version: "3", reason: "  " })).toMatchObject({ ok: false, fieldErrors: { reason: ["Give the reason"] } });
    await db().onlineCourse.update({ where: { id: s.course.id }, data: { passingGrade: 50 } });
    expect(await reverse({ version: "3", reason: "x" })).toEqual({ ok: false, message: "Final grade 54 meets the passing grade 50: this credit stands, nothing was changed." });
    expect(await db().transcriptCourse.count({ where: { enrollmentId: s.enrollment.id } })).toBe(1);
    expect((await db().enrollment.findUniqueOrThrow({ where: { id: s.enrollment.id } })).status).toBe("COMPLETED");
  });

  it("is out of reach for another school's admin (not found) and for counselors (refused for the role)", async () => {
    const s = await setup();
    await oldCredit(s);
    const otherSchool = await makeSchool();
    const otherAdmin = viewerOf(await makeUser("SCHOOL_ADMIN", otherSchool.id));
    expect((await listCreditReview(otherAdmin)).map((r) => r.enrollmentId)).not.toContain(s.enrollment.id);
    const input = { enrollmentId: s.enrollment.id, version: "3", reason: "below passing" };
    expect(await runValidated(otherAdmin, reverseCreditSchema, reverseCredit, input)).toEqual({ ok: false, message: "Enrollment not found" });
    expect(await runValidated(s.me, reverseCreditSchema, reverseCredit, input)).toEqual({ ok: false, message: "You do not have access to this." });
    await expect(listCreditReview(s.me)).rejects.toThrow(/do not have access/);
    expect(await db().transcriptCourse.count({ where: { enrollmentId: s.enrollment.id } })).toBe(1);
    expect((await db().enrollment.findUniqueOrThrow({ where: { id: s.enrollment.id } })).status).toBe("COMPLETED");
  });
});
