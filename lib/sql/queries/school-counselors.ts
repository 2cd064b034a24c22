import "server-only";
import { sql } from "kysely";
import { sqlDb } from "@/lib/sql/db";

/** The active counselors of a school, by name (the Today list's counselor filter). Every request: prepared. */
export async function schoolCounselors(schoolId: string) {
  return sqlDb({ prepared: true })
    .selectFrom("User")
    .select(["id", "name"])
    .where("role", "=", sql.lit("COUNSELOR"))
    .where("schoolId", "=", schoolId)
    .where((eb) => eb.ref("active"))
    .orderBy("name")
    .execute();
}
