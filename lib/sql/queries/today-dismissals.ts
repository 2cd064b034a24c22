import "server-only";
import { sql } from "kysely";
import { sqlDb } from "@/lib/sql/db";

/** The Today entries `userId` has set aside that are still set aside on `asOf` (YYYY-MM-DD). Every request: prepared. */
export async function todayDismissals(userId: string, asOf: string) {
  return sqlDb({ prepared: true })
    .selectFrom("TodayDismissal")
    .select(["studentId", "reason", "key", "until"])
    .where("userId", "=", userId)
    .where((eb) => eb.or([eb("until", "is", null), eb("until", ">", sql<Date>`${asOf}::date`)]))
    .execute();
}
