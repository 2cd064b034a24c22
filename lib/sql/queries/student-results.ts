import "server-only";
import { sql } from "kysely";
import { preparedQuery, sqlDb } from "@/lib/sql/db";
import { scopedStudent, scopeKey, scopeSlots, scopeValues, type ScopeActor, type ScopeValues } from "@/lib/sql/fragments/scope";

const query = preparedQuery((v: ScopeValues & { id: string }, who: ScopeActor) => {
  const db = sqlDb();
  return db
    .selectFrom("AssessmentResult as r")
    .innerJoin("Enrollment as e", "e.id", "r.enrollmentId")
    .select((eb) => ["r.id", "r.enrollmentId", "r.assessmentId", sql<number>`${eb.ref("r.score")}::float8`.as("score"), "r.attempt", "r.takenOn", "r.proctored"])
    .where("e.studentId", "in", scopedStudent(db, v.id, scopeSlots(who, v)))
    .orderBy("r.takenOn")
    .orderBy("r.attempt")
    .orderBy("r.id");
}, scopeKey);

/**
 * Every assessment result of one student's enrollments, oldest first, for the student page
 * (lib/students/record.ts). Nothing for a student out of `who`'s scope. Prepared.
 */
export async function studentResults(id: string, who: ScopeActor) {
  return (await query({ id, ...scopeValues(who) }, who)).rows;
}
