import "server-only";
import { sql } from "kysely";
import { preparedQuery, sqlDb } from "@/lib/sql/db";
import { scopedEnrollment } from "@/lib/sql/fragments/scoped-enrollment";
import { scopeKey, scopeSlots, scopeValues, type ScopeActor, type ScopeValues } from "@/lib/sql/fragments/scope";

const query = preparedQuery((v: ScopeValues & { id: string }, who: ScopeActor) => {
  const db = sqlDb();
  return db
    .selectFrom("AssessmentResult as r")
    .select((eb) => ["r.assessmentId", sql<number>`${eb.ref("r.score")}::float8`.as("score"), "r.attempt", "r.takenOn"])
    .where("r.enrollmentId", "in", scopedEnrollment(db, v.id, scopeSlots(who, v)))
    .orderBy("r.takenOn")
    .orderBy("r.attempt")
    .orderBy("r.id");
}, scopeKey);

/** An enrollment's results, oldest first, for lib/enrollments/scoped.ts; none when `who` does not reach its student. Prepared. */
export async function scopedEnrollmentResults(id: string, who: ScopeActor) {
  return (await query({ id, ...scopeValues(who) }, who)).rows;
}
