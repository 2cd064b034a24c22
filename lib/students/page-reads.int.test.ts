import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeCourse, makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { NotFoundError, studentScope, type Viewer } from "@/lib/access";
import { studentPlans } from "@/lib/plans/queries";
import { ownerWhere } from "@/lib/plans/plans";
import { listContacts } from "@/lib/family/contacts";
import { listGuardians } from "@/lib/family/guardians";
import { getStudentActivity } from "@/lib/enrollments/activity";
import { rigorPolicies } from "@/lib/enrollments/rigor-policy";
import { planOwnerChoices } from "@/lib/sql/queries/plan-owner-choices";
import { listSavedViews } from "@/lib/caseload/views";

// The student page's sections read in prepared SQL (issue 19: Prisma's query compiler and runtime
// were about a quarter of a warm worker's CPU on student pages, 46.6 ms a page). Each read is compared with the Prisma read it replaced,
// kept here as the oracle: same rows, same order, same scope (the plan owners against
// lib/plans/plans.ts ownerWhere, the one rule of who may own a plan), for every kind of viewer.

useTestDatabase();

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const TODAY = d("2026-12-01");

async function world() {
  const school = await makeSchool();
  const other = await makeSchool();
  const counselor = await makeUser("COUNSELOR", school.id, { name: "Zed Counselor" });
  const otherCounselor = await makeUser("COUNSELOR", school.id);
  const admin = await makeUser("SCHOOL_ADMIN", school.id, { name: "Amy Admin" });
  await makeUser("SCHOOL_ADMIN", school.id, { name: "Gone Admin", active: false });
  const otherAdmin = await makeUser("SCHOOL_ADMIN", other.id);
  const district = await makeUser("DISTRICT_ADMIN", null, { name: "Dana District" });
  const student = await makeStudent(school.id, counselor.id, { attendanceRate: 84.5, suspensions: 2 });
  const bare = await makeStudent(school.id, null);
  const course = await makeCourse();
  const later = await makeCourse({ programType: "ORIGINAL_CREDIT" });
  const e1 = await db().enrollment.create({ data: { studentId: student.id, courseId: course.id, startDate: d("2026-09-08"), targetDate: d("2026-12-18"), progress: 40 } });
  const e2 = await db().enrollment.create({
    data: { studentId: student.id, courseId: later.id, startDate: d("2026-02-02"), targetDate: d("2026-05-01"), status: "COMPLETED", endedOn: d("2026-04-20"), progress: 100 },
  });
  await db().transcriptCourse.createMany({
    data: [
      {
        studentId: student.id,
        courseCode: "ENG9",
        courseTitle: "English 9",
        subjectArea: "ENGLISH",
        schoolYear: 2025,
        term: "FY",
        grade: "B",
        creditsAttempted: 1,
        creditsEarned: 1,
      },
      {
        studentId: student.id,
        courseCode: "ALG1",
        courseTitle: "Algebra I",
        subjectArea: "MATHEMATICS",
        schoolYear: 2025,
        term: "S1",
        grade: "F",
        creditsAttempted: 0.5,
        creditsEarned: 0,
      },
      {
        studentId: student.id,
        courseCode: "BIO",
        courseTitle: "Biology",
        subjectArea: "SCIENCE",
        schoolYear: 2025,
        term: "S2",
        grade: "C",
        creditsAttempted: 0.5,
        creditsEarned: 0.5,
      },
    ],
  });
  await db().riskSnapshot.createMany({
    data: [
      { studentId: student.id, day: d("2026-11-30"), level: "HIGH", reasons: ["BEHIND_PACE", "INACTIVE"], schoolId: school.id, creditsEarned: 1.5 },
      { studentId: student.id, day: d("2026-11-02"), level: "MODERATE", reasons: [], schoolId: school.id, creditsEarned: 1.5 },
    ],
  });
  const plan = (over: Record<string, unknown>) => ({
    studentId: student.id,
    type: "ACADEMIC_SUPPORT" as const,
    tier: 2,
    goal: "Finish Algebra",
    metric: "COURSE_ON_PACE" as const,
    targetText: "",
    ownerId: counselor.id,
    createdById: admin.id,
    startDate: d("2026-10-01"),
    ...over,
  });
  const p1 = await db().interventionPlan.create({ data: plan({ targetEnrollmentId: e1.id, targetValue: 80.25, nextFollowUp: d("2026-12-03") }) });
  await db().interventionPlan.create({ data: plan({ metric: "ATTENDANCE_RATE", targetValue: 90, startDate: d("2026-11-01"), ownerId: admin.id }) });
  await db().interventionPlan.create({
    data: plan({ status: "MET", statusReason: "Done", closedOn: d("2026-11-20"), startDate: d("2026-11-01"), metric: "OTHER", targetText: "Call home" }),
  });
  await db().planCheckIn.createMany({
    data: [
      { planId: p1.id, date: d("2026-10-15"), note: "Started", progress: "ON_TRACK", authorId: counselor.id },
      { planId: p1.id, date: d("2026-11-15"), note: "Slipping", progress: "SOME_PROGRESS", authorId: admin.id },
    ],
  });
  const g = await db().guardian.create({
    data: { studentId: student.id, name: "Rosa O'Neill", relationship: "MOTHER", phone: "617-555-0101", preferredLanguage: "es", interpreter: true },
  });
  await db().guardian.create({ data: { studentId: student.id, name: "Tío", relationship: "RELATIVE", noContact: true } });
  const note = await db().note.create({ data: { studentId: student.id, authorId: counselor.id, kind: "FAMILY_CONTACT", body: "Edited note text" } });
  await db().contact.createMany({
    data: [
      {
        studentId: student.id,
        guardianId: g.id,
        withWhom: "Rosa O'Neill",
        method: "PHONE",
        outcome: "REACHED",
        occurredOn: d("2026-11-19"),
        summary: "Called",
        nextStep: "Friday",
        authorId: counselor.id,
      },
      { studentId: student.id, withWhom: "the student", occurredOn: d("2026-11-19"), summary: "old text", nextStep: "", authorId: admin.id, noteId: note.id },
      {
        studentId: student.id,
        withWhom: "aunt",
        method: "HOME_VISIT",
        outcome: "NO_ANSWER",
        outreach: true,
        occurredOn: d("2026-10-01"),
        summary: "Visit",
        nextStep: "",
        authorId: counselor.id,
      },
    ],
  });
  // People without a school (lib/sql/fragments/scope.ts scopeKey ":none") reach no student.
  const schoolless = [await makeUser("SCHOOL_ADMIN", null), await makeUser("COUNSELOR", null)];
  const viewers = [counselor, otherCounselor, admin, otherAdmin, district, ...schoolless].map(viewerOf);
  return { student, bare, viewers, e1, e2 };
}

