import "server-only";
import { sql } from "kysely";
import { preparedQuery, sqlDb } from "@/lib/sql/db";
import { earnedBySubject } from "@/lib/sql/fragments/credits-earned";
import { planOwner } from "@/lib/sql/fragments/plan-owner";
import { scopedStudent, scopeKey, scopeSlots, scopeValues, type ScopeActor, type ScopeValues } from "@/lib/sql/fragments/scope";
import type { EnrollmentStatus, RiskLevel, Role } from "@/lib/generated/kysely/enums";

const query = preparedQuery((v: ScopeValues & { id: string }, who: ScopeActor) => {
  const db = sqlDb();
  return db
    .selectFrom("Student as s")
    .innerJoin("School as sc", "sc.id", "s.schoolId")
    .leftJoin("User as c", "c.id", "s.counselorId")
    .select((eb) => [
      "s.id",
      "s.schoolId",
      "s.counselorId",
      sql<number | null>`${eb.ref("s.attendanceRate")}::float8`.as("attendanceRate"),
      "s.suspensions",
      "s.firstName",
      "s.lastName",
      "s.sisId",
      "s.gradeLevel",
      "sc.name as schoolName",
      "c.name as counselorName",
      // Credits earned by subject (fragments/credits-earned.ts), totalled by lib/students/credits.ts.
      earnedBySubject().as("earnedBySubject"),
      // Who may own a plan (lib/sql/fragments/plan-owner.ts), by role (the enum's order), then name.
      sql<{ id: string; name: string; role: Role }[]>`coalesce((
        SELECT json_agg(json_build_object('id', u.id, 'name', u.name, 'role', u.role) ORDER BY u.role, u.name, u.id)
        FROM "User" u
        WHERE ${planOwner(sql`ARRAY[s."counselorId"]`, sql`ARRAY[s."schoolId"]`)}), '[]')`.as("owners"),
      // The online enrollments a course goal can name, newest first.
      sql<{ id: string; status: EnrollmentStatus; title: string }[]>`coalesce((
        SELECT json_agg(json_build_object('id', e.id, 'status', e.status, 'title', oc.title) ORDER BY e."startDate" DESC, e.id)
        FROM "Enrollment" e JOIN "OnlineCourse" oc ON oc.id = e."courseId"
        WHERE e."studentId" = s.id), '[]')`.as("enrollments"),
      // The daily risk snapshots (RiskSnapshot), oldest first; days as 'YYYY-MM-DD'.
      sql<{ day: string; level: RiskLevel; reasons: string[] }[]>`coalesce((
        SELECT json_agg(json_build_object('day', r.day, 'level', r.level, 'reasons', r.reasons) ORDER BY r.day)
        FROM "RiskSnapshot" r WHERE r."studentId" = s.id), '[]')`.as("risk"),
    ])
    .where("s.id", "in", scopedStudent(db, v.id, scopeSlots(who, v)));
}, scopeKey);

/**
 * What the intervention plans section reads beside the plans (lib/plans/queries.ts studentPlans):
 * the student (scoped), their credits earned by subject, who may own a plan, their online enrollments and
 * their risk history. Undefined for a student out of `who`'s scope (or none). Prepared: every
 * student page view.
 */
export async function studentPlanFacts(id: string, who: ScopeActor) {
  return (await query({ id, ...scopeValues(who) }, who)).rows.at(0);
}
