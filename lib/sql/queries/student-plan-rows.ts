import "server-only";
import { sql } from "kysely";
import { preparedQuery, sqlDb } from "@/lib/sql/db";
import { scopedStudent, scopeKey, scopeSlots, scopeValues, type ScopeActor, type ScopeValues } from "@/lib/sql/fragments/scope";
import type { PlanProgress } from "@/lib/generated/kysely/enums";

const query = preparedQuery((v: ScopeValues & { id: string }, who: ScopeActor) => {
  const db = sqlDb();
  return db
    .selectFrom("InterventionPlan as p")
    .innerJoin("User as o", "o.id", "p.ownerId")
    .innerJoin("User as cb", "cb.id", "p.createdById")
    .leftJoin("Enrollment as te", "te.id", "p.targetEnrollmentId")
    .leftJoin("OnlineCourse as tc", "tc.id", "te.courseId")
    .select((eb) => [
      "p.id",
      "p.type",
      "p.tier",
      "p.goal",
      "p.metric",
      sql<number | null>`${eb.ref("p.targetValue")}::float8`.as("targetValue"),
      "p.targetEnrollmentId",
      "p.targetText",
      "p.startDate",
      "p.nextFollowUp",
      "p.status",
      "p.statusReason",
      "p.closedOn",
      "p.version",
      "p.ownerId",
      "o.name as ownerName",
      "cb.name as createdByName",
      "te.id as targetId",
      "te.status as targetStatus",
      "te.progress as targetProgress",
      "te.startDate as targetStartDate",
      "te.targetDate as targetTargetDate",
      "tc.title as targetTitle",
      // Check-ins newest first; days as 'YYYY-MM-DD'.
      sql<{ id: string; date: string; note: string; progress: PlanProgress; authorName: string }[]>`coalesce((
        SELECT json_agg(json_build_object('id', ci.id, 'date', ci.date, 'note', ci.note, 'progress', ci.progress, 'authorName', a.name)
                        ORDER BY ci.date DESC, ci."createdAt" DESC, ci.id)
        FROM "PlanCheckIn" ci JOIN "User" a ON a.id = ci."authorId"
        WHERE ci."planId" = p.id), '[]')`.as("checkIns"),
    ])
    .where("p.studentId", "in", scopedStudent(db, v.id, scopeSlots(who, v)))
    .orderBy("p.startDate", "desc")
    .orderBy("p.createdAt", "desc")
    .orderBy("p.id");
}, scopeKey);

/**
 * One student's intervention plans (lib/plans/queries.ts studentPlans), newest start first, each
 * with its owner's and creator's names, its target enrollment and its check-ins. Nothing for a
 * student out of `who`'s scope. Prepared: every student page view.
 */
export async function studentPlanRows(id: string, who: ScopeActor) {
  return (await query({ id, ...scopeValues(who) }, who)).rows;
}
