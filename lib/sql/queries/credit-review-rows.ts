import "server-only";
import { sql, type SqlBool } from "kysely";
import { preparedQuery, sqlDb } from "@/lib/sql/db";
import { passingGradeOfCourse } from "@/lib/sql/fragments/passing-grade";
import { scopeKey, scopeSlots, scopeValues, studentInScope, type ScopeActor, type ScopeValues } from "@/lib/sql/fragments/scope";

const query = preparedQuery((v: ScopeValues, who: ScopeActor) => {
  const passing = passingGradeOfCourse();
  return sqlDb()
    .selectFrom("Enrollment as e")
    .innerJoin("Student as s", "s.id", "e.studentId")
    .innerJoin("School as sc", "sc.id", "s.schoolId")
    .innerJoin("OnlineCourse as c", "c.id", "e.courseId")
    .leftJoin("TranscriptCourse as t", "t.enrollmentId", "e.id")
    .select((eb) => [
      "e.id as enrollmentId",
      "e.version",
      "s.id as studentId",
      "s.firstName",
      "s.lastName",
      "s.sisId",
      "sc.name as school",
      "c.title as courseTitle",
      sql<number | null>`${eb.ref("e.finalGrade")}::float8`.as("finalGrade"),
      passing.as("passingGrade"),
      "e.endedOn",
      // Not null: the list is of enrollments with credit.
      sql<number>`${eb.ref("e.creditAwarded")}::float8`.as("credits"),
      "t.id as transcriptCourseId",
      "e.endReason",
      eb
        .selectFrom("AuditEvent as a")
        .innerJoin("User as u", "u.id", "a.userId")
        .select("u.name")
        .where("a.action", "=", sql.lit("enrollment.complete"))
        .where("a.entity", "=", sql.lit("Enrollment"))
        .whereRef("a.entityId", "=", "e.id")
        .orderBy("a.at", "desc")
        .limit(1)
        .$asScalar()
        .$castTo<string | null>()
        .as("completedBy"),
    ])
    .where("e.status", "=", sql.lit("COMPLETED"))
    .where("e.creditAwarded", "is not", null)
    .where(studentInScope(scopeSlots(who, v)))
    .where((eb) => eb.or([eb("e.finalGrade", "is", null), sql<SqlBool>`${eb.ref("e.finalGrade")} < ${passing}`]))
    .orderBy("sc.name")
    .orderBy("s.lastName")
    .orderBy("s.firstName")
    .orderBy("e.endedOn")
    .orderBy("e.id");
}, scopeKey);

/**
 * Credits awarded under the old rule (lib/enrollments/credit-review.ts, issue 13): the completed
 * enrollments of students in `who`'s scope with credit whose final grade is missing or below the
 * passing grade in force (lib/sql/fragments/passing-grade.ts), with the transcript row the credit
 * made and who completed it (the latest `enrollment.complete` event; null for an import's). By
 * school, student and end date. Prepared.
 */
export async function creditReviewRows(who: ScopeActor) {
  return (await query(scopeValues(who), who)).rows;
}