/** The Prisma reads the SQL replaced (lib/plans/queries.ts, lib/family, lib/enrollments/activity.ts before). */
async function prismaPlans(viewer: Viewer, studentId: string) {
  const student = await db().student.findFirst({
    where: { AND: [{ id: studentId }, studentScope(viewer)] },
    select: {
      id: true,
      schoolId: true,
      counselorId: true,
      attendanceRate: true,
      suspensions: true,
      firstName: true,
      lastName: true,
      sisId: true,
      gradeLevel: true,
      school: { select: { name: true } },
      counselor: { select: { name: true } },
    },
  });
  if (!student) return null;
  const [plans, credits, risk, owners, enrollments] = await Promise.all([
    db().interventionPlan.findMany({
      where: { studentId },
      orderBy: [{ startDate: "desc" }, { createdAt: "desc" }],
      select: {
        id: true,
        type: true,
        tier: true,
        goal: true,
        metric: true,
        targetValue: true,
        targetEnrollmentId: true,
        targetText: true,
        startDate: true,
        nextFollowUp: true,
        status: true,
        statusReason: true,
        closedOn: true,
        version: true,
        ownerId: true,
        owner: { select: { name: true } },
        createdBy: { select: { name: true } },
        targetEnrollment: { select: { id: true, status: true, progress: true, startDate: true, targetDate: true, course: { select: { title: true } } } },
        checkIns: { orderBy: [{ date: "desc" }, { createdAt: "desc" }], select: { id: true, date: true, note: true, progress: true, author: { select: { name: true } } } },
      },
    }),
    db().transcriptCourse.aggregate({ where: { studentId }, _sum: { creditsEarned: true } }),
    db().riskSnapshot.findMany({ where: { studentId }, orderBy: { day: "asc" }, select: { day: true, level: true, reasons: true } }),
    db().user.findMany({ where: ownerWhere(student), orderBy: [{ role: "asc" }, { name: "asc" }], select: { id: true, name: true, role: true } }),
    db().enrollment.findMany({ where: { studentId }, orderBy: { startDate: "desc" }, select: { id: true, status: true, course: { select: { title: true } } } }),
  ]);
  return {
    student: { ...student, attendanceRate: student.attendanceRate === null ? null : Number(student.attendanceRate) },
    credits: Number(credits._sum.creditsEarned ?? 0),
    plans: plans.map((p) => ({ ...p, targetValue: p.targetValue === null ? null : Number(p.targetValue) })),
    risk,
    owners,
    enrollments: enrollments.map((e) => ({ id: e.id, status: e.status, title: e.course.title })),
  };
}

