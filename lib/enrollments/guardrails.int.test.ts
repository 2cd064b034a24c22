import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeCourse, makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { runValidated } from "@/lib/safe-action";
import { getStudentRecord } from "@/lib/students/record";
import { enrollIn, rosterAndAlgebraCourse } from "@/lib/imports/test-course";
import { runImport } from "@/lib/imports/run";
import { writeTemp } from "@/lib/imports/test-helpers";
import type { GuardrailMode } from "@/lib/generated/prisma/enums";
import { recordAssessmentResults } from "./results";
import { completeEnrollment } from "./complete";
import { enrollStudent } from "./enroll";
import { completeSchema, recordResultsApiSchema, recordResultsSchema } from "./schema";
import { qualityRows } from "@/lib/sql/queries/quality-rows";
import { programRows } from "@/lib/sql/queries/program-rows";
import { getQualityDrill } from "@/lib/reports/queries";

// Issue #18's rigor guardrails, enforced in the one credit rule on every path that awards credit:
// the card's complete action and the provider progress import; and when enrolling.

useTestDatabase();

const NOW = new Date("2026-09-10T15:00:00Z"); // 9 days after the start
const day = (s: string) => new Date(`${s}T00:00:00Z`);
/** The credit-recovery policy, exactly these limits (the others cleared). */
const policy = async (data: {
  mode?: GuardrailMode;
  minDaysEnrolled?: number;
  requireProctoredSummative?: boolean;
  maxConcurrentPerStudent?: number;
  minActiveMinutesPerCredit?: number;
  maxAttemptsPerAssessment?: number;
}) => {
  await db().rigorPolicy.deleteMany({});
  await db().rigorPolicy.create({ data: { programType: "CREDIT_RECOVERY", ...data } });
};

/** A credit-recovery course (1 quiz, 1 exam) with both at 90% recorded, started 2026-09-01. */
async function passedCourse(opts: { proctored?: "yes" | "no" | "" } = {}) {
  const school = await makeSchool();
  const counselor = await makeUser("COUNSELOR", school.id);
  const admin = await makeUser("SCHOOL_ADMIN", school.id);
  const student = await makeStudent(school.id, counselor.id);
  const course = await makeCourse({ formative: 1, summative: 1 });
  const enrollment = await db().enrollment.create({ data: { studentId: student.id, courseId: course.id, startDate: day("2026-09-01"), targetDate: day("2026-11-10") } });
  const me = viewerOf(counselor);
  const form = {
    enrollmentId: enrollment.id,
    version: "1",
    takenOn: "2026-09-09",
    proctored: opts.proctored ?? "",
    ...Object.fromEntries(course.assessments.map((a) => [`score_${a.id}`, "90"])),
  };
  const r = await runValidated(me, recordResultsSchema, (v, input) => recordAssessmentResults(v, input, NOW), form);
  expect(r.ok).toBe(true);
  return { me, admin: viewerOf(admin), student, course, enrollment };
}
type Passed = Awaited<ReturnType<typeof passedCourse>>;
const complete = (viewer: Passed["me"], s: Passed, extra: Record<string, unknown> = {}) =>
  runValidated(viewer, completeSchema, (v, input) => completeEnrollment(v, input, NOW), { enrollmentId: s.enrollment.id, version: "2", finalGrade: "90", ...extra });

