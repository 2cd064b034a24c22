import "server-only";
import { preparedQuery, sqlDb } from "@/lib/sql/db";

const query = preparedQuery(() =>
  sqlDb()
    .selectFrom("RiskSnapshotRun")
    .select((eb) => [eb.fn.min("day").as("first"), eb.fn.max("day").as("latest")])
    .where("finishedAt", "is not", null),
);

/** The first and latest day the daily risk snapshot has finished runs for (nulls before its first). Every Today request: prepared. */
export async function riskHistoryCoverage(): Promise<{ first: Date | null; latest: Date | null }> {
  // An aggregate without GROUP BY: always one row.
  return (await query({}, undefined)).rows[0];
}
