import "server-only";
import { sql } from "kysely";
import { preparedQuery, sqlDb } from "@/lib/sql/db";
import { scopedEnrollment } from "@/lib/sql/fragments/scoped-enrollment";
import { scopeKey, scopeSlots, scopeValues, type ScopeActor, type ScopeValues } from "@/lib/sql/fragments/scope";

const query = preparedQuery((v: ScopeValues & { id: string }, who: ScopeActor) => {
  const db = sqlDb();
  return db
    .selectFrom("CourseAssessment as a")
    .innerJoin("Enrollment as e", (j) => j.onRef("e.courseId", "=", "a.courseId").onRef("e.courseVersion", "=", "a.version"))
    .select((eb) => ["a.id", "a.position", "a.kind", sql<number>`${eb.ref("a.weight")}::float8`.as("weight"), sql<number>`${eb.ref("a.maxScore")}::float8`.as("maxScore")])
    .where("e.id", "in", scopedEnrollment(db, v.id, scopeSlots(who, v)))
    .orderBy("a.position");
}, scopeKey);

/**
 * The assessments of the course version an enrollment is graded on (Enrollment.courseVersion), in
 * order, for lib/enrollments/scoped.ts; none when `who` does not reach its student. Prepared.
 */
export async function scopedEnrollmentAssessments(id: string, who: ScopeActor) {
  return (await query({ id, ...scopeValues(who) }, who)).rows;
}
