import "server-only";
import { sql } from "kysely";
import { preparedQuery, sqlDb } from "@/lib/sql/db";

const query = preparedQuery((v: { userId: string; asOf: string }) =>
  sqlDb()
    .selectFrom("TodayDismissal")
    .select(["studentId", "reason", "key", "until"])
    .where("userId", "=", v.userId)
    .where((eb) => eb.or([eb("until", "is", null), eb("until", ">", sql<Date>`${v.asOf}::date`)])),
);

/** The Today entries `userId` has set aside that are still set aside on `asOf` (YYYY-MM-DD). Every request: prepared. */
export async function todayDismissals(userId: string, asOf: string) {
  return (await query({ userId, asOf }, undefined)).rows;
}
