import "server-only";
import { districtDay } from "@/lib/calendar";
import { assertLookupId, NotFoundError, type Viewer } from "@/lib/access";
import { recordRefusal } from "@/lib/audit";
import {
  bestPercents,
  daysInactive,
  dueCount,
  gradeToDate,
  isInactive,
  meetsMastery,
  onScheduleRate,
  paceFor,
  percentOf,
  scheduleColour,
  type AssessmentFacts,
  type PaceStatus,
  type ResultFacts,
  type ScheduleColour,
} from "@/lib/enrollments/rules";
import { creditDecision, passingGradeFor } from "@/lib/enrollments/credit";
import { limitsFor } from "@/lib/enrollments/guardrails";
import { activeCatalog } from "@/lib/sql/queries/active-catalog";
import { studentCourseAssessments } from "@/lib/sql/queries/student-course-assessments";
import { studentEnrollments } from "@/lib/sql/queries/student-enrollments";
import { studentProfile } from "@/lib/sql/queries/student-profile";
import { studentReadAudit } from "@/lib/sql/queries/student-read-audit";
import { studentReadableNotes } from "@/lib/sql/queries/student-readable-notes";
import { studentResults } from "@/lib/sql/queries/student-results";
import { studentStatusEvents } from "@/lib/sql/queries/student-status-events";
import { studentTranscript } from "@/lib/sql/queries/student-transcript";
import { projectGraduation, recoverableCourses, type SubjectArea } from "./graduation";
import { creditsBehindOnTrack, creditsEarned as creditsEarnedOf, creditsStillNeededAfterOnPace, DIPLOMA_CREDITS_DEFAULT, graduationAudit } from "./credits";
import { paceDisagreement } from "@/lib/enrollments/pace-note";
import { isRecovering, recoveryOffers, recoversCode } from "./recovery";
import { latestFollowUp, needsAttention, onlineRiskFacts, riskFor } from "./rules";
import { statusChoices } from "./status";

// One student's record for the student page and the printable plan: profile, status history,
// graduation audit and projection, online enrollments (pace, schedule, grade, assessment history),
// notes, and failed courses with the recovery courses the catalog offers for them.
// A fixed number of statements whatever the record's size (asserted in caseload.int.test.ts), all
// in one round trip: typed statements of lib/sql/queries (student-*.ts), no per-enrollment queries.

type EnrollmentRow = Awaited<ReturnType<typeof studentEnrollments>>[number];
type AssessmentRow = Awaited<ReturnType<typeof studentCourseAssessments>>[number];
type ResultRow = Awaited<ReturnType<typeof studentResults>>[number];

