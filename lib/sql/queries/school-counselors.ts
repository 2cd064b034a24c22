import "server-only";
import { sql } from "kysely";
import { preparedQuery, sqlDb } from "@/lib/sql/db";

const query = preparedQuery((v: { schoolId: string }) =>
  sqlDb()
    .selectFrom("User")
    .select(["id", "name"])
    .where("role", "=", sql.lit("COUNSELOR"))
    .where("schoolId", "=", v.schoolId)
    .where((eb) => eb.ref("active"))
    .orderBy("name"),
);

/** The active counselors of a school, by name (the Today list's counselor filter). Every request: prepared. */
export async function schoolCounselors(schoolId: string) {
  return (await query({ schoolId }, undefined)).rows;
}
