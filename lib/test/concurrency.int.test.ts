import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeCourse, makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { ConflictError, DomainError } from "@/lib/safe-action";
import { changeStudentStatus } from "@/lib/students/status";
import { recordAssessmentResults } from "@/lib/enrollments/results";
import { completeEnrollment } from "@/lib/enrollments/complete";
import { enrollStudent } from "@/lib/enrollments/enroll";
import { addNote, editNote } from "@/lib/notes/notes";

// Two sessions act on the same record at the same moment (Promise.all of the data-layer calls,
// both holding the same version). Exactly one wins; the other is told to reload; nothing is lost
// or doubled. Real parallelism happens on PostgreSQL (CI sets DATABASE_URL); PGlite serialises
// the calls, which still exercises the version check.

useTestDatabase();

const NOW = new Date("2026-10-15T15:00:00Z");
const day = (s: string) => new Date(`${s}T00:00:00Z`);
const ROUNDS = 5;

async function setup() {
  const school = await makeSchool();
  const counselor = await makeUser("COUNSELOR", school.id);
  const admin = await makeUser("SCHOOL_ADMIN", school.id);
  const student = await makeStudent(school.id, counselor.id);
  const course = await makeCourse();
  const enrollment = await db().enrollment.create({ data: { studentId: student.id, courseId: course.id, startDate: day("2026-09-01"), targetDate: day("2026-11-10") } });
  return { a: viewerOf(counselor), b: viewerOf(admin), student, course, enrollment, q1: course.assessments[0], exam: course.assessments[2] };
}

/** Both outcomes of a race: one fulfilled, one rejected with the given error class. */
function oneWins(outcomes: PromiseSettledResult<unknown>[], loser: new (...a: never[]) => Error) {
  const won = outcomes.filter((o) => o.status === "fulfilled");
  const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
  expect(won).toHaveLength(1);
  expect(lost).toHaveLength(1);
  expect(lost[0].reason).toBeInstanceOf(loser);
  return won[0] as PromiseFulfilledResult<unknown>;
}

