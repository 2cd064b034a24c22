import "server-only";
import { sql } from "kysely";
import { preparedQuery, sqlDb } from "@/lib/sql/db";
import { scopedStudent, scopeKey, scopeSlots, scopeValues, type ScopeActor, type ScopeValues } from "@/lib/sql/fragments/scope";

const query = preparedQuery((v: ScopeValues & { id: string }, who: ScopeActor) => {
  const db = sqlDb();
  return db
    .selectFrom("StatusEvent as e")
    .leftJoin("User as u", "u.id", "e.recordedById")
    .select((eb) => [
      "e.id",
      "e.kind",
      "e.effectiveDate",
      "e.gradeLevel",
      "e.transferIn",
      "e.documented",
      "e.credential",
      "e.reason",
      sql<{ name: string } | null>`CASE WHEN ${eb.ref("u.id")} IS NULL THEN NULL ELSE json_build_object('name', ${eb.ref("u.name")}) END`.as("recordedBy"),
    ])
    .where("e.studentId", "in", scopedStudent(db, v.id, scopeSlots(who, v)))
    .orderBy("e.effectiveDate", "desc")
    .orderBy("e.sequence", "desc");
}, scopeKey);

/**
 * One student's status history for the student page (lib/students/record.ts), newest first, with
 * who recorded each event (null for an import's). Nothing for a student out of `who`'s scope.
 * Prepared: every page view.
 */
export async function studentStatusEvents(id: string, who: ScopeActor) {
  return (await query({ id, ...scopeValues(who) }, who)).rows;
}
