import "server-only";
import { sql } from "kysely";
import type { Tx } from "@/lib/db";
import { rowsIn, sqlDb } from "@/lib/sql/db";

/**
 * An import run, locked until the transaction ends (FOR UPDATE: one revert of it at a time), with
 * how many changes of it ImportChange keeps; undefined when there is no such run.
 */
export async function lockedImportRun(tx: Tx, runId: string) {
  const [run] = await rowsIn(
    tx,
    sqlDb()
      .selectFrom("ImportRun as r")
      .select((eb) => [
        "r.id",
        "r.kind",
        "r.fileName",
        "r.status",
        "r.dryRun",
        "r.revertedAt",
        eb
          .selectFrom("ImportChange as c")
          .select(sql<number>`count(*)::int`.as("n"))
          .whereRef("c.runId", "=", "r.id")
          .$asScalar()
          .as("changes"),
      ])
      .where("r.id", "=", runId)
      .forUpdate(),
  );
  return run;
}
