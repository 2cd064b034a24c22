import "server-only";
import { sql } from "kysely";
import { sqlDb } from "@/lib/sql/db";

/**
 * Every student as a roster import compares them (lib/imports/oneroster/plan.ts ExistingStudent):
 * plain rows on the pool, dates as text, so 60,000 students stay a few MB and a fraction of a second.
 */
export async function rosterStudents() {
  return sqlDb()
    .selectFrom("Student")
    .select([
      "id",
      "sourcedId",
      "sisId",
      "firstName",
      "middleName",
      "lastName",
      sql<string>`to_char("birthDate", 'YYYY-MM-DD')`.as("birthDate"),
      "schoolId",
      "gradeLevel",
      "raceEthnicity",
      "gender",
      "counselorId",
      sql<string | null>`to_char("counselorPinnedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS')`.as("counselorPinnedAt"),
      "counselorPinnedById",
    ])
    .execute();
}