describe("the card's complete action", () => {
  it("refuses credit with the reason under a refuse policy, and the card says so before anyone tries", async () => {
    // The results were taken on 2026-09-09: the work was finished 8 days after the start.
    const finished8 = "Finished 8 days after the start; the district's minimum is 9 days.";
    await policy({ mode: "REFUSE", minDaysEnrolled: 9 });
    const s = await passedCourse();
    const card = (await getStudentRecord(s.me, s.student.id, NOW)).enrollments[0]!;
    expect(card.canComplete).toBe(false);
    expect(card.credit).toMatchObject({ ok: false, overridable: false, failing: { guardrails: [finished8] } });
    expect(await complete(s.me, s)).toEqual({ ok: false, message: `Credit cannot be awarded: District rigor policy: ${finished8}` });
    // Refuse mode: not even an administrator's override.
    expect(await complete(s.admin, s, { overrideReason: "The student finished early with a teacher present." })).toMatchObject({ ok: false });
    // Waiting before confirming does not lengthen the course: a month later it is still 8 days.
    const completeOn = (at: string) =>
      runValidated(s.me, completeSchema, (v, input) => completeEnrollment(v, input, new Date(at)), { enrollmentId: s.enrollment.id, version: "2", finalGrade: "90" });
    expect(await completeOn("2026-10-10T15:00:00Z")).toMatchObject({ ok: false, message: expect.stringContaining(finished8) });
    expect(await db().enrollment.findUniqueOrThrow({ where: { id: s.enrollment.id } })).toMatchObject({ status: "ACTIVE", creditAwarded: null });
    // Exactly the minimum passes.
    await policy({ mode: "REFUSE", minDaysEnrolled: 8 });
    expect((await getStudentRecord(s.me, s.student.id, NOW)).enrollments[0]!.canComplete).toBe(true);
    expect((await completeOn("2026-09-10T15:00:00Z")).ok).toBe(true);
  });

  it("under a warn policy, needs an administrator's override with a written reason, kept and audited", async () => {
    await policy({ mode: "WARN", minDaysEnrolled: 9 });
    const s = await passedCourse();
    const card = (await getStudentRecord(s.admin, s.student.id, NOW)).enrollments[0]!;
    expect(card.credit).toMatchObject({ ok: false, overridable: true });
    // A counselor cannot override.
    expect(await complete(s.me, s)).toMatchObject({ ok: false, message: expect.stringContaining("An administrator may override this with a written reason.") });
    expect(await complete(s.me, s, { overrideReason: "I think it is fine to award." })).toMatchObject({
      ok: false,
      fieldErrors: { overrideReason: [expect.stringContaining("administrator")] },
    });
    // An administrator must give the reason.
    expect(await complete(s.admin, s)).toMatchObject({ ok: false, fieldErrors: { overrideReason: [expect.stringContaining("District rigor policy")] } });
    expect(await complete(s.admin, s, { overrideReason: "short" })).toMatchObject({ ok: false, fieldErrors: { overrideReason: [expect.stringContaining("at least 10")] } });
    expect(await db().enrollment.findUniqueOrThrow({ where: { id: s.enrollment.id } })).toMatchObject({ status: "ACTIVE", overrideReason: null });
    // With it, credit is awarded and the override kept on the enrollment and in the audit log.
    const reason = "Summer session: the student attended every day in the lab with a teacher.";
    expect(await complete(s.admin, s, { overrideReason: reason })).toMatchObject({ ok: true, data: { overridden: true } });
    const e = await db().enrollment.findUniqueOrThrow({ where: { id: s.enrollment.id } });
    expect(e).toMatchObject({
      status: "COMPLETED",
      overrideReason: reason,
      overrideById: s.admin.id,
      overrideBreaches: ["Finished 8 days after the start; the district's minimum is 9 days."],
    });
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "enrollment.guardrail_override", entityId: s.enrollment.id } });
    expect(event).toMatchObject({ userId: s.admin.id, details: { reason, breaches: e.overrideBreaches } });
    const ended = (await getStudentRecord(s.me, s.student.id, NOW)).enrollments[0]!;
    expect(ended.override).toMatchObject({ reason, by: s.admin.name, breaches: e.overrideBreaches });
  });

  it("keeps the day the work was finished: the quality report counts the days the guardrail counted", async () => {
    await policy({ mode: "WARN", minDaysEnrolled: 20 });
    const s = await passedCourse(); // started 2026-09-01, the last result on 2026-09-09
    // Confirmed three weeks later: the guardrail counts 8 days (to the latest result), not 30.
    const later = new Date("2026-10-01T15:00:00Z");
    const reason = "Finished in the summer lab every day with a teacher present.";
    const done = await runValidated(s.admin, completeSchema, (v, input) => completeEnrollment(v, input, later), {
      enrollmentId: s.enrollment.id,
      version: "2",
      finalGrade: "90",
      overrideReason: reason,
    });
    expect(done).toMatchObject({ ok: true, data: { overridden: true } });
    const e = await db().enrollment.findUniqueOrThrow({ where: { id: s.enrollment.id } });
    expect({ endedOn: e.endedOn, finishedOn: e.finishedOn, breaches: e.overrideBreaches }).toEqual({
      endedOn: day("2026-10-01"),
      finishedOn: day("2026-09-09"),
      breaches: ["Finished 8 days after the start; the district's minimum is 20 days."],
    });
    // The quality report's facts: 8 days, too fast (8 < 20), and the override beside it.
    const [total] = (await qualityRows({ year: 2026, schools: [s.student.schoolId], levels: [] }).execute()).filter((r) => !r.courseId && !r.programType && !r.providerId);
    expect(total).toMatchObject({ passed: 1, tooFast: 1, overridden: 1, daysMedian: 8 });
    // The drill-down lists it with the day its days run to.
    const drill = await getQualityDrill(s.admin, { year: 2026, show: "tooFast" });
    expect(drill.rows.find((r) => r.enrollmentId === s.enrollment.id)).toMatchObject({
      startDate: "2026-09-01",
      endedOn: "2026-10-01",
      finishedOn: "2026-09-09",
      days: 8,
      tooFast: true,
    });
    // And the summary's median days to complete counts the same days.
    const [program] = (await programRows(2026, [s.student.schoolId]).execute()).filter((r) => r.programType === null);
    expect(program).toMatchObject({ passed: 1, medianDays: 8 });
  });

  it("requires a proctored summative: the form's proctored answer is stored and decides", async () => {
    await policy({ mode: "REFUSE", requireProctoredSummative: true });
    const notStated = await passedCourse();
    expect(await complete(notStated.me, notStated)).toMatchObject({ ok: false, message: expect.stringContaining("has no proctored attempt at mastery") });
    const proctored = await passedCourse({ proctored: "yes" });
    expect((await db().assessmentResult.findMany({ where: { enrollmentId: proctored.enrollment.id } })).map((r) => r.proctored)).toEqual([true, true]);
    expect(await complete(proctored.me, proctored)).toMatchObject({ ok: true });
    const bad = await runValidated(proctored.me, recordResultsSchema, async () => ({}), {
      enrollmentId: "x",
      version: "1",
      takenOn: "2026-09-09",
      proctored: "maybe",
      score_a: "1",
    });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { proctored: ["Choose yes, no or not stated"] } });
  });
});

