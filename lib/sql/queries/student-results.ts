import "server-only";
import { sql } from "kysely";
import { sqlDb } from "@/lib/sql/db";
import { scopedStudent, type ScopeActor } from "@/lib/sql/fragments/scope";

/**
 * Every assessment result of one student's enrollments, oldest first, for the student page
 * (lib/students/record.ts). Nothing for a student out of `who`'s scope. Prepared.
 */
export async function studentResults(id: string, who: ScopeActor) {
  const db = sqlDb({ prepared: true });
  return db
    .selectFrom("AssessmentResult as r")
    .innerJoin("Enrollment as e", "e.id", "r.enrollmentId")
    .select((eb) => ["r.id", "r.enrollmentId", "r.assessmentId", sql<number>`${eb.ref("r.score")}::float8`.as("score"), "r.attempt", "r.takenOn"])
    .where("e.studentId", "in", scopedStudent(db, id, who))
    .orderBy("r.takenOn")
    .orderBy("r.attempt")
    .orderBy("r.id")
    .execute();
}
