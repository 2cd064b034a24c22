import "server-only";
import { preparedQuery, sqlDb } from "@/lib/sql/db";

const query = preparedQuery((v: { sid: string; now: Date; touchBefore: Date }) =>
  sqlDb().updateTable("Session").set({ lastSeenAt: v.now }).where("id", "=", v.sid).where("lastSeenAt", "<", v.touchBefore),
);

/** Moves a session's lastSeenAt on to `now` unless a parallel request already did (since `touchBefore`). */
export async function touchSession(sid: string, now: Date, touchBefore: Date): Promise<void> {
  await query({ sid, now, touchBefore }, undefined);
}
