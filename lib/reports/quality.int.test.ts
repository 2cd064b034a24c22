import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeCourse, makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { ForbiddenError, NotFoundError, type Viewer } from "@/lib/access";
import { qualityRows } from "@/lib/sql/queries/quality-rows";
import { qualityCube } from "@/lib/sql/queries/quality-cube";
import { getQualityDrill, getQualityView } from "./queries";
import type { EnrollmentStatus } from "@/lib/generated/prisma/enums";

useTestDatabase();

// DEFINITIONS.md §8 by hand: one credit-recovery course (1 credit, recovers M101 → next M201) at
// school A, the district's policy 20 days and 600 active minutes per credit, enrollments started in
// 2024-25 (July 1, 2024 – June 30, 2025) and two outside it.
let a: { id: string };
let b: { id: string };
let course: Awaited<ReturnType<typeof makeCourse>>;
let adminA: Viewer;
let adminB: Viewer;
let counselorA: Viewer;
let district: Viewer;
const ids: Record<string, string> = {};
const LEVELS = ["meeting expectations", "exceeding expectations"];

async function enroll(name: string, status: EnrollmentStatus, start: string, ended: string | null, over: Record<string, unknown> = {}) {
  const s = await makeStudent(a.id, null, { lastName: name });
  ids[name] = s.id;
  const e = await db().enrollment.create({
    data: {
      studentId: s.id,
      courseId: course.id,
      startDate: new Date(start),
      targetDate: new Date("2025-08-31"),
      status,
      endedOn: ended ? new Date(ended) : null,
      creditAwarded: status === "COMPLETED" ? 1 : null,
      ...over,
    },
  });
  ids[`e:${name}`] = e.id;
  return { s, e };
}

async function result(name: string, attempt: number, proctored: boolean | null, summative = true) {
  const assessment = course.assessments.find((x) => x.kind === (summative ? "SUMMATIVE" : "FORMATIVE"))!;
  await db().assessmentResult.create({ data: { enrollmentId: ids[`e:${name}`], assessmentId: assessment.id, score: 80, attempt, takenOn: new Date("2024-09-05"), proctored } });
}

