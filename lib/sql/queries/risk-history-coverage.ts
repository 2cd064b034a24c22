import "server-only";
import { sqlDb } from "@/lib/sql/db";

/** The first and latest day the daily risk snapshot has finished runs for (nulls before its first). Every Today request: prepared. */
export async function riskHistoryCoverage(): Promise<{ first: Date | null; latest: Date | null }> {
  return sqlDb({ prepared: true })
    .selectFrom("RiskSnapshotRun")
    .select((eb) => [eb.fn.min("day").as("first"), eb.fn.max("day").as("latest")])
    .where("finishedAt", "is not", null)
    .executeTakeFirstOrThrow();
}
