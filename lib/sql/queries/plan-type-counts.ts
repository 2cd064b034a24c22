import "server-only";
import { sql } from "kysely";
import type { PlanType } from "@/lib/generated/kysely/enums";
import { sqlDb } from "@/lib/sql/db";
import { studentInScope, type ScopeActor } from "@/lib/sql/fragments/scope";

/**
 * Plans in scope by school and type, with each total (GROUPING SETS: null school = the district,
 * null type = every type), by status and distinct students — a student with plans of two types
 * counts once in the totals (lib/plans/report.ts (b)).
 */
export function planTypeCounts(who: ScopeActor) {
  const status = (s: "ACTIVE" | "MET" | "NOT_MET" | "DISCONTINUED") => sql<number>`count(*) FILTER (WHERE ${sql.ref("p.status")} = ${s})::int`;
  return sqlDb()
    .selectFrom("InterventionPlan as p")
    .innerJoin("Student as s", "s.id", "p.studentId")
    .select((eb) => [
      sql<string | null>`${sql.ref("s.schoolId")}`.as("school"),
      sql<PlanType | null>`${sql.ref("p.type")}`.as("type"),
      eb.cast<number>(eb.fn.count("p.studentId").distinct(), "integer").as("students"),
      status("ACTIVE").as("active"),
      status("MET").as("met"),
      status("NOT_MET").as("notMet"),
      status("DISCONTINUED").as("discontinued"),
    ])
    .where(studentInScope(who, "s"))
    .groupBy(sql`GROUPING SETS ((${sql.ref("s.schoolId")}, ${sql.ref("p.type")}), (${sql.ref("s.schoolId")}), (${sql.ref("p.type")}), ())`)
    .execute();
}