beforeAll(async () => {
  a = await makeSchool();
  b = await makeSchool();
  course = await makeCourse({ programType: "CREDIT_RECOVERY", subjectArea: "MATHEMATICS" });
  await db().onlineCourse.update({ where: { id: course.id }, data: { recovers: ["M101"] } });
  await db().rigorPolicy.upsert({
    where: { programType: "CREDIT_RECOVERY" },
    create: { programType: "CREDIT_RECOVERY", minDaysEnrolled: 20, minActiveMinutesPerCredit: 600 },
    update: { minDaysEnrolled: 20, minActiveMinutesPerCredit: 600 },
  });
  await db().courseSequence.create({ data: { courseCode: "M101", nextCode: "M201" } });
  const admin = await makeUser("DISTRICT_ADMIN", null);
  // s1: 9 days — too fast by days; completed with an override.
  await enroll("s1", "COMPLETED", "2024-09-01", "2024-09-10", {
    overrideAt: new Date(),
    overrideById: admin.id,
    overrideReason: "Summer intensive",
    overrideBreaches: ["Finished 9 days after the start; the district's minimum is 20 days."],
  });
  await result("s1", 1, true);
  // s2: 61 days but 5,000 active seconds (a day's total 3,000 beside its sessions, and two sessions
  // of 1,000 another day) < 600 min × 1 credit: too fast by active time. Two summative attempts.
  await enroll("s2", "COMPLETED", "2024-09-01", "2024-11-01");
  await db().activitySession.createMany({
    data: [
      { enrollmentId: ids["e:s2"], startedAt: new Date("2024-09-02T04:00:00Z"), day: new Date("2024-09-02"), seconds: 3000, dayTotal: true },
      { enrollmentId: ids["e:s2"], startedAt: new Date("2024-09-02T14:00:00Z"), day: new Date("2024-09-02"), seconds: 9999 },
      { enrollmentId: ids["e:s2"], startedAt: new Date("2024-09-03T14:00:00Z"), day: new Date("2024-09-03"), seconds: 1000 },
      { enrollmentId: ids["e:s2"], startedAt: new Date("2024-09-03T16:00:00Z"), day: new Date("2024-09-03"), seconds: 1000 },
    ],
  });
  await result("s2", 1, false);
  await result("s2", 2, null);
  await result("s2", 1, true, false); // a formative: not a summative attempt
  // s3: 30 days, 40,000 active seconds; took and passed Geometry the next year; proficient by level
  // in the year of completion; graduated.
  await enroll("s3", "COMPLETED", "2024-09-01", "2024-10-01");
  await db().activitySession.create({ data: { enrollmentId: ids["e:s3"], startedAt: new Date("2024-09-10T14:00:00Z"), day: new Date("2024-09-10"), seconds: 40000 } });
  await result("s3", 1, true);
  await db().transcriptCourse.create({
    data: {
      studentId: ids.s3,
      courseCode: "M201",
      courseTitle: "Geometry",
      subjectArea: "MATHEMATICS",
      schoolYear: 2025,
      term: "FY",
      grade: "B",
      creditsAttempted: 1,
      creditsEarned: 1,
    },
  });
  await db().stateTestResult.create({ data: { studentId: ids.s3, test: "MCAS Math", subjectArea: "MATHEMATICS", schoolYear: 2024, level: "Meeting Expectations" } });
  await db().statusEvent.create({ data: { studentId: ids.s3, kind: "GRADUATED", effectiveDate: new Date("2026-06-05"), schoolId: a.id, credential: "REGULAR_DIPLOMA" } });
  // s4: exactly 20 days (not too fast); took Geometry the same year, no credit; a state test two
  // years before (not read) and one the next year, not proficient though its level is listed.
  await enroll("s4", "COMPLETED", "2024-09-01", "2024-09-21");
  await db().transcriptCourse.create({
    data: {
      studentId: ids.s4,
      courseCode: "M201",
      courseTitle: "Geometry",
      subjectArea: "MATHEMATICS",
      schoolYear: 2024,
      term: "S2",
      grade: "F",
      creditsAttempted: 1,
      creditsEarned: 0,
    },
  });
  await db().stateTestResult.createMany({
    data: [
      { studentId: ids.s4, test: "MCAS Math", subjectArea: "MATHEMATICS", schoolYear: 2022, level: "Exceeding Expectations" },
      { studentId: ids.s4, test: "MCAS Math", subjectArea: "MATHEMATICS", schoolYear: 2025, level: "Meeting Expectations", proficient: false },
      { studentId: ids.s4, test: "MCAS ELA", subjectArea: "ENGLISH", schoolYear: 2024, level: "Exceeding Expectations" },
    ],
  });
  await enroll("s5", "FAILED", "2024-09-01", "2024-12-01");
  await enroll("s6", "WITHDRAWN", "2024-09-01", "2024-10-15");
  await enroll("s7", "ACTIVE", "2025-06-30", null);
  await enroll("s8", "COMPLETED", "2025-07-01", "2025-07-05"); // next year's
  await enroll("s9", "COMPLETED", "2024-06-30", "2024-07-02"); // last year's
  district = viewerOf(admin);
  adminA = viewerOf(await makeUser("SCHOOL_ADMIN", a.id));
  adminB = viewerOf(await makeUser("SCHOOL_ADMIN", b.id));
  counselorA = viewerOf(await makeUser("COUNSELOR", a.id));
});

