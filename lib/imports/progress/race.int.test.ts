import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeCourse, makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { openSource } from "@/lib/imports/source";
import { ImportFileError } from "@/lib/imports/report";
import { runImport } from "@/lib/imports/run";
import { writeTemp } from "@/lib/imports/test-helpers";
import { completeEnrollment } from "@/lib/enrollments/complete";
import { reverseCredit } from "@/lib/enrollments/credit-review";
import { readProviderProgress, writeProviderProgress } from "./index";

// A progress import reads the state, plans, then writes in one transaction. Whatever an
// administrator or a counselor changes on a touched enrollment between the read and the write
// (a credit reversal, a completion, a result) must not be overwritten by the stale plan.

useTestDatabase();

const HEADER = "provider,student_id,course_code,enrollment_id,assessment,score,max_score,date,attempt,course_status,final_grade\n";
const NOW = new Date("2026-10-15T15:00:00Z");
const day = (s: string) => new Date(`${s}T00:00:00Z`);

async function setup() {
  const school = await makeSchool();
  const counselor = await makeUser("COUNSELOR", school.id);
  const admin = await makeUser("DISTRICT_ADMIN", null);
  const student = await makeStudent(school.id, counselor.id);
  const course = await makeCourse({ formative: 2, summative: 1 });
  const enrollment = await db().enrollment.create({ data: { studentId: student.id, courseId: course.id, startDate: day("2026-09-01"), targetDate: day("2026-11-10") } });
  return { counselor: viewerOf(counselor), admin: viewerOf(admin), student, course, enrollment };
}

/** The import's two steps, as runImport runs them, with the run record they write to. */
async function steps(csv: string) {
  const source = await openSource(writeTemp("progress.csv", HEADER + csv));
  const run = await db().importRun.create({ data: { kind: "progress", fileName: source.name, checksum: source.checksum, status: "running" } });
  const ctx = { viewer: null, source, opts: {}, runId: run.id };
  const read = await readProviderProgress(ctx);
  return { read, write: () => writeProviderProgress(ctx, read) };
}

const refusal = async (write: () => Promise<unknown>) => {
  const e = await write().then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ImportFileError);
  return (e as ImportFileError).errors;
};

describe("a progress import never writes over a change made while the file was read", () => {
  it("refuses the file when an administrator reverses the credit in between: no credit comes back without its transcript row", async () => {
    const s = await setup();
    const [quiz] = s.course.assessments;
    // Completed under the old rule: credit with a final grade of 54, on the transcript.
    await db().enrollment.update({ where: { id: s.enrollment.id }, data: { status: "COMPLETED", finalGrade: 54, creditAwarded: 1, endedOn: day("2026-10-01") } });
    await db().transcriptCourse.create({
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
    const { version } = await db().enrollment.findUniqueOrThrow({ where: { id: s.enrollment.id } });
    const { read, write } = await steps(`TESTPROV,${s.student.sisId},${s.course.providerCourseCode},,${quiz!.position},80,100,2026-09-20,1,,\n`);
    expect(read.report.errors).toEqual([]);
    expect(read.plan.enrollments.update).toHaveLength(1);

    await reverseCredit(s.admin, { enrollmentId: s.enrollment.id, version, reason: "below passing" });
    const errors = await refusal(write);
    expect(errors).toEqual([
      {
        file: "progress.csv",
        line: 2,
        column: "student_id",
        value: s.student.sisId,
        message: `The enrollment of student ${s.student.sisId} in ${s.course.providerCourseCode} changed while the file was read (a result, a completion or a credit reversal was recorded meanwhile); nothing was written: import the file again.`,
      },
    ]);
    const e = await db().enrollment.findUniqueOrThrow({ where: { id: s.enrollment.id } });
    expect(e).toMatchObject({ status: "FAILED", creditAwarded: null, version: version + 1 });
    expect(await db().transcriptCourse.count({ where: { enrollmentId: s.enrollment.id } })).toBe(0);
    expect(await db().assessmentResult.count({ where: { enrollmentId: s.enrollment.id } })).toBe(0);
  });

  it("refuses the file when a counselor completes the course in between, with a clear message instead of a failed insert", async () => {
    const s = await setup();
    for (const a of s.course.assessments)
      await db().assessmentResult.create({ data: { enrollmentId: s.enrollment.id, assessmentId: a.id, score: 90, attempt: 1, takenOn: day("2026-09-20") } });
    const { read, write } = await steps(`TESTPROV,${s.student.sisId},${s.course.providerCourseCode},,,,,2026-10-02,,completed,88\n`);
    expect(read.report.errors).toEqual([]);
    expect(read.plan.credits).toHaveLength(1);

    await completeEnrollment(s.counselor, { enrollmentId: s.enrollment.id, version: 1, finalGrade: 90 }, NOW);
    const errors = await refusal(write);
    expect(errors).toMatchObject([{ line: 2, message: expect.stringMatching(/changed while the file was read.*nothing was written: import the file again\.$/) }]);
    const e = await db().enrollment.findUniqueOrThrow({ where: { id: s.enrollment.id }, include: { awardedCredit: true } });
    expect(e).toMatchObject({ status: "COMPLETED", version: 2 });
    expect(Number(e.finalGrade)).toBe(90);
    expect(e.awardedCredit).toMatchObject({ grade: "90" });
    expect(await db().transcriptCourse.count({ where: { enrollmentId: s.enrollment.id } })).toBe(1);
  });

  it("refuses the file when a result is recorded in between; the same file imported again then applies", async () => {
    const s = await setup();
    const [quiz] = s.course.assessments;
    const { write } = await steps(`TESTPROV,${s.student.sisId},${s.course.providerCourseCode},,${quiz!.position},80,100,2026-09-20,1,,\n`);
    // A counselor records a result meanwhile (it bumps the enrollment's version).
    await db().enrollment.update({ where: { id: s.enrollment.id }, data: { version: { increment: 1 } } });
    await refusal(write);
    const again = await runImport(
      null,
      "progress",
      writeTemp("progress.csv", HEADER + `TESTPROV,${s.student.sisId},${s.course.providerCourseCode},,${quiz!.position},80,100,2026-09-20,1,,\n`),
    );
    expect(again).toMatchObject({ status: "succeeded", errors: [] });
    expect(await db().assessmentResult.count({ where: { enrollmentId: s.enrollment.id } })).toBe(1);
  });

  it("bumps the version of every enrollment it writes, even when only a result changes", async () => {
    const s = await setup();
    const [quiz] = s.course.assessments;
    // A later result holds last activity and progress: an older attempt changes neither.
    await db().assessmentResult.create({ data: { enrollmentId: s.enrollment.id, assessmentId: quiz!.id, score: 90, attempt: 2, takenOn: day("2026-09-25") } });
    await db().enrollment.update({ where: { id: s.enrollment.id }, data: { progress: 33, lastActivityOn: day("2026-09-25") } });
    const r = await runImport(
      null,
      "progress",
      writeTemp("progress.csv", HEADER + `TESTPROV,${s.student.sisId},${s.course.providerCourseCode},,${quiz!.position},50,100,2026-09-10,1,,\n`),
    );
    expect(r).toMatchObject({ status: "succeeded", counts: { results: { created: 1 }, enrollments: { unchanged: 1 } } });
    expect((await db().enrollment.findUniqueOrThrow({ where: { id: s.enrollment.id } })).version).toBe(2);
  });
});
