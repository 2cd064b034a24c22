import "server-only";
import { sql } from "kysely";
import { preparedQuery, sqlDb } from "@/lib/sql/db";

const query = preparedQuery((v: { userId: string; before: Date }) =>
  sqlDb()
    .selectFrom("AuditEvent")
    .select((eb) => eb.fn.max("at").as("at"))
    .where("userId", "=", v.userId)
    .where("action", "=", sql.lit("today.view"))
    .where("at", "<", v.before),
);

/** When `userId` last opened the Today list before `before` (its audit event "today.view"), or null. Every request: prepared. */
export async function lastTodayVisit(userId: string, before: Date): Promise<Date | null> {
  return (await query({ userId, before }, undefined)).rows.at(0)?.at ?? null;
}
