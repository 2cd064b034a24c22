import "server-only";
import { sql, type SqlBool } from "kysely";
import { sqlDb } from "@/lib/sql/db";
import { textArray } from "@/lib/sql/fragments/text-array";

/**
 * How many assessment results these enrollments hold (all of them, one statement: the unique
 * index's entries, no rows read), so the provider progress import's read (lib/imports/progress)
 * sizes its columns once instead of growing them (loaded-results.ts).
 */
export async function progressImportResultCount(enrollmentIds: readonly string[]): Promise<number> {
  const { n } = await sqlDb()
    .selectFrom("AssessmentResult")
    .select(sql<number>`count(*)::int`.as("n"))
    .where(sql<SqlBool>`${sql.ref("enrollmentId")} = ANY(${textArray(enrollmentIds)})`)
    .executeTakeFirstOrThrow();
  return n;
}
