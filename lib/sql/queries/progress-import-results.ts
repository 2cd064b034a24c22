import "server-only";
import { sql, type SqlBool } from "kysely";
import { sqlDb } from "@/lib/sql/db";
import { textArray } from "@/lib/sql/fragments/text-array";

/** The assessment results of these enrollments (one chunk), scores as numbers, for the provider progress import's read (lib/imports/progress). */
export async function progressImportResults(enrollmentIds: readonly string[]) {
  return sqlDb()
    .selectFrom("AssessmentResult")
    .select((eb) => ["id", "enrollmentId", "assessmentId", sql<number>`${eb.ref("score")}::float8`.as("score"), "attempt", "takenOn", "proctored"])
    .where(sql<SqlBool>`${sql.ref("enrollmentId")} = ANY(${textArray(enrollmentIds)})`)
    .execute();
}
