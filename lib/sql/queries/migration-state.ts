import "server-only";
import pg from "pg";
import { sql } from "kysely";
import { sqlDb } from "@/lib/sql/db";
import { pgSessionOptions, serverUrl } from "@/lib/dbconfig";

const TIMEOUT_MS = 3000;

/**
 * The migrations Prisma has recorded on this database (its table _prisma_migrations, outside the
 * schema's models), for the health check (lib/health.ts): each one's name and whether it finished.
 * Rolled-back ones are left out. `null`: no migration was ever applied (no such table).
 * On a server it asks on a connection of its own, with a 3-second limit to connect and to answer:
 * a host whose pool is busy with long reports is busy, not down.
 */
export async function migrationState(): Promise<{ name: string; finished: boolean }[] | null> {
  const exists = sql<{ ok: boolean }>`SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS ok`;
  const recorded = sql<{
    name: string;
    finished: boolean;
  }>`SELECT migration_name AS name, finished_at IS NOT NULL AS finished FROM _prisma_migrations WHERE rolled_back_at IS NULL ORDER BY migration_name`;
  const url = serverUrl();
  if (!url) {
    const [t] = (await exists.execute(sqlDb())).rows;
    return t?.ok ? (await recorded.execute(sqlDb())).rows : null;
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: TIMEOUT_MS, statement_timeout: TIMEOUT_MS, options: pgSessionOptions() || undefined });
  await client.connect();
  try {
    const run = async <R extends pg.QueryResultRow>(q: typeof exists | typeof recorded) => {
      const c = q.compile(sqlDb());
      return (await client.query<R>(c.sql, [...c.parameters])).rows;
    };
    const [t] = await run<{ ok: boolean }>(exists);
    return t?.ok ? await run<{ name: string; finished: boolean }>(recorded) : null;
  } finally {
    await client.end().catch(() => undefined);
  }
}
