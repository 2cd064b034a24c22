import "server-only";
import { sql } from "kysely";
import { sqlDb } from "@/lib/sql/db";
import { scopedStudent, type ScopeActor } from "@/lib/sql/fragments/scope";

/**
 * One student's transcript for the student page (lib/students/record.ts), by school year and
 * course code; credits as float8. Nothing for a student out of `who`'s scope. Prepared.
 */
export async function studentTranscript(id: string, who: ScopeActor) {
  const db = sqlDb({ prepared: true });
  return db
    .selectFrom("TranscriptCourse as t")
    .select((eb) => [
      "t.id",
      "t.courseCode",
      "t.courseTitle",
      "t.subjectArea",
      "t.schoolYear",
      "t.term",
      "t.grade",
      sql<number>`${eb.ref("t.creditsAttempted")}::float8`.as("creditsAttempted"),
      sql<number>`${eb.ref("t.creditsEarned")}::float8`.as("creditsEarned"),
      "t.enrollmentId",
    ])
    .where("t.studentId", "in", scopedStudent(db, id, who))
    .orderBy("t.schoolYear")
    .orderBy("t.courseCode")
    .orderBy("t.id")
    .execute();
}
