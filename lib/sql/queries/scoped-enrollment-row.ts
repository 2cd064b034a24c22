import "server-only";
import { sql } from "kysely";
import { jsonBuildObject } from "kysely/helpers/postgres";
import { preparedQuery, sqlDb } from "@/lib/sql/db";
import { scopedEnrollment } from "@/lib/sql/fragments/scoped-enrollment";
import { scopeKey, scopeSlots, scopeValues, type ScopeActor, type ScopeValues } from "@/lib/sql/fragments/scope";

const query = preparedQuery((v: ScopeValues & { id: string }, who: ScopeActor) => {
  const db = sqlDb();
  return db
    .selectFrom("Enrollment as e")
    .innerJoin("OnlineCourse as c", "c.id", "e.courseId")
    .select((eb) => [
      "e.id",
      "e.studentId",
      "e.status",
      "e.version",
      "e.startDate",
      jsonBuildObject({
        title: eb.ref("c.title"),
        providerCourseCode: eb.ref("c.providerCourseCode"),
        subjectArea: eb.ref("c.subjectArea"),
        credits: sql<number>`${eb.ref("c.credits")}::float8`,
        masteryThreshold: eb.ref("c.masteryThreshold"),
      }).as("course"),
    ])
    .where("e.id", "in", scopedEnrollment(db, v.id, scopeSlots(who, v)));
}, scopeKey);

/**
 * The enrollment an action works on (lib/enrollments/scoped.ts loadScopedEnrollment) with its
 * course, or undefined when `who` does not reach its student. Prepared: every result recorded.
 */
export async function scopedEnrollmentRow(id: string, who: ScopeActor) {
  return (await query({ id, ...scopeValues(who) }, who)).rows.at(0);
}
