import "server-only";
import { sql } from "kysely";
import { preparedQuery, sqlDb } from "@/lib/sql/db";
import { masteryFailed } from "@/lib/sql/fragments/mastery-failed";
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
    .select([
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
      }>`json_build_object('id', c.id, 'title', c.title, 'provider', p.name, 'subjectArea', c."subjectArea", 'programType', c."programType",
                           'credits', c.credits::float8, 'masteryThreshold', c."masteryThreshold", 'recovers', c.recovers,
                           'passingGrade', c."passingGrade", 'districtPassingGrade', ${districtPassingGradeSetting()})`.as("course"),
      masteryFailed().as("masteryFailed"),
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
