import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { runValidated } from "@/lib/safe-action";
import { enrollStudent } from "@/lib/enrollments/enroll";
import { recordAssessmentResults } from "@/lib/enrollments/results";
import { completeEnrollment } from "@/lib/enrollments/complete";
import { getStudentRecord } from "@/lib/students/record";
import { runImport } from "@/lib/imports/run";
import { writeTemp } from "@/lib/imports/test-helpers";
import { courseActiveSchema, courseIdSchema, courseSchema, providerSchema } from "./schema";
import { deleteCourse, saveCourse, saveProvider, setCourseActive } from "./manage";
import { moveEnrollmentsToCurrent } from "./move";
import { catalogCsv } from "./export";

useTestDatabase();

const NOW = new Date("2026-10-15T15:00:00Z");
const day = (s: string) => new Date(`${s}T00:00:00Z`);

async function people() {
  const school = await makeSchool();
  const admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
  const counselor = viewerOf(await makeUser("COUNSELOR", school.id));
  const student = () => makeStudent(school.id, counselor.id);
  return { school, admin, counselor, student, schoolAdmin: viewerOf(await makeUser("SCHOOL_ADMIN", school.id)) };
}

async function provider(admin: Parameters<typeof saveProvider>[0], code = `P${Math.random().toString(36).slice(2, 8).toUpperCase()}`) {
  const r = await runValidated(admin, providerSchema, saveProvider, { code, name: `Provider ${code}` });
  if (!r.ok) throw new Error(r.message);
  return r.data.id;
}

type A = [position: number, title: string, kind: string, maxScore: number, weight: number];
/** The course form as the page posts it. */
function form(providerId: string, assessments: A[], over: Record<string, string> = {}) {
  const f: Record<string, string> = {
    providerId,
    providerCourseCode: `C${Math.random().toString(36).slice(2, 8)}`,
    title: "Geometry (Credit Recovery)",
    subjectArea: "MATHEMATICS",
    programType: "CREDIT_RECOVERY",
    credits: "1",
    expectedWeeks: "10",
    masteryThreshold: "70",
    passingGrade: "",
    recovers: "MTH201; MTH202",
  };
  assessments.forEach(([p, t, k, m, w], i) =>
    Object.assign(f, { [`a${i}_position`]: String(p), [`a${i}_title`]: t, [`a${i}_kind`]: k, [`a${i}_maxScore`]: String(m), [`a${i}_weight`]: String(w) }),
  );
  return { ...f, ...over };
}
const TWO: A[] = [
  [1, "Quiz", "FORMATIVE", 100, 40],
  [2, "Exam", "SUMMATIVE", 50, 60],
];

async function addCourse(admin: Parameters<typeof saveProvider>[0], assessments: A[] = TWO, over: Record<string, string> = {}) {
  const providerId = await provider(admin);
  const f = form(providerId, assessments, over);
  const r = await runValidated(admin, courseSchema, saveCourse, f);
  if (!r.ok) throw new Error(`${r.message} ${JSON.stringify(r.fieldErrors)}`);
  return { id: r.data.id, form: f };
}

