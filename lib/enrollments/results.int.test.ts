import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeCourse, makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { ConflictError, DomainError, runValidated } from "@/lib/safe-action";
import { NotFoundError } from "@/lib/access";
import { recordAssessmentResults } from "./results";
import { completeEnrollment, endEnrollment } from "./complete";
import { recordResultsSchema } from "./schema";

useTestDatabase();

const NOW = new Date("2026-10-15T15:00:00Z");
const day = (s: string) => new Date(`${s}T00:00:00Z`);

async function setup(opts: Parameters<typeof makeCourse>[0] = {}) {
  const school = await makeSchool();
  const counselor = await makeUser("COUNSELOR", school.id);
  const student = await makeStudent(school.id, counselor.id);
  // 2 quizzes + 1 exam, max 100 each, mastery 70, 1 credit of mathematics.
  const course = await makeCourse(opts);
  const enrollment = await db().enrollment.create({ data: { studentId: student.id, courseId: course.id, startDate: day("2026-09-01"), targetDate: day("2026-11-10") } });
  const [q1, q2, exam] = course.assessments;
  return { me: viewerOf(counselor), student, course, enrollment, q1, q2, exam };
}

describe("recordAssessmentResults", () => {
  it("records several results at once, numbers attempts, and recomputes progress and last activity", async () => {
    const { me, enrollment, q1, q2 } = await setup();
    const r = await recordAssessmentResults(
      me,
      {
        enrollmentId: enrollment.id,
        version: 1,
        results: [
          { assessmentId: q1.id, score: 70, takenOn: day("2026-09-10") }, // exactly the threshold: passed
          { assessmentId: q2.id, score: 69, takenOn: day("2026-09-12") },
        ],
      },
      NOW,
    );
    expect(r.progress).toBe(33);
    const again = await recordAssessmentResults(me, { enrollmentId: enrollment.id, version: 2, results: [{ assessmentId: q2.id, score: 90, takenOn: day("2026-09-20") }] }, NOW);
    expect(again.attempts).toEqual([{ assessmentId: q2.id, attempt: 2 }]);
    const e = await db().enrollment.findUniqueOrThrow({ where: { id: enrollment.id } });
    expect(e).toMatchObject({ progress: 67, version: 3 });
    expect(e.lastActivityOn?.toISOString().slice(0, 10)).toBe("2026-09-20");
    expect(await db().auditEvent.count({ where: { action: "result.record", entityId: enrollment.id } })).toBe(2);
    // The rows as written: who, which attempt, the score and day as entered; and the event's details.
    const rows = await db().assessmentResult.findMany({ where: { enrollmentId: enrollment.id }, orderBy: [{ takenOn: "asc" }, { attempt: "asc" }] });
    expect(rows.map((x) => [x.assessmentId, Number(x.score), x.attempt, x.takenOn.toISOString().slice(0, 10), x.recordedById, x.source])).toEqual([
      [q1.id, 70, 1, "2026-09-10", me.id, "MANUAL"],
      [q2.id, 69, 1, "2026-09-12", me.id, "MANUAL"],
      [q2.id, 90, 2, "2026-09-20", me.id, "MANUAL"],
    ]);
    expect(new Set(rows.map((x) => x.id)).size).toBe(3);
    const last = await db().auditEvent.findFirstOrThrow({ where: { action: "result.record", entityId: enrollment.id }, orderBy: { id: "desc" } });
    expect(last).toMatchObject({
      userId: me.id,
      studentId: enrollment.studentId,
      entity: "Enrollment",
      details: { results: [{ assessmentId: q2.id, score: 90, attempt: 2 }], progress: 67 },
    });
  });

  it("validates the form: scores per assessment, a date, at least one score", async () => {
    const { me, enrollment, q1, q2 } = await setup();
    const raw = { enrollmentId: enrollment.id, version: "1", takenOn: "2026-09-10", [`score_${q1.id}`]: "abc", [`score_${q2.id}`]: "-1" };
    const bad = await runValidated(me, recordResultsSchema, recordAssessmentResults, raw);
    expect(bad).toMatchObject({ ok: false, fieldErrors: { [`score_${q1.id}`]: ["Enter a number"], [`score_${q2.id}`]: ["The score cannot be negative"] } });
    const none = await runValidated(me, recordResultsSchema, recordAssessmentResults, { enrollmentId: enrollment.id, version: "1", takenOn: "2026-09-10", [`score_${q1.id}`]: "" });
    expect(none).toMatchObject({ ok: false, fieldErrors: { scores: ["Enter at least one score"] } });
    const noDate = await runValidated(me, recordResultsSchema, recordAssessmentResults, { enrollmentId: enrollment.id, version: "1", takenOn: "", [`score_${q1.id}`]: "80" });
    expect(noDate).toMatchObject({ ok: false, fieldErrors: { takenOn: [expect.stringMatching(/date taken/)] } });
  });

  it("counts today in the district's time zone, not the server's", async () => {
    const { me, enrollment, q1 } = await setup();
    // 01:30 UTC on Oct 16 is 9:30 PM on Oct 15 in Boston (the default DISTRICT_TIME_ZONE).
    const evening = new Date("2026-10-16T01:30:00Z");
    const record = (takenOn: string) =>
      runValidated(me, recordResultsSchema, (v, i) => recordAssessmentResults(v, i, evening), { enrollmentId: enrollment.id, version: "1", takenOn, [`score_${q1.id}`]: "80" });
    expect(await record("2026-10-16")).toMatchObject({ ok: false, fieldErrors: { takenOn: ["The date cannot be in the future."] } });
    expect(await record("2026-10-15")).toMatchObject({ ok: true });
  });

  it("refuses a score above the assessment's maximum, pinned to that score", async () => {
    const { me, enrollment, q1 } = await setup();
    const r = await runValidated(me, recordResultsSchema, (v, i) => recordAssessmentResults(v, i, NOW), {
      enrollmentId: enrollment.id,
      version: "1",
      takenOn: "2026-09-10",
      [`score_${q1.id}`]: "100.5",
    });
    expect(r).toMatchObject({ ok: false, fieldErrors: { [`score_${q1.id}`]: ["The score must be between 0 and 100."] } });
    expect(await db().assessmentResult.count({ where: { enrollmentId: enrollment.id } })).toBe(0);
  });

  it.each([
    ["in the future", "2026-10-16", "The date cannot be in the future."],
    ["before the enrollment started", "2026-08-31", "The date cannot be before the enrollment started."],
  ])("refuses a date %s", async (_n, date, message) => {
    const { me, enrollment, q1 } = await setup();
    const r = await runValidated(me, recordResultsSchema, (v, i) => recordAssessmentResults(v, i, NOW), {
      enrollmentId: enrollment.id,
      version: "1",
      takenOn: date,
      [`score_${q1.id}`]: "80",
    });
    expect(r).toMatchObject({ ok: false, fieldErrors: { takenOn: [message] } });
  });

  it("accepts today and the start date themselves", async () => {
    const { me, enrollment, q1, q2 } = await setup();
    await recordAssessmentResults(
      me,
      {
        enrollmentId: enrollment.id,
        version: 1,
        results: [
          { assessmentId: q1.id, score: 80, takenOn: day("2026-10-15") },
          { assessmentId: q2.id, score: 80, takenOn: day("2026-09-01") },
        ],
      },
      NOW,
    );
    expect(await db().assessmentResult.count({ where: { enrollmentId: enrollment.id } })).toBe(2);
  });

  it("refuses a stale version: the second of two counselors is told to reload", async () => {
    const { me, enrollment, q1 } = await setup();
    await recordAssessmentResults(me, { enrollmentId: enrollment.id, version: 1, results: [{ assessmentId: q1.id, score: 80, takenOn: day("2026-09-10") }] }, NOW);
    await expect(
      recordAssessmentResults(me, { enrollmentId: enrollment.id, version: 1, results: [{ assessmentId: q1.id, score: 50, takenOn: day("2026-09-11") }] }, NOW),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await db().assessmentResult.count({ where: { enrollmentId: enrollment.id } })).toBe(1);
  });

  it("refuses another counselor's student as not found, and an ended enrollment", async () => {
    const { me, enrollment, q1, student } = await setup();
    const other = viewerOf(await makeUser("COUNSELOR", student.schoolId));
    await expect(
      recordAssessmentResults(other, { enrollmentId: enrollment.id, version: 1, results: [{ assessmentId: q1.id, score: 80, takenOn: day("2026-09-10") }] }, NOW),
    ).rejects.toBeInstanceOf(NotFoundError);
    await db().enrollment.update({ where: { id: enrollment.id }, data: { status: "WITHDRAWN" } });
    await expect(
      recordAssessmentResults(me, { enrollmentId: enrollment.id, version: 1, results: [{ assessmentId: q1.id, score: 80, takenOn: day("2026-09-10") }] }, NOW),
    ).rejects.toBeInstanceOf(DomainError);
  });
});

