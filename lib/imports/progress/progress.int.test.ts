import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { runImport } from "@/lib/imports/run";
import { fixture, writeTemp } from "@/lib/imports/test-helpers";

useTestDatabase();
const HEADER = "provider,student_id,course_code,enrollment_id,assessment,score,max_score,date,attempt,course_status,final_grade\n";
let enrollmentId = "";

beforeAll(async () => {
  await runImport(null, "oneroster", fixture("oneroster-1.1"), { asOf: new Date("2025-10-01T12:00:00Z") });
  const provider = await db().provider.create({ data: { code: "APEX", name: "Apex Learning" } });
  const course = await db().onlineCourse.create({
    data: {
      providerId: provider.id, providerCourseCode: "ALG1-CR", title: "Algebra I (Credit Recovery)", subjectArea: "MATHEMATICS", programType: "CREDIT_RECOVERY",
      credits: 1, masteryThreshold: 70, expectedWeeks: 12,
      assessments: {
        create: [
          { position: 1, title: "Unit 1 Quiz", kind: "FORMATIVE", weight: 25, maxScore: 100 },
          { position: 2, title: "Unit 2 Quiz", kind: "FORMATIVE", weight: 25, maxScore: 100 },
          { position: 3, title: "Final Exam", kind: "SUMMATIVE", weight: 50, maxScore: 100 },
        ],
      },
    },
  });
  const ben = await db().student.findUniqueOrThrow({ where: { sisId: "100002" } });
  enrollmentId = (await db().enrollment.create({ data: { studentId: ben.id, courseId: course.id, startDate: new Date("2025-09-29"), targetDate: new Date("2025-12-22") } })).id;
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
      HEADER + "EDGE,100002,ALG1-CR,,1,1,1,2025-10-01,1,,\nAPEX,100002,NOPE,,1,1,1,2025-10-01,1,,\nAPEX,100002,ALG1-CR,,9,1,1,2025-10-01,1,,\nAPEX,100002,ALG1-CR,,1,11,10,2025-10-01,1,,\nAPEX,100002,ALG1-CR,,1,5,10,10/01/2025,1,,\n",
    );
    const r = await runImport(null, "progress", file);
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([[5, "score"], [6, "date"], [2, "provider"], [3, "course_code"], [4, "assessment"]]);
    expect(await db().assessmentResult.count()).toBe(count);
  });
});
