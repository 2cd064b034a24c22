import "server-only";
import { sql } from "kysely";
import { sqlDb } from "@/lib/sql/db";
import { studentInScope, type ScopeActor } from "@/lib/sql/fragments/scope";

/**
 * Active plans in scope by school and owner, with each total (GROUPING SETS: null school = the
 * district, null owner = every owner): distinct students, plans, and those whose next follow-up is
 * before `asOf` (lib/plans/report.ts (c)).
 */
export function planOwnerCounts(who: ScopeActor, asOf: Date) {
  return sqlDb()
    .selectFrom("InterventionPlan as p")
    .innerJoin("Student as s", "s.id", "p.studentId")
    .innerJoin("User as u", "u.id", "p.ownerId")
    .select((eb) => [
      sql<string | null>`${sql.ref("s.schoolId")}`.as("school"),
      sql<string | null>`${sql.ref("p.ownerId")}`.as("owner"),
      sql<string | null>`max(${sql.ref("u.name")})`.as("name"),
      eb.cast<number>(eb.fn.count("p.studentId").distinct(), "integer").as("students"),
      sql<number>`count(*)::int`.as("active"),
      sql<number>`count(*) FILTER (WHERE ${sql.ref("p.nextFollowUp")} < ${asOf}::date)::int`.as("overdue"),
    ])
    .where("p.status", "=", "ACTIVE")
    .where(studentInScope(who, "s"))
    .groupBy(sql`GROUPING SETS ((${sql.ref("s.schoolId")}, ${sql.ref("p.ownerId")}), (${sql.ref("s.schoolId")}), (${sql.ref("p.ownerId")}), ())`)
    .execute();
}