async function prismaFamily(viewer: Viewer, studentId: string) {
  const guardians = await db().guardian.findMany({
    where: { studentId, student: studentScope(viewer) },
    select: {
      id: true,
      name: true,
      relationship: true,
      phone: true,
      email: true,
      preferredLanguage: true,
      noContact: true,
      rightsHolder: true,
      interpreter: true,
      sourcedId: true,
      version: true,
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const contacts = await db().contact.findMany({
    where: { studentId, student: studentScope(viewer) },
    select: {
      id: true,
      withWhom: true,
      method: true,
      outcome: true,
      outreach: true,
      occurredOn: true,
      summary: true,
      nextStep: true,
      createdAt: true,
      noteId: true,
      author: { select: { name: true } },
      guardian: { select: { id: true, relationship: true } },
      note: { select: { body: true } },
    },
    orderBy: [{ occurredOn: "desc" }, { createdAt: "desc" }, { id: "desc" }],
  });
  return { guardians, contacts: contacts.map(({ note, ...c }) => ({ ...c, summary: note?.body ?? c.summary })) };
}

describe("the student page's reads in SQL", () => {
  it("read what the Prisma reads read, for every kind of viewer, and nothing out of scope", async () => {
    const { student, bare, viewers } = await world();
    let found = 0;
    for (const v of viewers) {
      for (const s of [student, bare]) {
        const want = await prismaPlans(v, s.id);
        if (!want) {
          await expect(studentPlans(v, s.id, TODAY)).rejects.toThrow(NotFoundError);
          await expect(getStudentActivity(v, s.id, TODAY)).rejects.toThrow(NotFoundError);
          expect(await listGuardians(v, s.id)).toEqual([]);
          expect(await listContacts(v, s.id)).toEqual([]);
          continue;
        }
        found++;
        const got = await studentPlans(v, s.id, TODAY);
        expect(got.student).toEqual(want.student);
        expect(got.owners).toEqual(want.owners);
        expect(got.enrollments).toEqual(want.enrollments);
        expect(got.risk).toEqual(want.risk);
        expect(got.plans.map(({ courseTitle: _c, progressNow: _p, followUp: _f, ...p }) => p)).toEqual(
          // Active first, then closed (a stable sort of the newest-first order).
          [...want.plans].sort((a, b) => Number(b.status === "ACTIVE") - Number(a.status === "ACTIVE")),
        );
        const family = await prismaFamily(v, s.id);
        expect(await listGuardians(v, s.id)).toEqual(family.guardians);
        expect(await listContacts(v, s.id)).toEqual(family.contacts);
      }
    }
    // The school's admin and the district's see both students, the counselor their own (the other is
    // on no caseload); the other counselor, the other school's admin and the school-less neither.
    expect(found).toBe(5);
  });

  it("the plans section's facts: credits summed, owners by role then name, risk oldest first, check-ins newest first", async () => {
    const { student, viewers } = await world();
    const [counselor] = viewers;
    const got = await studentPlans(counselor, student.id, TODAY);
    expect(got.student).toMatchObject({ attendanceRate: 84.5, suspensions: 2, counselor: { name: "Zed Counselor" } });
    // The Role enum's order (counselor, school admin, district admin), as Prisma's orderBy gave it.
    expect([...new Set(got.owners.map((o) => o.role))]).toEqual(["COUNSELOR", "SCHOOL_ADMIN", "DISTRICT_ADMIN"]);
    expect(got.owners.map((o) => o.name)).toContain("Amy Admin");
    expect(got.owners.map((o) => o.name)).not.toContain("Gone Admin");
    expect(got.risk.map((r) => r.day)).toEqual([d("2026-11-02"), d("2026-11-30")]);
    const withCheckIns = got.plans.find((p) => p.checkIns.length > 0)!;
    expect(withCheckIns.checkIns.map((c) => [c.date, c.note])).toEqual([
      [d("2026-11-15"), "Slipping"],
      [d("2026-10-15"), "Started"],
    ]);
    expect(withCheckIns).toMatchObject({ targetValue: 80.25, courseTitle: expect.stringMatching(/^Course /), targetEnrollment: { progress: 40 } });
    expect(got.plans.map((p) => p.status)).toEqual(["ACTIVE", "ACTIVE", "MET"]);
  });

  it("time on task lists the student's courses newest first, with their title and provider", async () => {
    const { student, viewers, e1, e2 } = await world();
    await db().activitySession.createMany({
      data: [
        { enrollmentId: e1.id, day: d("2026-11-30"), startedAt: new Date("2026-11-30T15:00:00Z"), seconds: 1800 },
        { enrollmentId: e2.id, day: d("2026-11-20"), startedAt: new Date("2026-11-20T15:00:00Z"), seconds: 600 },
      ],
    });
    const want = await db().enrollment.findMany({
      where: { id: { in: [e1.id, e2.id] } },
      orderBy: { startDate: "desc" },
      select: { id: true, status: true, course: { select: { title: true, provider: { select: { name: true } } } } },
    });
    const got = await getStudentActivity(viewers[0], student.id, TODAY);
    expect(got.loaded).toBe(true);
    expect(got.courses.map((c) => [c.enrollmentId, c.title, c.provider, c.status])).toEqual(want.map((e) => [e.id, e.course.title, e.course.provider.name, e.status]));
    expect(got.courses.map((c) => c.enrollmentId)).toEqual([e1.id, e2.id]);
    await expect(getStudentActivity(viewers[1], student.id, TODAY)).rejects.toThrow(NotFoundError);
  });

  it("the caseload's reads: plan owners for several students as ownerWhere gathers them; saved views in tab order", async () => {
    const { student, viewers } = await world();
    const school2 = await makeSchool();
    const c2 = await makeUser("COUNSELOR", school2.id);
    await makeUser("SCHOOL_ADMIN", school2.id, { name: "Bea Admin" });
    const s2 = await makeStudent(school2.id, c2.id);
    // A student whose counselor left (inactive: not an owner) and one on no caseload.
    const gone = await makeUser("COUNSELOR", school2.id, { active: false });
    const s3 = await makeStudent(school2.id, gone.id);
    const s4 = await makeStudent(school2.id, null);
    const students = [student, s2, s3, s4];
    const want = await db().user.findMany({
      where: { OR: students.map((s) => ownerWhere(s)) },
      orderBy: [{ role: "asc" }, { name: "asc" }, { id: "asc" }],
      select: { id: true, name: true },
    });
    const ids = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => x !== null))];
    expect(await planOwnerChoices(ids(students.map((s) => s.counselorId)), ids(students.map((s) => s.schoolId)))).toEqual(want);
    expect(want.map((o) => o.id)).not.toContain(gone.id);
    // No counselor and no school among them: the district's administrators only.
    const district = await db().user.findMany({ where: { active: true, role: "DISTRICT_ADMIN" }, orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true } });
    expect(await planOwnerChoices([], [])).toEqual(district);
    const me = viewers[0];
    await db().savedView.createMany({
      data: [
        { userId: me.id, name: "Seniors", query: "grade=12", position: 2, createdAt: new Date("2026-11-02T10:00:00Z") },
        { userId: me.id, name: "Juniors", query: "grade=11", position: 2, createdAt: new Date("2026-11-01T10:00:00Z") },
        { userId: me.id, name: "High risk", query: "risk=HIGH", position: 1 },
        { userId: viewers[1].id, name: "Not mine", query: "", position: 0 },
      ],
    });
    expect((await listSavedViews(me)).map((v) => v.name)).toEqual(["High risk", "Juniors", "Seniors"]);
  });

  it("the rigor policies read in SQL as in a transaction", async () => {
    await db().rigorPolicy.upsert({
      where: { programType: "CREDIT_RECOVERY" },
      create: { programType: "CREDIT_RECOVERY", minDaysEnrolled: 14, priorityGrades: [12, 11], priorityNote: "Seniors first", mode: "WARN" },
      update: { minDaysEnrolled: 14, priorityGrades: [12, 11], priorityNote: "Seniors first", mode: "WARN" },
    });
    const inTx = await db().$transaction((tx) => rigorPolicies(tx));
    expect(await rigorPolicies()).toEqual(inTx);
    expect(inTx.get("CREDIT_RECOVERY")).toMatchObject({ minDaysEnrolled: 14, priorityGrades: [12, 11], mode: "WARN", requireProctoredSummative: false });
  });
});
