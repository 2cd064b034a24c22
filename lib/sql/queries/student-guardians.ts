import "server-only";
import { preparedQuery, sqlDb } from "@/lib/sql/db";
import { scopedStudent, scopeKey, scopeSlots, scopeValues, type ScopeActor, type ScopeValues } from "@/lib/sql/fragments/scope";

const query = preparedQuery((v: ScopeValues & { id: string }, who: ScopeActor) => {
  const db = sqlDb();
  return db
    .selectFrom("Guardian as g")
    .select(["g.id", "g.name", "g.relationship", "g.phone", "g.email", "g.preferredLanguage", "g.noContact", "g.rightsHolder", "g.interpreter", "g.sourcedId", "g.version"])
    .where("g.studentId", "in", scopedStudent(db, v.id, scopeSlots(who, v)))
    .orderBy("g.createdAt")
    .orderBy("g.id");
}, scopeKey);

/**
 * One student's guardians in the order they were added (lib/family/guardians.ts listGuardians).
 * Nothing for a student out of `who`'s scope. Prepared: every student page view.
 */
export async function studentGuardians(id: string, who: ScopeActor) {
  return (await query({ id, ...scopeValues(who) }, who)).rows;
}