describe("the card and the action read the same facts", () => {
  it("active time: a day's total wins over its sessions, on the card and in the action alike, at the boundary", async () => {
    await policy({ mode: "REFUSE", minActiveMinutesPerCredit: 10 }); // 1 credit: 600 seconds
    const s = await passedCourse();
    const at = (d: string, h: number) => new Date(`${d}T${String(h).padStart(2, "0")}:00:00Z`);
    // Day 1: sessions of 200 + 200 s, but the report's day total says 300 s; day 2: one session of 299 s → 599 s.
    await db().activitySession.createMany({
      data: [
        { enrollmentId: s.enrollment.id, startedAt: at("2026-09-02", 14), day: day("2026-09-02"), seconds: 200 },
        { enrollmentId: s.enrollment.id, startedAt: at("2026-09-02", 15), day: day("2026-09-02"), seconds: 200 },
        { enrollmentId: s.enrollment.id, startedAt: at("2026-09-02", 4), day: day("2026-09-02"), seconds: 300, dayTotal: true },
        { enrollmentId: s.enrollment.id, startedAt: at("2026-09-03", 14), day: day("2026-09-03"), seconds: 299 },
      ],
    });
    const short = "9 active minutes on record; the minimum is 10 minutes (10 per credit × 1).";
    expect((await getStudentRecord(s.me, s.student.id, NOW)).enrollments[0]!.credit).toMatchObject({ ok: false, failing: { guardrails: [short] } });
    expect(await complete(s.me, s)).toMatchObject({ ok: false, message: expect.stringContaining(short) });
    // One more second reaches 600: both allow it.
    await db().activitySession.create({ data: { enrollmentId: s.enrollment.id, startedAt: at("2026-09-04", 14), day: day("2026-09-04"), seconds: 1 } });
    expect((await getStudentRecord(s.me, s.student.id, NOW)).enrollments[0]!.canComplete).toBe(true);
    expect(await complete(s.me, s)).toMatchObject({ ok: true });
  });

  it("attempts: a retake over the most allowed refuses credit on the card and in the action; the API's proctored answer is stored", async () => {
    await policy({ mode: "REFUSE", maxAttemptsPerAssessment: 1 });
    const s = await passedCourse();
    const exam = s.course.assessments.find((a) => a.kind === "SUMMATIVE")!;
    const retake = await runValidated(s.me, recordResultsApiSchema, (v, input) => recordAssessmentResults(v, input, NOW), {
      enrollmentId: s.enrollment.id,
      version: 2,
      results: [{ assessmentId: exam.id, score: 95, takenOn: "2026-09-09", proctored: true }],
    });
    expect(retake).toMatchObject({ ok: true, data: { attempts: [{ assessmentId: exam.id, attempt: 2 }] } });
    expect(await db().assessmentResult.findFirstOrThrow({ where: { enrollmentId: s.enrollment.id, attempt: 2 } })).toMatchObject({ proctored: true });
    const why = `${exam.title} has 2 attempts; the most allowed is 1.`;
    expect((await getStudentRecord(s.me, s.student.id, NOW)).enrollments[0]!.credit).toMatchObject({ ok: false, failing: { guardrails: [why] } });
    expect(
      await runValidated(s.me, completeSchema, (v, input) => completeEnrollment(v, input, NOW), { enrollmentId: s.enrollment.id, version: "3", finalGrade: "92.5" }),
    ).toMatchObject({
      ok: false,
      message: expect.stringContaining(why),
    });
  });
});

