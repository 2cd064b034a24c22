import "server-only";
import { sql } from "kysely";
import { sqlDb } from "@/lib/sql/db";
import { scopedEnrollment } from "@/lib/sql/fragments/scoped-enrollment";
import type { ScopeActor } from "@/lib/sql/fragments/scope";

/** An enrollment's results, oldest first, for lib/enrollments/scoped.ts; none when `who` does not reach its student. Prepared. */
export async function scopedEnrollmentResults(id: string, who: ScopeActor) {
  const db = sqlDb({ prepared: true });
  return db
    .selectFrom("AssessmentResult as r")
    .select((eb) => ["r.assessmentId", sql<number>`${eb.ref("r.score")}::float8`.as("score"), "r.attempt", "r.takenOn"])
    .where("r.enrollmentId", "in", scopedEnrollment(db, id, who))
    .orderBy("r.takenOn")
    .orderBy("r.attempt")
    .orderBy("r.id")
    .execute();
}
