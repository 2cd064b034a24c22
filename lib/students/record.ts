import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { assertLookupId, NotFoundError, studentScope, type Viewer } from "@/lib/access";
import { recordAudit } from "@/lib/audit";
import {
  bestPercents, canComplete, daysInactive, dueCount, gradeToDate, hasFailedMastery, isInactive, meetsMastery, onScheduleRate,
  paceFor, percentOf, scheduleColour, type AssessmentFacts, type PaceStatus, type ResultFacts, type ScheduleColour,
} from "@/lib/enrollments/rules";
import { graduationAudit, projectGraduation, recoverableCourses, type SubjectArea } from "./graduation";
import { needsAttention, onlineRiskFacts, riskFor } from "./rules";

// One student's record for the student page and the printable plan: profile, status history,
// graduation audit and projection, online enrollments (pace, schedule, grade, assessment history),
// notes, and failed courses with the recovery courses the catalog offers for them.
// A fixed number of queries (one per relation level, no per-enrollment queries) + one audit insert.

const include = {
  school: { select: { name: true } },
  counselor: { select: { id: true, name: true, email: true } },
} satisfies Prisma.StudentInclude;

const enrollmentInclude = {
  course: { include: { provider: { select: { name: true } }, assessments: { orderBy: { position: "asc" as const } } } },
  results: { orderBy: [{ takenOn: "asc" as const }, { attempt: "asc" as const }] },
  replaces: { select: { courseTitle: true, schoolYear: true } },
} satisfies Prisma.EnrollmentInclude;

export async function getStudentRecord(viewer: Viewer, id: string, asOf: Date) {
  assertLookupId(id, "Student");
  // The scoped student first (with the static lists alongside), then its relations in parallel:
  // a fixed number of queries, about four round trips deep.
  const [s, requirements, settings, catalog] = await Promise.all([
    db().student.findFirst({ where: { AND: [{ id }, studentScope(viewer)] }, include }),
    db().graduationRequirement.findMany(),
    db().districtSettings.findUnique({ where: { id: 1 } }),
    db().onlineCourse.findMany({
      where: { active: true },
      orderBy: [{ subjectArea: "asc" }, { title: "asc" }],
      select: { id: true, title: true, subjectArea: true, programType: true, credits: true, expectedWeeks: true, provider: { select: { name: true } } },
    }),
  ]);
  if (!s) throw new NotFoundError("Student");
  const [statusEvents, transcriptRows, enrollmentRows, notes] = await Promise.all([
    db().statusEvent.findMany({ where: { studentId: s.id }, orderBy: [{ effectiveDate: "desc" }, { createdAt: "desc" }], include: { recordedBy: { select: { name: true } } } }),
    db().transcriptCourse.findMany({ where: { studentId: s.id }, orderBy: [{ schoolYear: "asc" }, { courseCode: "asc" }] }),
    db().enrollment.findMany({ where: { studentId: s.id }, orderBy: { startDate: "desc" }, include: enrollmentInclude }),
    db().note.findMany({ where: { studentId: s.id }, orderBy: { createdAt: "desc" }, include: { author: { select: { id: true, name: true } } } }),
    recordAudit(viewer, { action: "student.read", studentId: s.id, entity: "Student", entityId: s.id }),
  ]);

  const totalRequired = Number(settings?.totalCreditsRequired ?? 22);
  const enrollments = enrollmentRows.map((e) => enrollmentView(e, asOf));
  const active = enrollments.filter((e) => e.status === "ACTIVE");
  const transcript = transcriptRows.map((t) => ({ ...t, creditsAttempted: Number(t.creditsAttempted), creditsEarned: Number(t.creditsEarned) }));
  const creditsEarned = transcript.reduce((n, t) => n + t.creditsEarned, 0);
  const audit = graduationAudit(
    requirements.map((r) => ({ subjectArea: r.subjectArea, credits: Number(r.credits) })).sort((a, b) => order(a.subjectArea) - order(b.subjectArea)),
    totalRequired,
    transcript,
    active.map((e) => ({ subjectArea: e.course.subjectArea, credits: e.course.credits })),
  );
  const online = active.map((e) => onlineRiskFacts({ ...e, title: e.course.title, masteryFailed: e.masteryFailed }, asOf));
  const risk = riskFor({
    attendanceRate: s.attendanceRate === null ? null : Number(s.attendanceRate),
    suspensions: s.suspensions,
    coursesFailedThisYear: s.coursesFailedThisYear,
    gradeLevel: s.gradeLevel,
    creditsEarned,
    totalCreditsRequired: totalRequired,
    online,
  });
  const projection = projectGraduation({
    status: s.status,
    cohortYear: s.cohortYear,
    creditsEarned,
    onPaceCreditsInProgress: active.filter((e) => e.pace.status !== "BEHIND").reduce((n, e) => n + e.course.credits, 0),
    totalRequired,
    asOf,
  });
  const recovered = new Set(enrollmentRows.filter((e) => e.replacesId && (e.status === "ACTIVE" || e.status === "COMPLETED")).map((e) => e.replacesId!));
  const recovery = recoverableCourses(transcript, recovered).map((t) => ({
    ...t,
    offers: catalog.filter((c) => c.subjectArea === t.subjectArea && c.programType === "CREDIT_RECOVERY").map((c) => ({ ...c, credits: Number(c.credits) })),
  }));

  return {
    student: {
      id: s.id, sisId: s.sisId, stateId: s.stateId, firstName: s.firstName, middleName: s.middleName, lastName: s.lastName,
      birthDate: s.birthDate, school: s.school.name, gradeLevel: s.gradeLevel, cohortYear: s.cohortYear, firstNinthGradeYear: s.firstNinthGradeYear,
      raceEthnicity: s.raceEthnicity, gender: s.gender, englishLearner: s.englishLearner, specialEducation: s.specialEducation, lowIncome: s.lowIncome,
      counselor: s.counselor, status: s.status, statusDate: s.statusDate, version: s.version,
      attendanceRate: s.attendanceRate === null ? null : Number(s.attendanceRate), suspensions: s.suspensions, coursesFailedThisYear: s.coursesFailedThisYear,
    },
    statusEvents,
    transcript,
    audit,
    creditsEarned,
    risk,
    needsAttention: needsAttention(risk.level, notes[0]?.createdAt ?? null, asOf),
    projection,
    enrollments,
    recovery,
    catalog: catalog.map((c) => ({ ...c, credits: Number(c.credits) })),
    notes,
  };
}

