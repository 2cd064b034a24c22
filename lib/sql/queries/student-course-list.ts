import "server-only";
import { sql } from "kysely";
import { preparedQuery, sqlDb } from "@/lib/sql/db";
import { scopedStudent, scopeKey, scopeSlots, scopeValues, type ScopeActor, type ScopeValues } from "@/lib/sql/fragments/scope";
import type { EnrollmentStatus } from "@/lib/generated/kysely/enums";

const query = preparedQuery((v: ScopeValues & { id: string }, who: ScopeActor) => {
  const db = sqlDb();
  return db
    .selectFrom("Student as s")
    .select([
      "s.id",
      sql<{ id: string; status: EnrollmentStatus; title: string; provider: string }[]>`coalesce((
        SELECT json_agg(json_build_object('id', e.id, 'status', e.status, 'title', c.title, 'provider', p.name) ORDER BY e."startDate" DESC, e.id)
        FROM "Enrollment" e JOIN "OnlineCourse" c ON c.id = e."courseId" JOIN "Provider" p ON p.id = c."providerId"
        WHERE e."studentId" = s.id), '[]')`.as("enrollments"),
    ])
    .where("s.id", "in", scopedStudent(db, v.id, scopeSlots(who, v)));
}, scopeKey);

/**
 * One student's online enrollments, newest start first, with their course's title and provider
 * (the student page's time on task, lib/enrollments/activity.ts). Undefined for a student out of
 * `who`'s scope (or none). Prepared: every student page view.
 */
export async function studentCourseList(id: string, who: ScopeActor) {
  return (await query({ id, ...scopeValues(who) }, who)).rows.at(0);
}