describe("quality facts in SQL, by hand", () => {
  it("counts results, pace, summatives, next course, state test and graduation of 2024-25", async () => {
    const rows = await qualityRows({ year: 2024, schools: [a.id], levels: LEVELS }).execute();
    const total = rows.find((r) => r.schoolId === a.id && !r.courseId && !r.programType && !r.providerId)!;
    expect(total).toMatchObject({
      students: 7,
      completers: 4,
      started: 7,
      passed: 4,
      failed: 1,
      withdrawn: 1,
      active: 1,
      credits: 4,
      tooFast: 2,
      overridden: 1,
      graduated: 1,
      timed: 2,
      attempts: 4,
      proctored: 2,
      unstated: 1,
      retakes: 1,
      passedAttempts: 4,
      passedSummatives: 3,
      inSequence: 4,
      tookNext: 2,
      passedNext: 1,
      tested: 2,
      proficient: 1,
    });
    // Days [9, 20, 30, 61]: median 25, quartiles by interpolation 17.25 and 37.75.
    expect([total.daysP25, total.daysMedian, total.daysP75]).toEqual([17.25, 25, 37.75]);
    // Active seconds: s2 5,000 (the day's total wins over its sessions), s3 40,000: median 22,500.
    expect(total.secondsMedian).toBe(22500);
    // The course's, program × provider's, provider's and program's rows are the same enrollments here.
    const course1 = rows.find((r) => r.courseId === course.id)!;
    expect(course1).toMatchObject({ passed: 4, tooFast: 2, programType: "CREDIT_RECOVERY", providerId: course.providerId });
    expect(rows.filter((r) => r.schoolId === null)).toEqual([]);
  });

  it("the group cells add up to the total, students included", async () => {
    const cells = await qualityCube({ year: 2024, schools: [a.id], levels: LEVELS }).execute();
    const sum = (k: "students" | "passed" | "tooFast" | "tookNext") => cells.reduce((s, c) => s + c[k], 0);
    expect([sum("students"), sum("passed"), sum("tooFast"), sum("tookNext")]).toEqual([7, 4, 2, 2]);
  });

  it("a completion is too fast at 19 days, not at 20", async () => {
    const { e } = await enroll("s10", "COMPLETED", "2023-09-01", "2023-09-20");
    const { e: e2 } = await enroll("s11", "COMPLETED", "2023-09-01", "2023-09-21");
    const rows = await qualityRows({ year: 2023, schools: [a.id], levels: LEVELS }).execute();
    // s9 (started June 30, 2024: this year; 2 days) and s10 (19 days); not s11 (20 days).
    expect(rows.find((r) => !r.courseId && !r.programType && !r.providerId)!.tooFast).toBe(2);
    const drill = await getQualityDrill(district, { year: 2023, school: a.id, show: "tooFast" });
    expect(drill.rows.map((r) => r.enrollmentId).sort()).toEqual([e.id, ids["e:s9"]].sort());
    expect(drill.rows.find((r) => r.enrollmentId === e.id)).toMatchObject({ days: 19, tooFast: true });
    await db().enrollment.deleteMany({ where: { id: { in: [e.id, e2.id] } } });
  });
});

