import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AssessmentKind, Credential, Gender, NoteKind, ProgramType, RaceEthnicity, StatusEventKind, StudentStatus } from "@/lib/generated/prisma/enums";
import { PREPARED, sqlRows } from "@/lib/db";
import { districtDay } from "@/lib/calendar";
import { assertLookupId, NotFoundError, readableNoteSql, studentScopeSql, type Viewer } from "@/lib/access";
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
import { studentEnrollments } from "@/lib/sql/queries/student-enrollments";
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
// in one round trip: SQL straight to the driver (lib/db.ts sqlRows), no per-enrollment queries.

type SubjectRow = { subjectArea: SubjectArea; credits: number };
type StudentRow = {
  id: string;
  sisId: string;
  stateId: string | null;
  firstName: string;
  middleName: string | null;
  lastName: string;
  birthDate: Date;
  school: string;
  gradeLevel: number;
  cohortYear: number;
  firstNinthGradeYear: number | null;
  raceEthnicity: RaceEthnicity;
  gender: Gender;
  englishLearner: boolean;
  specialEducation: boolean;
  lowIncome: boolean;
  status: StudentStatus;
  statusDate: Date | null;
  version: number;
  attendanceRate: number | null;
  suspensions: number;
  coursesFailedThisYear: number;
  counselorId: string | null;
  counselorName: string | null;
  counselorEmail: string | null;
  totalRequired: number | null;
  requirements: SubjectRow[];
  lastContactDay: Date | null;
};
type StatusEventRow = {
  id: string;
  kind: StatusEventKind;
  effectiveDate: Date;
  gradeLevel: number | null;
  transferIn: boolean | null;
  documented: boolean | null;
  credential: Credential | null;
  reason: string | null;
  recordedBy: { name: string } | null;
};
type TranscriptRow = {
  id: string;
  courseCode: string;
  courseTitle: string;
  subjectArea: SubjectArea;
  schoolYear: number;
  term: string;
  grade: string;
  creditsAttempted: number;
  creditsEarned: number;
  enrollmentId: string | null;
};
type CatalogRow = {
  id: string;
  title: string;
  subjectArea: SubjectArea;
  programType: ProgramType;
  credits: number;
  expectedWeeks: number;
  recovers: string[];
  provider: { name: string };
};
type EnrollmentRow = Awaited<ReturnType<typeof studentEnrollments>>[number];
type AssessmentRow = { id: string; courseId: string; version: number; position: number; title: string; kind: AssessmentKind; weight: number; maxScore: number };
type ResultRow = { id: string; enrollmentId: string; assessmentId: string; score: number; attempt: number; takenOn: Date };
type NoteRow = { id: string; kind: NoteKind; body: string; version: number; createdAt: Date; restricted: boolean; author: { id: string; name: string } };

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
  const scoped = Prisma.sql`(SELECT s.id FROM "Student" s WHERE s.id = ${id} AND ${studentScopeSql(viewer)})`;
  // One round trip: the statements run in parallel on the pool, the audit insert among them.
  const [[s], statusEvents, transcript, catalog, enrollmentRows, assessmentRows, resultRows, notes] = await Promise.all([
    sqlRows<StudentRow>(
      Prisma.sql`
      SELECT s.id, s."sisId", s."stateId", s."firstName", s."middleName", s."lastName", s."birthDate", sc.name AS school,
             s."gradeLevel", s."cohortYear", s."firstNinthGradeYear", s."raceEthnicity"::text, s.gender::text,
             s."englishLearner", s."specialEducation", s."lowIncome", s.status::text, s."statusDate", s.version,
             s."attendanceRate"::float8 AS "attendanceRate", s.suspensions, s."coursesFailedThisYear",
             c.id AS "counselorId", c.name AS "counselorName", c.email AS "counselorEmail",
             (SELECT max(ct."occurredOn") FROM "Contact" ct WHERE ct."studentId" = s.id) AS "lastContactDay",
             (SELECT d."totalCreditsRequired"::float8 FROM "DistrictSettings" d WHERE d.id = 1) AS "totalRequired",
             (SELECT coalesce(json_agg(json_build_object('subjectArea', g."subjectArea", 'credits', g.credits::float8)), '[]'::json)
                FROM "GraduationRequirement" g) AS requirements
      FROM "Student" s JOIN "School" sc ON sc.id = s."schoolId" LEFT JOIN "User" c ON c.id = s."counselorId"
      WHERE s.id IN ${scoped}`,
      PREPARED,
    ),
    sqlRows<StatusEventRow>(
      Prisma.sql`
      SELECT e.id, e.kind::text, e."effectiveDate", e."gradeLevel", e."transferIn", e.documented, e.credential::text, e.reason,
             CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('name', u.name) END AS "recordedBy"
      FROM "StatusEvent" e LEFT JOIN "User" u ON u.id = e."recordedById"
      WHERE e."studentId" IN ${scoped}
      ORDER BY e."effectiveDate" DESC, e.sequence DESC`,
      PREPARED,
    ),
    sqlRows<TranscriptRow>(
      Prisma.sql`
      SELECT t.id, t."courseCode", t."courseTitle", t."subjectArea"::text, t."schoolYear", t.term, t.grade,
             t."creditsAttempted"::float8 AS "creditsAttempted", t."creditsEarned"::float8 AS "creditsEarned", t."enrollmentId"
      FROM "TranscriptCourse" t
      WHERE t."studentId" IN ${scoped}
      ORDER BY t."schoolYear", t."courseCode", t.id`,
      PREPARED,
    ),
    sqlRows<CatalogRow>(
      Prisma.sql`
      SELECT c.id, c.title, c."subjectArea"::text, c."programType"::text, c.credits::float8 AS credits, c."expectedWeeks", c.recovers,
             json_build_object('name', p.name) AS provider
      FROM "OnlineCourse" c JOIN "Provider" p ON p.id = c."providerId"
      WHERE c.active
      ORDER BY c."subjectArea", c.title, c.id`,
      PREPARED,
    ),
    studentEnrollments(id, viewer),
    sqlRows<AssessmentRow>(
      Prisma.sql`
      SELECT a.id, a."courseId", a.version, a.position, a.title, a.kind::text, a.weight::float8 AS weight, a."maxScore"::float8 AS "maxScore"
      FROM "CourseAssessment" a
      WHERE (a."courseId", a.version) IN (SELECT e."courseId", e."courseVersion" FROM "Enrollment" e WHERE e."studentId" IN ${scoped})
      ORDER BY a."courseId", a.version, a.position`,
      PREPARED,
    ),
    sqlRows<ResultRow>(
      Prisma.sql`
      SELECT r.id, r."enrollmentId", r."assessmentId", r.score::float8 AS score, r.attempt, r."takenOn"
      FROM "AssessmentResult" r JOIN "Enrollment" e ON e.id = r."enrollmentId"
      WHERE e."studentId" IN ${scoped}
      ORDER BY r."takenOn", r.attempt, r.id`,
      PREPARED,
    ),
    // Notes the viewer may read (lib/access.ts readableNoteSql: restricted notes only to their
    // author, the school's and district's administrators and those shared with), less the
    // FAMILY_CONTACT notes migrated into the contact log (shown there, not twice). Reading a
    // restricted note is audited in the same statement: one note.restricted-read event naming the
    // notes (collapsed within a second, like readAudit below).
    !withNotes
      ? Promise.resolve([] as NoteRow[])
      : sqlRows<NoteRow>(
          Prisma.sql`
      WITH clock AS (SELECT ${new Date()}::timestamp AS at), visible AS (
        SELECT n.id, n.kind::text AS kind, n.body, n.version, n."createdAt", n.restricted, json_build_object('id', u.id, 'name', u.name) AS author
        FROM "Note" n JOIN "Student" s ON s.id = n."studentId" JOIN "User" u ON u.id = n."authorId"
        WHERE n."studentId" IN ${scoped} AND ${readableNoteSql(viewer)}
          AND NOT EXISTS (SELECT 1 FROM "Contact" c WHERE c."noteId" = n.id)
      ), audited AS (
        INSERT INTO "AuditEvent" ("at", "userId", "action", "studentId", "entity", "entityId", "details")
        SELECT (SELECT at FROM clock), ${viewer.id}, 'note.restricted-read', ${id}, 'Student', ${id}, jsonb_build_object('noteIds', jsonb_agg(v.id ORDER BY v.id))
        FROM visible v
        WHERE v.restricted AND NOT EXISTS (
          SELECT 1 FROM "AuditEvent" a
          WHERE a."userId" = ${viewer.id} AND a.action = 'note.restricted-read' AND a."entityId" = ${id} AND a.at > (SELECT at FROM clock) - interval '1 second')
        HAVING count(*) > 0
        RETURNING 1
      )
      SELECT v.id, v.kind, v.body, v.version, v."createdAt", v.restricted, v.author FROM visible v
      ORDER BY v."createdAt" DESC, v.id`,
          PREPARED,
        ),
    readAudit(viewer, id, scoped),
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

/**
 * The read's audit event, in the same round trip as the reads (issues 6 and 14): `student.read`
 * for a student in scope, `student.read.refused` for an id out of scope or nonexistent (the id
 * asked for in entityId; the student, when it exists, in studentId, so "who looked at this
 * student?" finds refused attempts too). An identical event (same user, action, entity and id)
 * written less than one second before is not written again: a save re-renders the page two or
 * three times (the action's render, then revalidatePath + router.refresh), and that is one look.
 * Sequential reads are collapsed exactly; two reads racing on separate connections may both write.
 */
function readAudit(viewer: Viewer, id: string, scoped: Prisma.Sql) {
  const at = new Date();
  return sqlRows(
    Prisma.sql`
    INSERT INTO "AuditEvent" ("at", "userId", "action", "studentId", "entity", "entityId")
    SELECT ${at}, ${viewer.id}, ev.action, (SELECT s.id FROM "Student" s WHERE s.id = ${id}), 'Student', ${id}
    FROM (SELECT CASE WHEN EXISTS ${scoped} THEN 'student.read' ELSE 'student.read.refused' END AS action) ev
    WHERE NOT EXISTS (
      SELECT 1 FROM "AuditEvent" a
      WHERE a."userId" = ${viewer.id} AND a.action = ev.action AND a.entity = 'Student' AND a."entityId" = ${id}
        AND a.at > ${at}::timestamp - interval '1 second')`,
    PREPARED,
  );
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
  const credit = isActive ? creditDecision({ assessments: courseAssessments, results, masteryThreshold: threshold, passingGrade, credits: e.course.credits }) : null;
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
            return { id: r.id, score: r.score, percent: Math.round(pct * 10) / 10, attempt: r.attempt, takenOn: r.takenOn, mastery: meetsMastery(pct, threshold) };
          }),
      };
    }),
  };
}
