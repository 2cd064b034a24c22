import "server-only";
import { sql } from "kysely";
import type { Tx } from "@/lib/db";
import { executeIn, sqlDb } from "@/lib/sql/db";

/**
 * Stores one piece of a queued upload (lib/imports/queue.ts) inside the transaction that queues its
 * run. Sent as base64 and decoded by PostgreSQL: the embedded database's Prisma adapter refuses a
 * byte array parameter ("Invalid input for bytea type"), text passes through both adapters.
 */
export async function storedUploadPiece(tx: Tx, runId: string, seq: number, bytes: Uint8Array): Promise<number> {
  const b64 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
  return executeIn(
    tx,
    sqlDb()
      .insertInto("ImportUpload")
      .values({ runId, seq, data: sql<Buffer>`decode(${b64}, 'base64')` }),
  );
}