describe("two sessions at once", () => {
  it("status change of the same student: one wins, the other must reload, one status event", async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const { a, b, student } = await setup();
      const base = { studentId: student.id, version: 1, effectiveDate: day("2026-10-01"), confirmed: "yes" as const };
      const outcomes = await Promise.allSettled([
        changeStudentStatus(a, { ...base, kind: "DROPPED_OUT", reason: "Moved away without notice" }, NOW),
        changeStudentStatus(b, { ...base, kind: "TRANSFERRED_OUT", documented: true }, NOW),
      ]);
      const { value } = oneWins(outcomes, ConflictError) as PromiseFulfilledResult<{ status: string }>;
      const s = await db().student.findUniqueOrThrow({ where: { id: student.id } });
      expect(s.version).toBe(2);
      expect(s.status).toBe(value.status);
      const events = await db().statusEvent.findMany({ where: { studentId: student.id } });
      expect(events).toHaveLength(1);
      expect(await db().auditEvent.count({ where: { studentId: student.id, action: "student.status" } })).toBe(1);
    }
  });

  it("results on the same enrollment with the same version: one wins, no lost update", async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const { a, b, enrollment, q1, exam } = await setup();
      const outcomes = await Promise.allSettled([
        recordAssessmentResults(a, { enrollmentId: enrollment.id, version: 1, results: [{ assessmentId: q1.id, score: 90, takenOn: day("2026-09-10") }] }, NOW),
        recordAssessmentResults(b, { enrollmentId: enrollment.id, version: 1, results: [{ assessmentId: exam.id, score: 95, takenOn: day("2026-09-12") }] }, NOW),
      ]);
      oneWins(outcomes, ConflictError);
      const e = await db().enrollment.findUniqueOrThrow({ where: { id: enrollment.id }, include: { results: true } });
      // The stored progress describes exactly the one result that was written (1 of 3 passed).
      expect(e.results).toHaveLength(1);
      expect(e).toMatchObject({ version: 2, progress: 33 });
      expect(e.lastActivityOn).toEqual(e.results[0].takenOn);
    }
  });

  it("the same assessment result recorded twice at once creates one row", async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const { a, enrollment, q1 } = await setup();
      const input = { enrollmentId: enrollment.id, version: 1, results: [{ assessmentId: q1.id, score: 80, takenOn: day("2026-09-10") }] };
      oneWins(await Promise.allSettled([recordAssessmentResults(a, input, NOW), recordAssessmentResults(a, input, NOW)]), ConflictError);
      const rows = await db().assessmentResult.findMany({ where: { enrollmentId: enrollment.id } });
      expect(rows).toHaveLength(1);
      expect(rows[0].attempt).toBe(1);
      expect(await db().auditEvent.count({ where: { entityId: enrollment.id, action: "result.record" } })).toBe(1);
    }
  });

  it("completing while a result is recorded: one wins; a completion always has its transcript credit", async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const { a, b, enrollment, course, exam } = await setup();
      // Every assessment taken, so the final grade (90) passes (lib/enrollments/credit.ts).
      const all = course.assessments;
      await recordAssessmentResults(a, { enrollmentId: enrollment.id, version: 1, results: all.map((x) => ({ assessmentId: x.id, score: 90, takenOn: day("2026-09-10") })) }, NOW);
      const outcomes = await Promise.allSettled([
        completeEnrollment(a, { enrollmentId: enrollment.id, version: 2, finalGrade: 90 }, NOW),
        recordAssessmentResults(b, { enrollmentId: enrollment.id, version: 2, results: [{ assessmentId: exam.id, score: 50, takenOn: day("2026-09-11") }] }, NOW),
      ]);
      oneWins(outcomes, ConflictError);
      const e = await db().enrollment.findUniqueOrThrow({ where: { id: enrollment.id }, include: { results: true } });
      const credits = await db().transcriptCourse.count({ where: { enrollmentId: enrollment.id } });
      expect(e.version).toBe(3);
      if (e.status === "COMPLETED") expect([credits, e.results.length]).toEqual([1, all.length]);
      else expect([e.status, credits, e.results.length]).toEqual(["ACTIVE", 0, all.length + 1]);
    }
  });

  it("the same note edited by its author in two tabs: one wins, the other must reload", async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const { a, student } = await setup();
      const { id } = await addNote(a, { studentId: student.id, kind: "CHECK_IN", body: "first" });
      const outcomes = await Promise.allSettled([
        editNote(a, { noteId: id, version: 1, kind: "CHECK_IN", body: "tab one" }),
        editNote(a, { noteId: id, version: 1, kind: "OTHER", body: "tab two" }),
      ]);
      oneWins(outcomes, ConflictError);
      const note = await db().note.findUniqueOrThrow({ where: { id } });
      expect(note.version).toBe(2);
      const winner = outcomes[0].status === "fulfilled" ? "tab one" : "tab two";
      expect(note.body).toBe(winner);
      expect(await db().auditEvent.count({ where: { entityId: id, action: "note.edit" } })).toBe(1);
    }
  });

  it("two enrollments of the same student in the same course: one wins, the other gets a clear refusal", async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const { a, b, student } = await setup();
      const course = await makeCourse();
      const input = { studentId: student.id, courseId: course.id, startDate: day("2026-09-01") };
      const outcomes = await Promise.allSettled([enrollStudent(a, input), enrollStudent(b, input)]);
      oneWins(outcomes, DomainError);
      const lost = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected")!;
      expect(lost.reason).toMatchObject({ field: "courseId", message: expect.stringMatching(/already has an active enrollment/) });
      expect(await db().enrollment.count({ where: { studentId: student.id, courseId: course.id } })).toBe(1);
      expect(await db().auditEvent.count({ where: { studentId: student.id, action: "enrollment.create" } })).toBe(1);
    }
  });
});
