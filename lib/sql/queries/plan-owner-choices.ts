import "server-only";
import { sql } from "kysely";
import { preparedQuery, sqlDb } from "@/lib/sql/db";
import { planOwner } from "@/lib/sql/fragments/plan-owner";

const query = preparedQuery((v: { counselors: string[]; schools: string[] }) =>
  sqlDb()
    .selectFrom("User as u")
    .select(["u.id", "u.name"])
    .where(planOwner(sql`${v.counselors}::text[]`, sql`${v.schools}::text[]`))
    .orderBy("u.role")
    .orderBy("u.name")
    .orderBy("u.id"),
);

/**
 * Everyone who may own a plan of any of these students (their counselors, their schools'
 * administrators, the district's: lib/sql/fragments/plan-owner.ts), by role then name: the
 * caseload's bulk plan form (lib/caseload/bulk-choices.ts). Prepared: every caseload view.
 */
export async function planOwnerChoices(counselors: string[], schools: string[]) {
  return (await query({ counselors, schools }, undefined)).rows;
}
