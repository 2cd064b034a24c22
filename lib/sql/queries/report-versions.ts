import "server-only";
import { sql } from "kysely";
import { preparedQuery, sqlDb } from "@/lib/sql/db";

const query = preparedQuery(
  (v: { schools: string[] | null }, all: boolean) =>
    sqlDb()
      .selectFrom("ReportSource")
      .select([sql<string | null>`NULL::text`.as("schoolId"), sql<string | null>`name`.as("name"), sql<string | null>`version::text`.as("version")])
      .unionAll(
        sqlDb()
          .selectFrom("School as s")
          .leftJoin("ReportSchoolSource as r", "r.schoolId", "s.id")
          .select(["s.id as schoolId", "r.name", sql<string | null>`r.version::text`.as("version")])
          .$if(!all, (q) => q.where((eb) => eb("s.id", "=", eb.fn.any(eb.val(v.schools as string[]))))),
      )
      // The schools in id order, as report-school-versions.ts gives them (cachedSchoolRows keys on it).
      .orderBy("schoolId"),
  (all) => (all ? "all" : "some"),
);

/**
 * The report sources' versions (ReportSource, `schoolId` null) and the versions of `schools`
 * (ReportSchoolSource; null: every school; a school never written has one row, `name` null), in
 * one statement — one snapshot, one round trip: what lib/reports/cache.ts reads once per request
 * of a view whose schools it knows, before any aggregate. Versions are int8, read as text (the
 * keys they are used as). Prepared: every report request.
 */
export async function reportVersions(schools: string[] | null) {
  return (await query({ schools }, schools === null)).rows;
}