export type StudentRecord = Awaited<ReturnType<typeof getStudentRecord>>;
export type EnrollmentView = StudentRecord["enrollments"][number];

const SUBJECT_ORDER: SubjectArea[] = ["ENGLISH", "MATHEMATICS", "SCIENCE", "HISTORY_SOCIAL_STUDIES", "WORLD_LANGUAGE", "ARTS", "ELECTIVE"];
const order = (a: SubjectArea) => SUBJECT_ORDER.indexOf(a);

type LoadedEnrollment = Prisma.EnrollmentGetPayload<{ include: typeof enrollmentInclude }>;

function enrollmentView(e: LoadedEnrollment, asOf: Date) {
  const threshold = e.course.masteryThreshold;
  const assessments: AssessmentFacts[] = e.course.assessments.map((a) => ({ id: a.id, position: a.position, kind: a.kind, weight: Number(a.weight), maxScore: Number(a.maxScore) }));
  const results: ResultFacts[] = e.results.map((r) => ({ assessmentId: r.assessmentId, score: Number(r.score), attempt: r.attempt, takenOn: r.takenOn }));
  const best = bestPercents(assessments, results);
  const done = new Set(results.map((r) => r.assessmentId));
  const isActive = e.status === "ACTIVE";
  const pace = paceFor(e, asOf);
  const due = isActive ? dueCount(e.startDate, e.targetDate, assessments.length, asOf) : 0;
  const doneOfDue = assessments.filter((a) => a.position <= due && done.has(a.id)).length;
  const rate = onScheduleRate(due, doneOfDue);
  const idle = daysInactive(e.lastActivityOn, e.startDate, asOf);
  return {
    id: e.id,
    version: e.version,
    status: e.status,
    startDate: e.startDate,
    targetDate: e.targetDate,
    endedOn: e.endedOn,
    endReason: e.endReason,
    progress: e.progress,
    lastActivityOn: e.lastActivityOn,
    finalGrade: e.finalGrade === null ? null : Number(e.finalGrade),
    creditAwarded: e.creditAwarded === null ? null : Number(e.creditAwarded),
    replaces: e.replaces,
    course: {
      id: e.course.id, title: e.course.title, provider: e.course.provider.name, subjectArea: e.course.subjectArea, programType: e.course.programType,
      credits: Number(e.course.credits), masteryThreshold: threshold,
    },
    pace: { expected: Math.round(pace.expected), status: pace.status as PaceStatus },
    schedule: rate === null ? null : { rate, colour: scheduleColour(rate) as ScheduleColour, due, done: doneOfDue },
    daysInactive: idle,
    inactive: isActive && isInactive(idle),
    gradeToDate: gradeToDate(assessments, results),
    masteryFailed: hasFailedMastery(assessments, results, threshold),
    canComplete: isActive && canComplete(assessments, results, threshold),
    assessments: e.course.assessments.map((a) => {
      const max = Number(a.maxScore);
      const bp = best.get(a.id);
      return {
        id: a.id, position: a.position, title: a.title, kind: a.kind, weight: Number(a.weight), maxScore: max,
        best: bp ?? null,
        mastered: bp !== undefined && meetsMastery(bp, threshold),
        attempts: e.results.filter((r) => r.assessmentId === a.id).map((r) => {
          const pct = percentOf(Number(r.score), max);
          return { id: r.id, score: Number(r.score), percent: Math.round(pct * 10) / 10, attempt: r.attempt, takenOn: r.takenOn, mastery: meetsMastery(pct, threshold) };
        }),
      };
    }),
  };
}
