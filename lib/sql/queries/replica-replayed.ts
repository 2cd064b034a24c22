import "server-only";
import { sql } from "kysely";
import { onReplica } from "@/lib/db";
import { sqlDb } from "@/lib/sql/db";

/**
 * Whether the streaming replica (DATABASE_READ_URL) has replayed the server's WAL up to `lsn`
 * (serverWalPosition): it then holds every transaction the server had committed when `lsn` was
 * read. False on a server that is not in recovery (no replay position).
 */
export async function replicaReplayed(lsn: string): Promise<boolean> {
  return onReplica(async () => {
    const row = await sqlDb()
      .selectNoFrom(sql<boolean | null>`pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn`.as("replayed"))
      .executeTakeFirstOrThrow();
    return row.replayed === true;
  });
}
