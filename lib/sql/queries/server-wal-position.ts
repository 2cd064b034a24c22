import "server-only";
import { sql } from "kysely";
import { sqlDb } from "@/lib/sql/db";

/**
 * Where the PostgreSQL server (the primary) has written its WAL to: every transaction committed
 * before this statement ran is recorded before this position. Read on the server, never inside
 * onReplica (lib/replica-reads.ts compares the replica's replay with it).
 */
export async function serverWalPosition(): Promise<string> {
  const row = await sqlDb()
    .selectNoFrom(sql<string>`pg_current_wal_lsn()::text`.as("lsn"))
    .executeTakeFirstOrThrow();
  return row.lsn;
}
