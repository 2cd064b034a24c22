import "server-only";
import { sql } from "kysely";
import { preparedQuery, sqlDb } from "@/lib/sql/db";

const query = preparedQuery(() => sqlDb().selectFrom("ActivitySession").select(sql.lit(1).as("one")).limit(sql.lit(1)));

/** Whether any activity file was ever imported in the district (one stored session is enough). Prepared: the student page asks. */
export async function activityLoaded(): Promise<boolean> {
  return (await query({}, undefined)).rows.length > 0;
}
