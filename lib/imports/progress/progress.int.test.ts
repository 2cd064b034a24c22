import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { enrollIn, rosterAndAlgebraCourse } from "@/lib/imports/test-course";
import { db } from "@/lib/db";
import { runImport } from "@/lib/imports/run";
import { fixture, writeTemp } from "@/lib/imports/test-helpers";

useTestDatabase();
const HEADER = "provider,student_id,course_code,enrollment_id,assessment,score,max_score,date,attempt,course_status,final_grade\n";
let enrollmentId = "";

beforeAll(async () => {
  const { courseId } = await rosterAndAlgebraCourse();
  enrollmentId = await enrollIn(courseId, "100002");
});

describe("provider progress import", () => {
  it("records results, keeps progress and last activity in step, and completes with credit on the transcript", async () => {
    const r = await runImport(null, "progress", fixture("progress/progress.csv"));
    expect(r.errors).toEqual([]);
    expect(r.counts.results).toMatchObject({ created: 4 });
    expect(r.counts.completions).toMatchObject({ created: 1 });
    const e = await db().enrollment.findUniqueOrThrow({ where: { id: enrollmentId }, include: { results: { include: { assessment: true } }, awardedCredit: true } });
    expect(e).toMatchObject({ status: "COMPLETED", progress: 100, sourceKey: "provider:APEX:APX-7781", version: 2 });
    expect(e.lastActivityOn?.toISOString().slice(0, 10)).toBe("2025-10-20");
    expect(e.endedOn?.toISOString().slice(0, 10)).toBe("2025-10-21");
    expect(Number(e.finalGrade)).toBe(84.5);
    expect(Number(e.creditAwarded)).toBe(1);
    // 45 of 50 is stored on the assessment's own maximum of 100.
    expect(Number(e.results.find((x) => x.assessment.position === 1)!.score)).toBe(90);
    expect(e.results.every((x) => x.source === "IMPORT")).toBe(true);
    expect(e.awardedCredit).toMatchObject({ courseCode: "ALG1-CR", subjectArea: "MATHEMATICS", schoolYear: 2025, term: "ONLINE", grade: "85" });
  });

  it("never double-counts: the same file again changes nothing", async () => {
    const r = await runImport(null, "progress", fixture("progress/progress.csv"));
    expect(r.counts.results).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect(r.counts.enrollments).toMatchObject({ updated: 0, unchanged: 1 });
    expect(r.counts.completions).toMatchObject({ created: 0, unchanged: 1 });
    expect(await db().assessmentResult.count({ where: { enrollmentId } })).toBe(4);
    expect(await db().transcriptCourse.count({ where: { enrollmentId } })).toBe(1);
    expect((await db().enrollment.findUniqueOrThrow({ where: { id: enrollmentId } })).version).toBe(2);
  });

  it("matches a row without an attempt number to the same result, else counts it as the next attempt", async () => {
    const same = writeTemp("p.csv", HEADER + "APEX,100002,ALG1-CR,,3,72,100,2025-10-20,,,\n");
    expect((await runImport(null, "progress", same)).counts.results).toMatchObject({ created: 0, unchanged: 1 });
    const retake = writeTemp("p.csv", HEADER + "APEX,100002,ALG1-CR,,3,95,100,2025-10-22,,,\n");
    expect((await runImport(null, "progress", retake)).counts.results).toMatchObject({ created: 1 });
    expect((await runImport(null, "progress", retake)).counts.results).toMatchObject({ created: 0, unchanged: 1 });
    const attempts = await db().assessmentResult.findMany({ where: { enrollmentId, assessment: { position: 3 } }, orderBy: { attempt: "asc" } });
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2]);
  });

  it("refuses a student without an enrollment unless the district allows creating it", async () => {
    const file = writeTemp("p.csv", HEADER + "APEX,100001,ALG1-CR,APX-9000,1,80,100,2025-10-03,1,,\nAPEX,100001,ALG1-CR,APX-9000,2,50,100,2025-10-05,1,,\n");
    const refused = await runImport(null, "progress", file);
    expect(refused.status).toBe("failed");
    expect(refused.errors[0]).toMatchObject({ line: 2, column: "course_code", value: "ALG1-CR" });
    const ok = await runImport(null, "progress", file, { createEnrollments: true });
    expect(ok.counts.enrollments.created).toBe(1);
    const ana = await db().student.findUniqueOrThrow({ where: { sisId: "100001" }, include: { enrollments: true } });
    expect(ana.enrollments).toHaveLength(1);
    expect(ana.enrollments[0]).toMatchObject({ status: "ACTIVE", progress: 33, sourceKey: "provider:APEX:APX-9000" });
    expect(ana.enrollments[0]!.startDate.toISOString().slice(0, 10)).toBe("2025-10-03");
  });

  it("rejects unknown providers, courses, assessments and scores above the maximum, writing nothing", async () => {
    const count = await db().assessmentResult.count();
    const file = writeTemp(
      "p.csv",
      HEADER +
        "EDGE,100002,ALG1-CR,,1,1,1,2025-10-01,1,,\nAPEX,100002,NOPE,,1,1,1,2025-10-01,1,,\nAPEX,100002,ALG1-CR,,9,1,1,2025-10-01,1,,\nAPEX,100002,ALG1-CR,,1,11,10,2025-10-01,1,,\nAPEX,100002,ALG1-CR,,1,5,10,10/01/2025,1,,\n",
    );
    const r = await runImport(null, "progress", file);
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [5, "score"],
      [6, "date"],
      [2, "provider"],
      [3, "course_code"],
      [4, "assessment"],
    ]);
    expect(await db().assessmentResult.count()).toBe(count);
  });
});