describe("completeEnrollment", () => {
  it("refuses while a summative assessment is below mastery", async () => {
    const { me, enrollment, q1, exam } = await setup();
    await recordAssessmentResults(
      me,
      {
        enrollmentId: enrollment.id,
        version: 1,
        results: [
          { assessmentId: q1.id, score: 95, takenOn: day("2026-09-10") },
          { assessmentId: exam.id, score: 69.9, takenOn: day("2026-09-10") },
        ],
      },
      NOW,
    );
    await expect(completeEnrollment(me, { enrollmentId: enrollment.id, version: 2, finalGrade: 54.97 }, NOW)).rejects.toThrow(/Exam 1 is at 69.9%, mastery is 70%/);
  });

  it("completes at mastery with a passing grade: weighted final grade, credit on the transcript in the subject area, one transaction", async () => {
    const { me, enrollment, student, q1, q2, exam } = await setup({ credits: 0.5, subjectArea: "SCIENCE" });
    await recordAssessmentResults(
      me,
      {
        enrollmentId: enrollment.id,
        version: 1,
        results: [
          { assessmentId: q1.id, score: 90, takenOn: day("2026-09-10") },
          { assessmentId: q2.id, score: 41, takenOn: day("2026-09-10") },
          { assessmentId: exam.id, score: 60, takenOn: day("2026-09-10") },
        ],
      },
      NOW,
    );
    await recordAssessmentResults(me, { enrollmentId: enrollment.id, version: 2, results: [{ assessmentId: exam.id, score: 70, takenOn: day("2026-09-20") }] }, NOW);
    const r = await completeEnrollment(me, { enrollmentId: enrollment.id, version: 3, finalGrade: 67 }, NOW);
    // weights 33.33 each: (90 + 41 + 70) ÷ 3 = 67
    expect(r).toMatchObject({ finalGrade: 67, credits: 0.5 });
    const e = await db().enrollment.findUniqueOrThrow({ where: { id: enrollment.id } });
    expect(e).toMatchObject({ status: "COMPLETED", version: 4 });
    expect(Number(e.creditAwarded)).toBe(0.5);
    const t = await db().transcriptCourse.findUniqueOrThrow({ where: { enrollmentId: enrollment.id } });
    expect(t).toMatchObject({ studentId: student.id, subjectArea: "SCIENCE", schoolYear: 2026, grade: "67" });
    expect(Number(t.creditsEarned)).toBe(0.5);
    await expect(completeEnrollment(me, { enrollmentId: enrollment.id, version: 4, finalGrade: 67 }, NOW)).rejects.toThrow(/already ended/);
  });

  it("leaves neither the completion nor the credit behind when awarding the credit fails", async () => {
    const { me, enrollment, q1, q2, exam } = await setup();
    await recordAssessmentResults(
      me,
      { enrollmentId: enrollment.id, version: 1, results: [q1, q2, exam].map((a) => ({ assessmentId: a.id, score: 100, takenOn: day("2026-09-10") })) },
      NOW,
    );
    // A database failure on the transcript insert, after the enrollment row was updated in the same transaction.
    await db().$executeRawUnsafe(`CREATE FUNCTION ct_fail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'transcript unavailable'; END $$ LANGUAGE plpgsql`);
    await db().$executeRawUnsafe(`CREATE TRIGGER ct_fail BEFORE INSERT ON "TranscriptCourse" FOR EACH ROW EXECUTE FUNCTION ct_fail()`);
    try {
      await expect(completeEnrollment(me, { enrollmentId: enrollment.id, version: 2, finalGrade: 100 }, NOW)).rejects.toThrow();
    } finally {
      await db().$executeRawUnsafe(`DROP TRIGGER ct_fail ON "TranscriptCourse"`);
      await db().$executeRawUnsafe(`DROP FUNCTION ct_fail()`);
    }
    const e = await db().enrollment.findUniqueOrThrow({ where: { id: enrollment.id } });
    expect(e).toMatchObject({ status: "ACTIVE", version: 2, finalGrade: null, creditAwarded: null, endedOn: null });
    expect(await db().transcriptCourse.count({ where: { enrollmentId: enrollment.id } })).toBe(0);
    expect(await db().auditEvent.count({ where: { action: "enrollment.complete", entityId: enrollment.id } })).toBe(0);
    // and it completes once the failure is gone
    await completeEnrollment(me, { enrollmentId: enrollment.id, version: 2, finalGrade: 100 }, NOW);
    expect(await db().transcriptCourse.count({ where: { enrollmentId: enrollment.id } })).toBe(1);
  });

  it("refuses a stale version", async () => {
    const { me, enrollment, exam } = await setup();
    await recordAssessmentResults(me, { enrollmentId: enrollment.id, version: 1, results: [{ assessmentId: exam.id, score: 100, takenOn: day("2026-09-10") }] }, NOW);
    await expect(completeEnrollment(me, { enrollmentId: enrollment.id, version: 1, finalGrade: 33.33 }, NOW)).rejects.toBeInstanceOf(ConflictError);
  });
});

describe("endEnrollment", () => {
  it.each(["FAILED", "WITHDRAWN"] as const)("marks a course %s with a reason, no credit", async (outcome) => {
    const { me, enrollment } = await setup();
    await endEnrollment(me, { enrollmentId: enrollment.id, version: 1, outcome, endedOn: day("2026-10-01"), reason: "Stopped logging in" }, NOW);
    const e = await db().enrollment.findUniqueOrThrow({ where: { id: enrollment.id } });
    expect(e).toMatchObject({ status: outcome, endReason: "Stopped logging in", creditAwarded: null });
    expect(await db().transcriptCourse.count({ where: { enrollmentId: enrollment.id } })).toBe(0);
  });

  it("refuses an end date before the start", async () => {
    const { me, enrollment } = await setup();
    await expect(endEnrollment(me, { enrollmentId: enrollment.id, version: 1, outcome: "FAILED", endedOn: day("2026-08-01"), reason: "x" }, NOW)).rejects.toMatchObject({
      field: "endedOn",
    });
  });
});
