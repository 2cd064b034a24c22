import "server-only";
import { sql } from "kysely";
import { preparedQuery, sqlDb } from "@/lib/sql/db";
import { scopedStudent, scopeKey, scopeSlots, scopeValues, type ScopeActor, type ScopeValues } from "@/lib/sql/fragments/scope";

const query = preparedQuery((v: ScopeValues & { id: string }, who: ScopeActor) => {
  const db = sqlDb();
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
    .where("t.studentId", "in", scopedStudent(db, v.id, scopeSlots(who, v)))
    .orderBy("t.schoolYear")
    .orderBy("t.courseCode")
    .orderBy("t.id");
}, scopeKey);

/**
 * One student's transcript for the student page (lib/students/record.ts), by school year and
 * course code; credits as float8. Nothing for a student out of `who`'s scope. Prepared.
 */
export async function studentTranscript(id: string, who: ScopeActor) {
  return (await query({ id, ...scopeValues(who) }, who)).rows;
}