describe("provider progress import: credit follows the one rule (lib/enrollments/credit.ts)", () => {
  let n = 0;
  async function geometry(passingGrade: number | null) {
    const provider = await db().provider.findUniqueOrThrow({ where: { code: "APEX" } });
    const course = await db().onlineCourse.create({
      data: {
        providerId: provider.id,
        providerCourseCode: `GEO-CR-${++n}`,
        title: "Geometry (Credit Recovery)",
        subjectArea: "MATHEMATICS",
        programType: "CREDIT_RECOVERY",
        credits: 1,
        masteryThreshold: 70,
        expectedWeeks: 12,
        passingGrade,
        assessments: {
          create: [
            { position: 1, title: "Unit 1 Quiz", kind: "FORMATIVE", weight: 40, maxScore: 100 },
            { position: 2, title: "Final Exam", kind: "SUMMATIVE", weight: 60, maxScore: 100 },
          ],
        },
      },
      include: { assessments: { orderBy: { position: "asc" } } },
    });
    const dan = await db().student.findUniqueOrThrow({ where: { sisId: "100004" } });
    const enrollment = await db().enrollment.create({ data: { studentId: dan.id, courseId: course.id, startDate: new Date("2025-09-29"), targetDate: new Date("2025-12-22") } });
    return { course, enrollment };
  }
  const unchanged = async (enrollmentId: string) => {
    const e = await db().enrollment.findUniqueOrThrow({ where: { id: enrollmentId }, include: { results: true } });
    expect(e).toMatchObject({ status: "ACTIVE", finalGrade: null, creditAwarded: null, version: 1 });
    expect(e.results).toHaveLength(0);
    expect(await db().transcriptCourse.count({ where: { enrollmentId } })).toBe(0);
  };

  it("a completed row whose final grade is below the passing grade is a line error on final_grade, and the file writes nothing", async () => {
    const { course, enrollment } = await geometry(null);
    const file = writeTemp(
      "p.csv",
      HEADER + `APEX,100004,${course.providerCourseCode},,2,80,100,2025-10-20,1,,\nAPEX,100004,${course.providerCourseCode},,,,,2025-10-21,,completed,54\n`,
    );
    const r = await runImport(null, "progress", file);
    expect(r.status).toBe("failed");
    expect(r.errors).toEqual([
      { file: "p.csv", line: 3, column: "final_grade", value: "54", message: "completed, but credit cannot be awarded: Final grade 54 is below the passing grade 60." },
    ]);
    await unchanged(enrollment.id);
  });

  it("exactly the course's own passing grade passes; a grade 0.01 below it is refused", async () => {
    const { course, enrollment } = await geometry(65);
    const row = (g: string) => writeTemp("p.csv", HEADER + `APEX,100004,${course.providerCourseCode},,,,,2025-10-21,,completed,${g}\n`);
    const refused = await runImport(null, "progress", row("64.99"));
    expect(refused.errors).toMatchObject([{ line: 2, column: "final_grade", value: "64.99", message: expect.stringContaining("below the passing grade 65") }]);
    await unchanged(enrollment.id);
    const ok = await runImport(null, "progress", row("65"));
    expect(ok.errors).toEqual([]);
    const e = await db().enrollment.findUniqueOrThrow({ where: { id: enrollment.id }, include: { awardedCredit: true } });
    expect(e.status).toBe("COMPLETED");
    expect(Number(e.finalGrade)).toBe(65);
    expect(e.awardedCredit).toMatchObject({ grade: "65" });
  });

  it("a summative recorded in CreditTrack below mastery refuses the provider's completion (course_status)", async () => {
    const { course, enrollment } = await geometry(null);
    await db().assessmentResult.create({ data: { enrollmentId: enrollment.id, assessmentId: course.assessments[1]!.id, score: 45, attempt: 1, takenOn: new Date("2025-10-10") } });
    const file = writeTemp("p.csv", HEADER + `APEX,100004,${course.providerCourseCode},,,,,2025-10-21,,completed,90\n`);
    const r = await runImport(null, "progress", file);
    expect(r.errors).toEqual([
      { file: "p.csv", line: 2, column: "course_status", value: "completed", message: "completed, but credit cannot be awarded: Final Exam is at 45%, mastery is 70%." },
    ]);
    expect(await db().transcriptCourse.count({ where: { enrollmentId: enrollment.id } })).toBe(0);
    expect((await db().enrollment.findUniqueOrThrow({ where: { id: enrollment.id } })).status).toBe("ACTIVE");
  });

  it("a row without an attempt number restating two attempts of the same score and day is the first attempt, whatever order they were stored in", async () => {
    const { course, enrollment } = await geometry(null);
    const quiz = course.assessments[0]!.id;
    // Attempt 2 stored before attempt 1: a read in storage order meets it first.
    for (const attempt of [2, 1])
      await db().assessmentResult.create({ data: { enrollmentId: enrollment.id, assessmentId: quiz, score: 80, attempt, takenOn: new Date("2025-10-10") } });
    const file = writeTemp("p.csv", HEADER.replace("\n", ",proctored\n") + `APEX,100004,${course.providerCourseCode},,1,80,100,2025-10-10,,,,yes\n`);
    const r = await runImport(null, "progress", file);
    expect(r.errors).toEqual([]);
    expect(r.counts.results).toMatchObject({ created: 0, updated: 1 });
    const stored = await db().assessmentResult.findMany({ where: { enrollmentId: enrollment.id }, orderBy: { attempt: "asc" }, select: { attempt: true, proctored: true } });
    expect(stored).toEqual([
      { attempt: 1, proctored: true },
      { attempt: 2, proctored: null },
    ]);
  });
});