// Columns are cast in SQL to what the page uses (numeric → float8, so a JavaScript number).
// Every statement names the scoped student, so each returns nothing for an id out of scope.
//
// `notes: false` (the letter and the printable plan, which show no notes) leaves the notes query
// out, and with it its note.restricted-read audit event: a restricted note is recorded as read only
// by a page that shows it. Then `notes` is empty and `needsAttention` (which reads them) is false.
export async function getStudentRecord(viewer: Viewer, id: string, asOf: Date, options: { notes?: boolean } = {}) {
  const withNotes = options.notes !== false;
  try {
    assertLookupId(id, "Student");
  } catch (e) {
    // An id no row can have (a NUL, absurdly long) never reaches the SQL below: record it here.
    await recordRefusal(viewer, { action: "student.read.refused", entity: "Student", id });
    throw e;
  }
  // One round trip: the statements run in parallel on the pool, the audit insert among them.
  // Notes the viewer may read (lib/sql/fragments/scope.ts noteReadable), with the
  // note.restricted-read audit event in the same statement (lib/sql/queries/student-readable-notes.ts).
  const [s, statusEvents, transcript, catalog, enrollmentRows, assessmentRows, resultRows, notes] = await Promise.all([
    studentProfile(id, viewer),
    studentStatusEvents(id, viewer),
    studentTranscript(id, viewer),
    activeCatalog(),
    studentEnrollments(id, viewer),
    studentCourseAssessments(id, viewer),
    studentResults(id, viewer),
    withNotes ? studentReadableNotes(id, viewer) : Promise.resolve([]),
    studentReadAudit(id, viewer),
  ]);
  if (!s) throw new NotFoundError("Student");

  // Each enrollment is graded on its own course version's assessments (lib/catalog/write.ts).
  const assessmentsBy = groupBy(assessmentRows, (a) => `${a.courseId}|${a.version}`);
  const resultsBy = groupBy(resultRows, (r) => r.enrollmentId);
  const requirements = s.requirements;
  const totalRequired = s.totalRequired ?? DIPLOMA_CREDITS_DEFAULT;
  const enrollments = enrollmentRows.map((e) => enrollmentView(e, assessmentsBy.get(`${e.course.id}|${e.courseVersion}`) ?? [], resultsBy.get(e.id) ?? [], asOf));
  const active = enrollments.filter((e) => e.status === "ACTIVE");
  // The credit figures (credits.ts): the audit's total carries credits earned, in progress, still
  // needed and still needed after courses in progress, the same figures the caseload shows.
  const sortedRequirements = [...requirements].sort((a, b) => order(a.subjectArea) - order(b.subjectArea));
  const inProgress = (list: typeof active) => list.map((e) => ({ subjectArea: e.course.subjectArea, credits: e.course.credits }));
  const audit = graduationAudit(sortedRequirements, totalRequired, transcript, inProgress(active));
  // The caseload's rule (credits.ts creditsEarned), over the transcript rows; the audit's total earned is the same figure.
  const creditsEarned = creditsEarnedOf(transcript);
  const online = active.map((e) => onlineRiskFacts({ ...e, title: e.course.title, masteryFailed: e.masteryFailed }, asOf));
  const risk = riskFor({
    attendanceRate: s.attendanceRate,
    suspensions: s.suspensions,
    coursesFailedThisYear: s.coursesFailedThisYear,
    gradeLevel: s.gradeLevel,
    creditsEarned,
    totalCreditsRequired: totalRequired,
    online,
  });
  // The projection's input is "Still needed after on-pace courses" (credits.ts): online courses on
  // pace count as coming in, those behind pace do not.
  const stillNeededAfterOnPace = creditsStillNeededAfterOnPace(
    sortedRequirements,
    totalRequired,
    transcript,
    active.map((e) => ({ subjectArea: e.course.subjectArea, credits: e.course.credits, behindPace: e.pace.status === "BEHIND" })),
  );
  const projection = projectGraduation({
    status: s.status,
    cohortYear: s.cohortYear,
    creditsNeeded: stillNeededAfterOnPace,
    diplomaCredits: totalRequired,
    asOf,
  });
  const recovered = new Set(enrollmentRows.filter(isRecovering).map((e) => e.replacesId!));
  // Replacements (the catalog says they recover this SIS code) first, then the subject's other
  // recovery courses, which earn the subject's credit but are not the same course (./recovery.ts).
  const recovery = recoverableCourses(transcript, recovered).map((t) => ({ ...t, ...recoveryOffers(t, catalog) }));

  return {
    student: {
      id: s.id,
      sisId: s.sisId,
      stateId: s.stateId,
      firstName: s.firstName,
      middleName: s.middleName,
      lastName: s.lastName,
      birthDate: s.birthDate,
      school: s.school,
      gradeLevel: s.gradeLevel,
      cohortYear: s.cohortYear,
      firstNinthGradeYear: s.firstNinthGradeYear,
      raceEthnicity: s.raceEthnicity,
      gender: s.gender,
      englishLearner: s.englishLearner,
      specialEducation: s.specialEducation,
      lowIncome: s.lowIncome,
      counselor: s.counselorId === null ? null : { id: s.counselorId, name: s.counselorName!, email: s.counselorEmail! },
      status: s.status,
      statusDate: s.statusDate,
      version: s.version,
      attendanceRate: s.attendanceRate,
      suspensions: s.suspensions,
      coursesFailedThisYear: s.coursesFailedThisYear,
    },
    statusEvents,
    /** What the status form offers: the server's rule on the history's last event (newest first above). */
    statusChoices: statusChoices(s.status, statusEvents[0]),
    transcript,
    audit,
    creditsEarned,
    creditsBehindOnTrack: creditsBehindOnTrack(s.gradeLevel, totalRequired, creditsEarned),
    risk,
    // As on the caseload: followed up by a note the viewer may read or a family contact.
    needsAttention: withNotes && needsAttention(risk.level, latestFollowUp(notes[0]?.createdAt ?? null, s.lastContactDay), asOf),
    projection,
    enrollments,
    recovery,
    catalog,
    notes,
  };
}

export type StudentRecord = Awaited<ReturnType<typeof getStudentRecord>>;
export type EnrollmentView = StudentRecord["enrollments"][number];

