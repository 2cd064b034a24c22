import "server-only";
import { sql } from "kysely";
import { sqlDb } from "@/lib/sql/db";

/** One piece of a queued upload, as bytes (read as base64: see stored-upload-piece.ts); undefined when gone. */
export async function uploadPiece(runId: string, seq: number): Promise<Buffer | undefined> {
  const row = await sqlDb()
    .selectFrom("ImportUpload")
    .select(sql<string>`encode("data", 'base64')`.as("b64"))
    .where("runId", "=", runId)
    .where("seq", "=", seq)
    .executeTakeFirst();
  return row ? Buffer.from(row.b64, "base64") : undefined;
}
