import "server-only";
import { sql } from "kysely";
import { sqlDb } from "@/lib/sql/db";

/**
 * Every report source's version (ReportSource: one row per source a figure reads), in one
 * statement: lib/reports/cache.ts reads them once per request, before any aggregate.
 * `version` is int8: read as text, the key it is used as.
 */
export function reportSourceVersions() {
  return sqlDb()
    .selectFrom("ReportSource")
    .select(["name", sql<string>`version::text`.as("version")])
    .execute();
}
