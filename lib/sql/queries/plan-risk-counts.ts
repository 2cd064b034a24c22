import "server-only";
import { sql } from "kysely";
import { sqlDb } from "@/lib/sql/db";
import { studentInScope, type ScopeActor } from "@/lib/sql/fragments/scope";

/**
 * Enrolled students in scope by school and risk level on `asOf` (their latest RiskSnapshot row on
 * or before it; "NONE": no row yet), with how many have an active plan (lib/plans/report.ts (a)).
 */
export function planRiskCounts(who: ScopeActor, asOf: Date) {
  return sqlDb()
    .selectFrom("Student as s")
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("RiskSnapshot as x")
          .select("x.level")
          .whereRef("x.studentId", "=", "s.id")
          .where("x.day", "<=", sql<Date>`${asOf}::date`)
          .orderBy("x.day", "desc")
          .limit(1)
          .as("r"),
      (j) => j.onTrue(),
    )
    .select((eb) => [
      "s.schoolId as school",
      sql<string>`COALESCE(${sql.ref("r.level")}::text, 'NONE')`.as("level"),
      sql<number>`count(*)::int`.as("students"),
      sql<number>`count(*) FILTER (WHERE ${eb.exists(eb.selectFrom("InterventionPlan as p").select(sql.lit(1).as("one")).whereRef("p.studentId", "=", "s.id").where("p.status", "=", "ACTIVE"))})::int`.as(
        "withPlan",
      ),
    ])
    .where("s.status", "=", "ENROLLED")
    .where(studentInScope(who, "s"))
    .groupBy(sql`1, 2`)
    .execute();
}
