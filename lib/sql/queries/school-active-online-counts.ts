import "server-only";
import { sql } from "kysely";
import { sqlDb } from "@/lib/sql/db";

/** Active online enrollments of each of these schools' students: one row per school that has any. */
export async function schoolActiveOnlineCounts(schoolIds: string[]) {
  return sqlDb()
    .selectFrom("Enrollment as e")
    .innerJoin("Student as s", "s.id", "e.studentId")
    .select(["s.schoolId", sql<number>`count(*)::int`.as("n")])
    .where("e.status", "=", "ACTIVE")
    .where((eb) => eb("s.schoolId", "=", eb.fn.any(eb.val(schoolIds))))
    .groupBy("s.schoolId")
    .execute();
}
