import "server-only";
import { sql } from "kysely";
import { sqlDb } from "@/lib/sql/db";

/**
 * Where the PostgreSQL server (the primary) has inserted WAL up to: every transaction visible before
 * this statement ran has its commit record before this position. The insert position, not the write
 * position (pg_current_wal_lsn): with synchronous_commit off (the seed sets it) a transaction is
 * visible before its commit record is written out. Read on the server, never inside onReplica
 * (lib/current-reads.ts compares the replica's replay with it).
 */
export async function serverWalPosition(): Promise<string> {
  const row = await sqlDb()
    .selectNoFrom(sql<string>`pg_current_wal_insert_lsn()::text`.as("lsn"))
    .executeTakeFirstOrThrow();
  return row.lsn;
}
