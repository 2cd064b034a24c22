import "server-only";
import { sql } from "kysely";
import { sqlDb } from "@/lib/sql/db";

/**
 * The migrations Prisma has recorded on this database (its table _prisma_migrations, outside the
 * schema's models), for the health check (app/api/health): each one's name and whether it finished.
 * Rolled-back ones are left out. `null`: no migration was ever applied (no such table).
 */
export async function migrationState(): Promise<{ name: string; finished: boolean }[] | null> {
  const db = sqlDb();
  const [t] = (await sql<{ ok: boolean }>`SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS ok`.execute(db)).rows;
  if (!t?.ok) return null;
  return (
    await sql<{
      name: string;
      finished: boolean;
    }>`SELECT migration_name AS name, finished_at IS NOT NULL AS finished FROM _prisma_migrations WHERE rolled_back_at IS NULL ORDER BY migration_name`.execute(db)
  ).rows;
}