describe("the report and its drill-down, scoped", () => {
  it("a school administrator sees their school; another school's administrator gets a 404; a counselor is refused", async () => {
    const v = await getQualityView(adminA, { year: 2024, by: "course" });
    expect(v.school?.id).toBe(a.id);
    const total = v.rows.find((r) => r.kind === "total")!;
    // 7 students, 6 ended, 4 passed: shown. The further figures count 4 completers (< 6): hidden.
    expect(total).toMatchObject({ students: 7, ended: 6, passed: 4, completionRate: 66.7, passRate: 80 });
    expect(total.tooFast).toEqual({ count: null, rate: null, coded: null });
    await expect(getQualityView(adminB, { year: 2024, school: a.id, by: "course" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getQualityView(counselorA, { year: 2024, by: "course" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getQualityDrill(adminB, { year: 2024, school: a.id, show: "tooFast" })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("the drill-down lists each figure's enrollments with why", async () => {
    const row = `course:${course.id}:`;
    const tooFast = await getQualityDrill(adminA, { year: 2024, row, show: "tooFast" });
    expect(tooFast.rows.map((r) => r.name).sort()).toEqual([expect.stringContaining("s1"), expect.stringContaining("s2")]);
    expect(tooFast.rows.find((r) => r.name.startsWith("s1"))).toMatchObject({ days: 9, overrideReason: "Summer intensive" });
    expect(tooFast.rows.find((r) => r.name.startsWith("s2"))).toMatchObject({ days: 61, activeHours: 1.4, attempts: 2, proctored: 0, unstated: 1, retakes: 1 });
    const next = await getQualityDrill(district, { year: 2024, school: a.id, row, show: "tookNext" });
    expect(next.rows.map((r) => [r.name.slice(0, 2), r.next])).toEqual([
      ["s3", { took: true, passed: true }],
      ["s4", { took: true, passed: false }],
    ]);
    const proficient = await getQualityDrill(district, { year: 2024, show: "tested" });
    expect(proficient.rows.map((r) => [r.name.slice(0, 2), r.proficient])).toEqual([
      ["s3", true],
      ["s4", false],
    ]);
    const graduated = await getQualityDrill(district, { year: 2024, show: "graduated" });
    expect(graduated.rows.map((r) => r.name.slice(0, 2))).toEqual(["s3"]);
  });

  it("a row that names nothing real is not found, never an error; each list is audited with whom", async () => {
    for (const row of ["program:constructor:", "program:__proto__:", "program:BOGUS:", "provider::", "course::", "total:x:y", "pair:CREDIT_RECOVERY:"]) {
      await expect(getQualityDrill(district, { year: 2024, row, show: "passed" }), row).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(getQualityDrill(district, { year: 2024, row: "course:nope:", show: "passed" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getQualityDrill(district, { year: 2024, group: "nope", show: "passed" })).rejects.toBeInstanceOf(NotFoundError);
    const d = await getQualityDrill(adminA, { year: 2024, show: "overridden" });
    const audit = await db().auditEvent.findFirst({ where: { userId: adminA.id, action: "report.drill" }, orderBy: { id: "desc" }, include: { students: true } });
    expect(audit?.students.map((s) => s.studentId)).toEqual(d.rows.map((r) => r.studentId));
    expect(d.rows.map((r) => r.overrideReason)).toEqual(["Summer intensive"]);
  });

  it("cost per credit is the district's contract over the credits of the year", async () => {
    await db().providerContract.create({ data: { providerId: course.providerId, schoolYear: 2024, cost: 1000 } });
    const v = await getQualityView(district, { year: 2024, by: "provider" });
    const p = v.rows.find((r) => r.kind === "provider" && r.providerId === course.providerId)!;
    expect(p).toMatchObject({ contractCost: 1000, costPerCredit: 250 });
    await db().providerContract.deleteMany({});
  });

  it("says beside the figures what the district has set and loaded, read in one statement", async () => {
    const v = await getQualityView(adminA, { year: 2024, by: "course" });
    expect(v.rules).toContainEqual({ programType: "CREDIT_RECOVERY", minDays: 20, minActiveMinutesPerCredit: 600 });
    expect(v.loaded).toEqual({ sequence: true, stateTests: true, contracts: 0 });
    expect(v.courseRules).toBe(0);
    // No sequence, a course's own minimum, a contract of another year: each said as it is.
    const sequence = await db().courseSequence.findMany();
    await db().courseSequence.deleteMany({});
    const other = await makeCourse({ programType: "ORIGINAL_CREDIT" });
    await db().onlineCourse.update({ where: { id: other.id }, data: { minDaysEnrolled: 5 } });
    await db().providerContract.create({ data: { providerId: course.providerId, schoolYear: 2023, cost: 500 } });
    const w = await getQualityView(adminA, { year: 2024, by: "course" });
    expect(w.loaded).toEqual({ sequence: false, stateTests: true, contracts: 0 });
    expect(w.courseRules).toBe(1);
    await db().providerContract.create({ data: { providerId: course.providerId, schoolYear: 2024, cost: 750.25 } });
    expect((await getQualityView(adminA, { year: 2024, by: "course" })).loaded.contracts).toBe(1);
    await db().providerContract.deleteMany({});
    await db().onlineCourse.delete({ where: { id: other.id } });
    await db().courseSequence.createMany({ data: sequence });
  });
});
