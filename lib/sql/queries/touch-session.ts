import "server-only";
import { sqlDb } from "@/lib/sql/db";

/** Moves a session's lastSeenAt on to `now` unless a parallel request already did (since `touchBefore`). */
export async function touchSession(sid: string, now: Date, touchBefore: Date): Promise<void> {
  await sqlDb({ prepared: true }).updateTable("Session").set({ lastSeenAt: now }).where("id", "=", sid).where("lastSeenAt", "<", touchBefore).execute();
}