describe("Catalog page actions", () => {
  it("adds a provider and a course with two assessments, passing grade and the SIS codes it recovers, audited", async () => {
    const { admin } = await people();
    const { id } = await addCourse(admin, TWO, { passingGrade: "65" });
    const c = await db().onlineCourse.findUniqueOrThrow({ where: { id }, include: { assessments: { orderBy: { position: "asc" } } } });
    expect(c).toMatchObject({ passingGrade: 65, recovers: ["MTH201", "MTH202"], currentVersion: 1, active: true });
    expect(c.assessments.map((a) => [a.version, a.position, a.kind, Number(a.maxScore), Number(a.weight)])).toEqual([
      [1, 1, "FORMATIVE", 100, 40],
      [1, 2, "SUMMATIVE", 50, 60],
    ]);
    expect(await db().auditEvent.count({ where: { action: "catalog.course.create", entityId: id } })).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "catalog.provider.create", entityId: c.providerId } })).toBe(1);
  });

  it("answers bad input field by field and writes nothing", async () => {
    const { admin } = await people();
    const providerId = await provider(admin);
    const before = await db().onlineCourse.count();
    const bad = await runValidated(
      admin,
      courseSchema,
      saveCourse,
      form(
        providerId,
        [
          [1, "Quiz", "quiz", 0, 40],
          [1, "", "SUMMATIVE", 50, 50],
        ],
        { credits: "abc", subjectArea: "" },
      ),
    );
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.fieldErrors).toMatchObject({
      credits: [expect.stringMatching(/number/)],
      subjectArea: ["Choose the subject area"],
      a0_kind: [expect.stringMatching(/formative or summative/)],
      a0_maxScore: [expect.stringMatching(/at least 0.01/)],
      a1_title: ["Enter the assessment's title"],
    });
    const sums = await runValidated(
      admin,
      courseSchema,
      saveCourse,
      form(providerId, [
        [1, "Quiz", "FORMATIVE", 100, 40],
        [1, "Exam", "FORMATIVE", 100, 50],
      ]),
    );
    expect(!sums.ok && sums.fieldErrors).toMatchObject({
      a1_position: [expect.stringMatching(/Position 1 is used twice/)],
      assessments: [expect.stringMatching(/add up to 90; they must add up to 100/), expect.stringMatching(/At least one assessment must be summative/)],
    });
    const none = await runValidated(admin, courseSchema, saveCourse, form(providerId, []));
    expect(!none.ok && none.fieldErrors?.assessments).toEqual(["A course needs at least one assessment."]);
    const dupCode = await runValidated(admin, providerSchema, saveProvider, { code: (await db().provider.findUniqueOrThrow({ where: { id: providerId } })).code, name: "Again" });
    expect(!dupCode.ok && dupCode.fieldErrors?.code).toEqual(["Another provider has this code."]);
    expect(await db().onlineCourse.count()).toBe(before);
  });

  it("is for district administrators only", async () => {
    const { admin, counselor, schoolAdmin } = await people();
    const { id, form: f } = await addCourse(admin);
    for (const v of [counselor, schoolAdmin]) {
      expect(await runValidated(v, courseSchema, saveCourse, { ...f, courseId: id, title: "Hijacked" })).toMatchObject({ ok: false, message: "You do not have access to this." });
      expect(await runValidated(v, courseActiveSchema, setCourseActive, { courseId: id, active: "false" })).toMatchObject({
        ok: false,
        message: "You do not have access to this.",
      });
      expect(await runValidated(v, courseIdSchema, deleteCourse, { courseId: id, confirmed: "yes" })).toMatchObject({ ok: false, message: "You do not have access to this." });
    }
    expect((await db().onlineCourse.findUniqueOrThrow({ where: { id } })).title).not.toBe("Hijacked");
  });

  it("retires a course (no new enrollments) and deletes only a course nobody ever enrolled in", async () => {
    const { admin, counselor, student } = await people();
    const used = await addCourse(admin);
    const s = await student();
    await enrollStudent(counselor, { studentId: s.id, courseId: used.id, startDate: day("2026-09-01") });
    const refused = await runValidated(admin, courseIdSchema, deleteCourse, { courseId: used.id, confirmed: "yes" });
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/has 1 enrollment and cannot be deleted: retire it instead/) });
    expect(await runValidated(admin, courseActiveSchema, setCourseActive, { courseId: used.id, active: "false" })).toMatchObject({ ok: true });
    await expect(enrollStudent(counselor, { studentId: (await student()).id, courseId: used.id, startDate: day("2026-09-01") })).rejects.toThrow(/active catalog course/);
    expect(await db().auditEvent.count({ where: { action: "catalog.course.retire", entityId: used.id } })).toBe(1);

    const unused = await addCourse(admin);
    expect(await runValidated(admin, courseIdSchema, deleteCourse, { courseId: unused.id, confirmed: "yes" })).toMatchObject({ ok: true });
    expect(await db().onlineCourse.findUnique({ where: { id: unused.id } })).toBeNull();
    expect(await db().courseAssessment.count({ where: { courseId: unused.id } })).toBe(0);
    expect(await db().auditEvent.count({ where: { action: "catalog.course.delete", entityId: unused.id } })).toBe(1);
  });
});

