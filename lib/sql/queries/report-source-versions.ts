import "server-only";
import { sql } from "kysely";
import { preparedQuery, sqlDb } from "@/lib/sql/db";

const query = preparedQuery(() =>
  sqlDb()
    .selectFrom("ReportSource")
    .select(["name", sql<string>`version::text`.as("version")]),
);

/**
 * Every report source's version (ReportSource: one row per source a figure reads), in one
 * statement: lib/reports/cache.ts reads them once per request, before any aggregate.
 * `version` is int8: read as text, the key it is used as. Prepared: every report request.
 */
export async function reportSourceVersions() {
  return (await query({}, undefined)).rows;
}
