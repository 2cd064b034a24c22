import "server-only";
import { sql } from "kysely";
import { preparedQuery, sqlDb } from "@/lib/sql/db";
import { scopedStudent, scopeKey, scopeSlots, scopeValues, type ScopeActor, type ScopeValues } from "@/lib/sql/fragments/scope";
import type { GuardianRelationship } from "@/lib/generated/kysely/enums";

const query = preparedQuery((v: ScopeValues & { id: string }, who: ScopeActor) => {
  const db = sqlDb();
  return db
    .selectFrom("Contact as c")
    .innerJoin("User as a", "a.id", "c.authorId")
    .leftJoin("Guardian as g", "g.id", "c.guardianId")
    .leftJoin("Note as n", "n.id", "c.noteId")
    .select([
      "c.id",
      "c.withWhom",
      "c.method",
      "c.outcome",
      "c.outreach",
      "c.occurredOn",
      // A contact migrated from a FAMILY_CONTACT note shows the note's current text.
      sql<string>`coalesce(n.body, c.summary)`.as("summary"),
      "c.nextStep",
      "c.createdAt",
      "c.noteId",
      "a.name as authorName",
      "g.id as guardianId",
      sql<GuardianRelationship | null>`g.relationship`.as("guardianRelationship"),
    ])
    .where("c.studentId", "in", scopedStudent(db, v.id, scopeSlots(who, v)))
    .orderBy("c.occurredOn", "desc")
    .orderBy("c.createdAt", "desc")
    .orderBy("c.id", "desc");
}, scopeKey);

/**
 * One student's family contacts and outreach attempts, newest day first (lib/family/contacts.ts
 * listContacts). Nothing for a student out of `who`'s scope. Prepared: every student page view.
 */
export async function studentContacts(id: string, who: ScopeActor) {
  return (await query({ id, ...scopeValues(who) }, who)).rows;
}