describe("enrolling", () => {
  it("counts active courses of the program type against the most at once: refused, or made with a warning", async () => {
    await policy({ mode: "REFUSE", maxConcurrentPerStudent: 1 });
    const s = await passedCourse(); // one active credit-recovery course
    const other = await makeCourse({ formative: 1, summative: 1 });
    const input = { studentId: s.student.id, courseId: other.id, startDate: day("2026-09-10") };
    await expect(enrollStudent(s.me, input)).rejects.toThrow(
      "With this course the student would have 2 active credit recovery courses; the district's most at once is 1. Nothing was recorded.",
    );
    // Another program type is not counted.
    const ap = await makeCourse({ programType: "ADVANCED_PLACEMENT" });
    expect((await enrollStudent(s.me, { ...input, courseId: ap.id })).warning).toBeNull();
    await policy({ mode: "WARN", maxConcurrentPerStudent: 1 });
    const made = await enrollStudent(s.me, input);
    expect(made.warning).toBe("With this course the student would have 2 active credit recovery courses; the district's most at once is 1.");
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "enrollment.create", entityId: made.id } });
    expect(event.details).toMatchObject({ guardrailWarning: made.warning });
  });
});

describe("the provider progress import", () => {
  const HEADER = "provider,student_id,course_code,enrollment_id,assessment,score,max_score,date,attempt,course_status,final_grade,proctored\n";
  it("stores the proctored column and refuses a completion that breaks a guardrail with a line error", async () => {
    const { courseId } = await rosterAndAlgebraCourse();
    const enrollmentId = await enrollIn(courseId, "100002"); // from 2025-09-29
    await policy({ mode: "WARN", minDaysEnrolled: 30, requireProctoredSummative: true });
    const file = writeTemp(
      "p.csv",
      HEADER +
        "APEX,100002,ALG1-CR,APX-1,1,90,100,2025-10-02,1,,,\n" +
        "APEX,100002,ALG1-CR,APX-1,2,90,100,2025-10-06,1,,,N\n" +
        "APEX,100002,ALG1-CR,APX-1,3,90,100,2025-10-20,1,,,yes\n" +
        "APEX,100002,ALG1-CR,APX-1,,,,2025-10-21,,completed,90,\n",
    );
    const r = await runImport(null, "progress", file, { partial: true });
    expect(r.errors).toEqual([
      expect.objectContaining({
        line: 5,
        column: "course_status",
        message:
          "completed, but credit cannot be awarded: District rigor policy: Finished 22 days after the start; the district's minimum is 30 days. The policy lets an administrator complete it with a written reason on the student's page, where the credit rule is applied to the results recorded there.",
      }),
    ]);
    const e = await db().enrollment.findUniqueOrThrow({ where: { id: enrollmentId }, include: { results: { include: { assessment: true } } } });
    expect(e).toMatchObject({ status: "ACTIVE", creditAwarded: null });
    expect(Object.fromEntries(e.results.map((x) => [x.assessment.position, x.proctored]))).toEqual({ 1: null, 2: false, 3: true });
    // The proctored exam passes that guardrail: at 30 days the completion is awarded.
    const late = writeTemp("p.csv", HEADER + "APEX,100002,ALG1-CR,APX-1,,,,2025-10-29,,completed,90,\n");
    const ok = await runImport(null, "progress", late);
    expect(ok.errors).toEqual([]);
    expect(await db().enrollment.findUniqueOrThrow({ where: { id: enrollmentId } })).toMatchObject({ status: "COMPLETED" });
    // A provider's file restates its completions: once completed, a policy set later does not fail it.
    await policy({ mode: "REFUSE", minDaysEnrolled: 300 });
    const again = await runImport(null, "progress", late);
    expect(again).toMatchObject({ status: "succeeded", errors: [] });
    expect(again.counts.completions).toMatchObject({ unchanged: 1 });
  });
});
