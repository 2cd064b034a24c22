import "server-only";
import { preparedQuery, sqlDb } from "@/lib/sql/db";

const query = preparedQuery(() => sqlDb().selectFrom("DistrictSettings").select("proficientLevels").where("id", "=", 1));

/**
 * The district's state-test levels counted as proficient (DistrictSettings, null before setup), as
 * stored. Prepared: every program quality report request reads it before its rows.
 */
export async function districtProficientLevels(): Promise<string[] | null> {
  return (await query({}, undefined)).rows.at(0)?.proficientLevels ?? null;
}
