import "server-only";
import { sqlDb } from "@/lib/sql/db";

/** Every school's id, in id order (a job's walk over the district, one school at a time). */
export async function schoolIds(): Promise<string[]> {
  const rows = await sqlDb().selectFrom("School").select("id").orderBy("id").execute();
  return rows.map((r) => r.id);
}
