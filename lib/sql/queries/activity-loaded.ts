import "server-only";
import { sql } from "kysely";
import { sqlDb } from "@/lib/sql/db";

/** Whether any activity file was ever imported in the district (one stored session is enough). Prepared: the student page asks. */
export async function activityLoaded(): Promise<boolean> {
  const row = await sqlDb({ prepared: true }).selectFrom("ActivitySession").select(sql.lit(1).as("one")).limit(1).executeTakeFirst();
  return row !== undefined;
}