const SUBJECT_ORDER: SubjectArea[] = ["ENGLISH", "MATHEMATICS", "SCIENCE", "HISTORY_SOCIAL_STUDIES", "WORLD_LANGUAGE", "ARTS", "ELECTIVE"];
const order = (a: SubjectArea) => SUBJECT_ORDER.indexOf(a);

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

function enrollmentView(e: EnrollmentRow, courseAssessments: AssessmentRow[], resultRows: ResultRow[], asOf: Date) {
  const threshold = e.course.masteryThreshold;
  const assessments: AssessmentFacts[] = courseAssessments;
  const results: ResultFacts[] = resultRows;
  const best = bestPercents(assessments, results);
  const done = new Set(results.map((r) => r.assessmentId));
  const isActive = e.status === "ACTIVE";
  const pace = paceFor(e, asOf);
  const due = isActive ? dueCount(e.startDate, e.targetDate, assessments.length, asOf) : 0;
  const doneOfDue = assessments.filter((a) => a.position <= due && done.has(a.id)).length;
  const rate = onScheduleRate(due, doneOfDue);
  const idle = daysInactive(e.lastActivityOn, e.startDate, asOf);
  const passingGrade = passingGradeFor(e.course.passingGrade, e.course.districtPassingGrade);
  // The rigor guardrails in force (the course's own limits, else its program type's), with today as
  // the completion date, as the complete action applies them (lib/enrollments/complete.ts).
  const limits = limitsFor(e.policy, e.course);
  const rigor = { limits, facts: { startDate: e.startDate, completedOn: asOf, activeSeconds: e.activeSeconds } };
  const credit = isActive
    ? creditDecision({ assessments: courseAssessments, results: resultRows, masteryThreshold: threshold, passingGrade, credits: e.course.credits, rigor })
    : null;
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
    /** The district day of the last provider import that touched it; null = none (entered here). */
    dataAsOf: e.dataAsOf ? districtDay(e.dataAsOf) : null,
    finalGrade: e.finalGrade,
    creditAwarded: e.creditAwarded,
    // `replacement`: the course recovers the replaced SIS code; otherwise it earns that subject's
    // credit in its place (a substitute the counselor chose from the "other courses" group).
    replaces: e.replaces && { ...e.replaces, replacement: recoversCode(e.course.recovers, e.replaces.courseCode) },
    course: e.course,
    pace: { expected: Math.round(pace.expected), status: pace.status as PaceStatus },
    schedule: rate === null ? null : { rate, colour: scheduleColour(rate) as ScheduleColour, due, done: doneOfDue },
    /** Why progress-vs-expected and on-schedule % disagree, when they do (lib/enrollments/pace-note.ts). */
    paceNote:
      isActive && rate !== null
        ? paceDisagreement({ status: pace.status, expected: Math.round(pace.expected) }, e.progress, { colour: scheduleColour(rate), due, done: doneOfDue })
        : null,
    daysInactive: idle,
    inactive: isActive && isInactive(idle),
    gradeToDate: gradeToDate(assessments, results),
    // The risk input, by the caseload's own SQL rule (lib/sql/fragments/mastery-failed.ts).
    masteryFailed: e.masteryFailed,
    // The credit rule (lib/enrollments/credit.ts) as the complete action applies it: the card
    // shows the grade it would record and the passing grade, or why credit cannot be awarded.
    credit,
    canComplete: credit?.ok === true,
    /** The guardrails in force for this course (null = none), shown on the card. */
    rigor: limits,
    /** An administrator's override of broken guardrails at completion, when there was one. */
    override: e.overrideReason === null ? null : { reason: e.overrideReason, at: e.overrideAt, by: e.overrideBy, breaches: e.overrideBreaches ?? [] },
    assessments: courseAssessments.map((a) => {
      const max = a.maxScore;
      const bp = best.get(a.id);
      return {
        id: a.id,
        position: a.position,
        title: a.title,
        kind: a.kind,
        weight: a.weight,
        maxScore: max,
        best: bp ?? null,
        mastered: bp !== undefined && meetsMastery(bp, threshold),
        attempts: resultRows
          .filter((r) => r.assessmentId === a.id)
          .map((r) => {
            const pct = percentOf(r.score, max);
            return {
              id: r.id,
              score: r.score,
              percent: Math.round(pct * 10) / 10,
              attempt: r.attempt,
              takenOn: r.takenOn,
              mastery: meetsMastery(pct, threshold),
              proctored: r.proctored,
            };
          }),
      };
    }),
  };
}
