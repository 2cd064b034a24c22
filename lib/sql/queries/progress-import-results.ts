import "server-only";
import { sql, type SqlBool } from "kysely";
import { sqlDb } from "@/lib/sql/db";
import { textArray } from "@/lib/sql/fragments/text-array";

/**
 * The assessment results of these enrollments (one chunk), scores as numbers, for the provider
 * progress import's read (lib/imports/progress). In the key's order: a row without an attempt
 * number that restates two attempts of the same score and day is the first attempt, whatever order
 * they were stored in (a read in storage order made it the one stored first).
 */
export async function progressImportResults(enrollmentIds: readonly string[]) {
  return sqlDb()
    .selectFrom("AssessmentResult")
    .select((eb) => ["id", "enrollmentId", "assessmentId", sql<number>`${eb.ref("score")}::float8`.as("score"), "attempt", "takenOn", "proctored"])
    .where(sql<SqlBool>`${sql.ref("enrollmentId")} = ANY(${textArray(enrollmentIds)})`)
    .orderBy("enrollmentId")
    .orderBy("assessmentId")
    .orderBy("attempt")
    .execute();
}
