import "server-only";
import { sql } from "kysely";
import { sqlDb } from "@/lib/sql/db";

/** When `userId` last opened the Today list before `before` (its audit event "today.view"), or null. Every request: prepared. */
export async function lastTodayVisit(userId: string, before: Date): Promise<Date | null> {
  const row = await sqlDb({ prepared: true })
    .selectFrom("AuditEvent")
    .select((eb) => eb.fn.max("at").as("at"))
    .where("userId", "=", userId)
    .where("action", "=", sql.lit("today.view"))
    .where("at", "<", before)
    .executeTakeFirst();
  return row?.at ?? null;
}
