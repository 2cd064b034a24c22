import "server-only";
import { sql, type SqlBool } from "kysely";
import { sqlDb } from "@/lib/sql/db";
import { textArray } from "@/lib/sql/fragments/text-array";

/**
 * The students with these SIS ids (one chunk): id and SIS id, for the provider imports' lookup
 * (lib/imports/bulk.ts studentIdsBySisId). One text[] parameter: through Prisma an `in` list of
 * 5,000 made a query plan of 5,000 parameters, and Prisma's client kept the plans of a city's file
 * (~82,000 SIS ids) for the rest of the import (~30 MB of the heap, heap snapshot).
 */
export async function studentsBySisId(sisIds: readonly string[]) {
  return sqlDb()
    .selectFrom("Student")
    .select(["id", "sisId"])
    .where(sql<SqlBool>`${sql.ref("sisId")} = ANY(${textArray(sisIds)})`)
    .execute();
}
