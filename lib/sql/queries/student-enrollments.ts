import "server-only";
import { sql } from "kysely";
import { preparedQuery, sqlDb } from "@/lib/sql/db";
import { masteryFailed } from "@/lib/sql/fragments/mastery-failed";
import { dayActiveSeconds } from "@/lib/sql/fragments/last-active-day";
import type { RigorPolicy } from "@/lib/enrollments/guardrails";
import { districtPassingGradeSetting } from "@/lib/sql/fragments/passing-grade";
import { scopedStudent, scopeKey, scopeSlots, scopeValues, type ScopeActor, type ScopeValues } from "@/lib/sql/fragments/scope";
import type { SubjectArea } from "@/lib/students/credits";
import type { ProgramType } from "@/lib/generated/kysely/enums";

const query = preparedQuery((v: ScopeValues & { id: string }, who: ScopeActor) => {
  const db = sqlDb();
  return db
    .selectFrom("Enrollment as e")
    .innerJoin("OnlineCourse as c", "c.id", "e.courseId")
    .innerJoin("Provider as p", "p.id", "c.providerId")
    .leftJoin("TranscriptCourse as t", "t.id", "e.replacesId")
    .leftJoin("RigorPolicy as rp", "rp.programType", "c.programType")
    .leftJoin("User as ou", "ou.id", "e.overrideById")
    .select((eb) => [
      "e.id",
      "e.version",
      "e.courseVersion",
      "e.status",
      "e.startDate",
      "e.targetDate",
      "e.endedOn",
      "e.endReason",
      "e.progress",
      "e.lastActivityOn",
      "e.dataAsOf",
      sql<number | null>`e."finalGrade"::float8`.as("finalGrade"),
      sql<number | null>`e."creditAwarded"::float8`.as("creditAwarded"),
      "e.replacesId",
      sql<{
        courseCode: string;
        courseTitle: string;
        subjectArea: SubjectArea;
        schoolYear: number;
      } | null>`CASE WHEN t.id IS NULL THEN NULL ELSE json_build_object('courseCode', t."courseCode", 'courseTitle', t."courseTitle", 'subjectArea', t."subjectArea", 'schoolYear', t."schoolYear") END`.as(
        "replaces",
      ),
      sql<{
        id: string;
        title: string;
        provider: string;
        subjectArea: SubjectArea;
        programType: ProgramType;
        credits: number;
        masteryThreshold: number;
        recovers: string[];
        /** The course's own passing grade (null = the district's) and the district's. */
        passingGrade: number | null;
        districtPassingGrade: number | null;
        /** The course's own rigor limits (null = its program type's policy). */
        minDaysEnrolled: number | null;
        minActiveMinutesPerCredit: number | null;
        requireProctoredSummative: boolean | null;
        maxAttemptsPerAssessment: number | null;
      }>`json_build_object('id', c.id, 'title', c.title, 'provider', p.name, 'subjectArea', c."subjectArea", 'programType', c."programType",
                           'credits', c.credits::float8, 'masteryThreshold', c."masteryThreshold", 'recovers', c.recovers,
                           'passingGrade', c."passingGrade", 'districtPassingGrade', ${districtPassingGradeSetting()},
                           'minDaysEnrolled', c."minDaysEnrolled", 'minActiveMinutesPerCredit', c."minActiveMinutesPerCredit",
                           'requireProctoredSummative', c."requireProctoredSummative", 'maxAttemptsPerAssessment', c."maxAttemptsPerAssessment")`.as("course"),
      masteryFailed().as("masteryFailed"),
      // The program type's rigor policy (lib/enrollments/guardrails.ts), null when none is set.
      sql<RigorPolicy | null>`CASE WHEN rp."programType" IS NULL THEN NULL ELSE json_build_object(
        'minDaysEnrolled', rp."minDaysEnrolled", 'minActiveMinutesPerCredit', rp."minActiveMinutesPerCredit",
        'requireProctoredSummative', rp."requireProctoredSummative", 'maxAttemptsPerAssessment', rp."maxAttemptsPerAssessment",
        'maxConcurrentPerStudent', rp."maxConcurrentPerStudent", 'priorityGrades', rp."priorityGrades", 'priorityNote', rp."priorityNote",
        'mode', rp.mode) END`.as("policy"),
      // Time on task on record (each day's dayActiveSeconds, summed); null when none was imported.
      eb
        .selectFrom(
          eb
            .selectFrom("ActivitySession as act")
            .select(sql<number>`${dayActiveSeconds()}`.as("s"))
            .whereRef("act.enrollmentId", "=", "e.id")
            .groupBy("act.day")
            .as("d"),
        )
        .select(sql<number | null>`sum(d.s)::float8`.as("s"))
        .$asScalar()
        .as("activeSeconds"),
      "e.overrideReason",
      "e.overrideAt",
      "e.overrideBreaches",
      "ou.name as overrideBy",
    ])
    .where("e.studentId", "in", scopedStudent(db, v.id, scopeSlots(who, v)))
    .orderBy("e.startDate", "desc")
    .orderBy("e.createdAt", "desc")
    .orderBy("e.id");
}, scopeKey);

/**
 * One student's online enrollments for the student page (lib/students/record.ts), newest start
 * first, each with its course (and the district's passing grade beside the course's own), the
 * transcript course it replaces, and the mastery-failed risk input — the caseload's own rule
 * (lib/sql/fragments/mastery-failed.ts). Nothing for a student out of `who`'s scope (or none).
 * Prepared: every page view.
 */
export async function studentEnrollments(studentId: string, who: ScopeActor) {
  return (await query({ id: studentId, ...scopeValues(who) }, who)).rows;
}