describe("course versions", () => {
  it("a new weight is version 2: the active enrollment's progress and final grade do not move, a new enrollment gets the new set", async () => {
    const { admin, counselor, student } = await people();
    // Quiz 40% + Exam 60% (exam out of 50).
    const { id: courseId, form: f } = await addCourse(admin);
    const s1 = await student();
    const { id: e1 } = await enrollStudent(counselor, { studentId: s1.id, courseId, startDate: day("2026-09-01") });
    const v1 = await db().courseAssessment.findMany({ where: { courseId, version: 1 }, orderBy: { position: "asc" } });
    await recordAssessmentResults(
      counselor,
      {
        enrollmentId: e1,
        version: 1,
        results: [
          { assessmentId: v1[0]!.id, score: 50, takenOn: day("2026-09-10") },
          { assessmentId: v1[1]!.id, score: 45, takenOn: day("2026-09-11") },
        ],
      },
      NOW,
    );
    const before = (await getStudentRecord(counselor, s1.id, day("2026-10-15"))).enrollments[0]!;
    expect(before.gradeToDate).toBe(74); // 0.4 × 50 + 0.6 × 90

    // Weights 40/60 → 80/20, and a third assessment: a grading change.
    const changed = await runValidated(admin, courseSchema, saveCourse, {
      ...form(f.providerId!, [
        [1, "Quiz", "FORMATIVE", 100, 70],
        [2, "Exam", "SUMMATIVE", 50, 20],
        [3, "Project", "SUMMATIVE", 100, 10],
      ]),
      courseId,
      providerCourseCode: f.providerCourseCode!,
      loadedVersion: "1",
    });
    expect(changed).toMatchObject({ ok: true, data: { version: 2, newVersion: true } });
    expect((await db().onlineCourse.findUniqueOrThrow({ where: { id: courseId } })).currentVersion).toBe(2);

    // The active enrollment stays on version 1: same set, same progress, same grade.
    const after = (await getStudentRecord(counselor, s1.id, day("2026-10-15"))).enrollments[0]!;
    expect(after.assessments.map((a) => a.id)).toEqual(v1.map((a) => a.id));
    expect([after.gradeToDate, after.progress, after.canComplete]).toEqual([before.gradeToDate, before.progress, true]);
    const done = await completeEnrollment(counselor, { enrollmentId: e1, version: 2, finalGrade: 74 }, NOW);
    expect(done).toBeTruthy();
    expect(Number((await db().enrollment.findUniqueOrThrow({ where: { id: e1 } })).finalGrade)).toBe(74);

    // A new enrollment starts on version 2 and sees its three assessments.
    const s2 = await student();
    const { id: e2 } = await enrollStudent(counselor, { studentId: s2.id, courseId, startDate: day("2026-09-01") });
    expect((await db().enrollment.findUniqueOrThrow({ where: { id: e2 } })).courseVersion).toBe(2);
    const fresh = (await getStudentRecord(counselor, s2.id, day("2026-10-15"))).enrollments[0]!;
    expect(fresh.assessments.map((a) => [a.position, a.weight])).toEqual([
      [1, 70],
      [2, 20],
      [3, 10],
    ]);
    // Version 1's assessments are not part of the new enrollment's course.
    await expect(
      recordAssessmentResults(counselor, { enrollmentId: e2, version: 1, results: [{ assessmentId: v1[0]!.id, score: 10, takenOn: day("2026-09-10") }] }, NOW),
    ).rejects.toThrow(/not part of the course/);
  });

  it("refuses an edit made on a form loaded before the assessments changed", async () => {
    const { admin } = await people();
    const { id, form: f } = await addCourse(admin);
    const edit = (w: number) =>
      runValidated(admin, courseSchema, saveCourse, {
        ...form(f.providerId!, [
          [1, "Quiz", "FORMATIVE", 100, w],
          [2, "Exam", "SUMMATIVE", 50, 100 - w],
        ]),
        courseId: id,
        providerCourseCode: f.providerCourseCode!,
        loadedVersion: "1",
      });
    expect(await edit(30)).toMatchObject({ ok: true, data: { version: 2 } });
    expect(await edit(20)).toMatchObject({ ok: false, message: expect.stringMatching(/changed by someone else/) });
  });

  it("two grading edits at once without a loaded version: versions 2 and 3, not a duplicate-code error", async () => {
    const { admin } = await people();
    const { id, form: f } = await addCourse(admin);
    const edit = (w: number) =>
      runValidated(admin, courseSchema, saveCourse, {
        ...form(f.providerId!, [
          [1, "Quiz", "FORMATIVE", 100, w],
          [2, "Exam", "SUMMATIVE", 50, 100 - w],
        ]),
        courseId: id,
        providerCourseCode: f.providerCourseCode!,
      });
    const results = await Promise.all([edit(30), edit(20)]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect((await db().onlineCourse.findUniqueOrThrow({ where: { id } })).currentVersion).toBe(3);
  });

  it("a title, credits or weeks change is not a new version", async () => {
    const { admin } = await people();
    const { id, form: f } = await addCourse(admin);
    const r = await runValidated(admin, courseSchema, saveCourse, {
      ...f,
      courseId: id,
      title: "Geometry A",
      credits: "0.5",
      expectedWeeks: "12",
      a0_title: "Quiz One",
      loadedVersion: "1",
    });
    expect(r).toMatchObject({ ok: true, data: { version: 1, newVersion: false } });
    const c = await db().onlineCourse.findUniqueOrThrow({ where: { id }, include: { assessments: { orderBy: { position: "asc" } } } });
    expect([c.title, Number(c.credits), c.expectedWeeks, c.currentVersion, c.assessments.map((a) => a.title)]).toEqual(["Geometry A", 0.5, 12, 1, ["Quiz One", "Exam"]]);
  });

  it("an administrator moves active enrollments by position, audited; one with a result the new set lacks stays", async () => {
    const { admin, counselor, student } = await people();
    const { id: courseId, form: f } = await addCourse(admin);
    const v1 = await db().courseAssessment.findMany({ where: { courseId, version: 1 }, orderBy: { position: "asc" } });
    const sA = await student();
    const sB = await student();
    const { id: eA } = await enrollStudent(counselor, { studentId: sA.id, courseId, startDate: day("2026-09-01") });
    const { id: eB } = await enrollStudent(counselor, { studentId: sB.id, courseId, startDate: day("2026-09-01") });
    await recordAssessmentResults(counselor, { enrollmentId: eA, version: 1, results: [{ assessmentId: v1[0]!.id, score: 80, takenOn: day("2026-09-10") }] }, NOW);
    await recordAssessmentResults(counselor, { enrollmentId: eB, version: 1, results: [{ assessmentId: v1[1]!.id, score: 40, takenOn: day("2026-09-10") }] }, NOW);
    // Version 2 drops position 2 and makes position 1 out of 200.
    await runValidated(admin, courseSchema, saveCourse, {
      ...form(f.providerId!, [
        [1, "Quiz", "FORMATIVE", 200, 50],
        [3, "Final", "SUMMATIVE", 100, 50],
      ]),
      courseId,
      providerCourseCode: f.providerCourseCode!,
    });

    expect(await moveEnrollmentsToCurrent(counselor, { courseId }).catch((e) => e.message)).toBe("You do not have access to this.");
    const r = await runValidated(admin, courseIdSchema, moveEnrollmentsToCurrent, { courseId, confirmed: "yes" });
    expect(r).toMatchObject({ ok: true, data: { moved: 1, to: 2, kept: [{ enrollmentId: eB, from: 1, missing: [2] }] } });
    const a = await db().enrollment.findUniqueOrThrow({ where: { id: eA }, include: { results: { include: { assessment: true } } } });
    expect(a.courseVersion).toBe(2);
    expect(a.results.map((x) => [x.assessment.version, x.assessment.position, Number(x.score)])).toEqual([[2, 1, 160]]); // 80% kept
    expect(a.progress).toBe(50); // one of two passed
    expect((await db().enrollment.findUniqueOrThrow({ where: { id: eB } })).courseVersion).toBe(1);
    const ev = await db().auditEvent.findFirstOrThrow({ where: { action: "enrollment.version", entityId: eA } });
    expect(ev).toMatchObject({ studentId: sA.id, details: { from: 1, to: 2, courseId } });
  });

  it("provider progress for an enrollment on version 1 is read against version 1; --create-enrollments starts on the current one", async () => {
    const { admin, counselor, student } = await people();
    const { id: courseId, form: f } = await addCourse(admin);
    const s = await student();
    const { id: e1 } = await enrollStudent(counselor, { studentId: s.id, courseId, startDate: day("2026-09-01") });
    await runValidated(admin, courseSchema, saveCourse, {
      ...form(f.providerId!, [
        [1, "Quiz", "FORMATIVE", 100, 100],
        [2, "Exam", "SUMMATIVE", 100, 0],
      ]),
      courseId,
      providerCourseCode: f.providerCourseCode!,
    });
    const code = (await db().provider.findUniqueOrThrow({ where: { id: f.providerId! } })).code;
    const head = "provider,student_id,course_code,enrollment_id,assessment,score,max_score,date,attempt,course_status,final_grade\n";
    // 45 of 50 on version 1's exam (max 50): stored as 45, not rescaled to version 2's 100.
    const r = await runImport(null, "progress", writeTemp("p.csv", head + `${code},${s.sisId},${f.providerCourseCode},,2,45,50,2026-09-12,1,,\n`));
    expect(r.errors).toEqual([]);
    const res = await db().assessmentResult.findFirstOrThrow({ where: { enrollmentId: e1 }, include: { assessment: true } });
    expect([res.assessment.version, Number(res.score)]).toEqual([1, 45]);
    const other = await student();
    const created = await runImport(null, "progress", writeTemp("p.csv", head + `${code},${other.sisId},${f.providerCourseCode},,1,90,100,2026-09-12,1,,\n`), {
      createEnrollments: true,
    });
    expect(created.errors).toEqual([]);
    expect((await db().enrollment.findFirstOrThrow({ where: { studentId: other.id } })).courseVersion).toBe(2);
  });
});

describe("catalog download", () => {
  it("is the import's CSV: importing the download back changes nothing", async () => {
    const { admin } = await people();
    await addCourse(
      admin,
      [
        [1, "Essay, part 1", "FORMATIVE", 20, 33.33],
        [2, 'Essay "final"', "SUMMATIVE", 100, 66.67],
      ],
      { passingGrade: "65", recovers: "ENG101|ENG102" },
    );
    // A provider's own overdue days (Settings) go out and come back too.
    await db().provider.updateMany({ data: { staleAfterDays: 4 } });
    let csv = "";
    for await (const chunk of catalogCsv()) csv += chunk;
    expect(csv.split("\r\n")[0]).toBe(
      "provider_code,provider_name,course_code,title,subject_area,credits,program_type,expected_weeks,mastery_threshold,passing_grade,recovers,active,assessment_position,assessment_title,assessment_kind,max_score,weight,stale_after_days",
    );
    expect(csv).toContain(',mathematics,1,credit_recovery,10,70,65,ENG101;ENG102,Y,1,"Essay, part 1",formative,20,33.33,4\r\n');
    const file = writeTemp("catalog.csv", csv);
    const r = await runImport(null, "catalog", file);
    expect(r.errors).toEqual([]);
    expect(r.counts.courses).toMatchObject({ created: 0, updated: 0 });
    expect(r.counts.providers).toMatchObject({ created: 0, updated: 0 });
    fs.rmSync(file);
  });
});
