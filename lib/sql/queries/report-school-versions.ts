import "server-only";
import { sql } from "kysely";
import { preparedQuery, sqlDb } from "@/lib/sql/db";

const query = preparedQuery(
  (v: { schools: string[] | null }, all: boolean) =>
    sqlDb()
      .selectFrom("School as s")
      .leftJoin("ReportSchoolSource as r", "r.schoolId", "s.id")
      .select(["s.id as schoolId", "r.name", sql<string | null>`r.version::text`.as("version")])
      .$if(!all, (q) => q.where((eb) => eb("s.id", "=", eb.fn.any(eb.val(v.schools as string[])))))
      .orderBy("s.id"),
  (all) => (all ? "all" : "some"),
);

/**
 * Each school's report source versions (ReportSchoolSource, migration
 * 20261205000000_report_school_sources), one row per school and source written since, a school
 * never written with `name` null: the schools (in id order) whose rows lib/reports/cache.ts
 * cachedSchoolRows keeps. `schools` null: every school. Prepared: every report request.
 */
export async function reportSchoolVersions(schools: string[] | null) {
  return (await query({ schools }, schools === null)).rows;
}
