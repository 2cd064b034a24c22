import "server-only";
import { sql } from "kysely";
import type { Tx } from "@/lib/db";
import { executeIn } from "@/lib/sql/db";
import { revertDb, textList } from "@/lib/sql/fragments/revert-net";

/**
 * Creates revert_later for the revert's transaction (ON COMMIT DROP): per row of revert_net, the
 * first later run (another run's change after the row's last one) that is not reverted, and whether
 * a later run that wrote it was reverted. A later UPDATE that changed only `aggregateStamps` (stamps
 * summing up many rows) does not count. One scan of the changes recorded after `firstChange`.
 */
export async function revertLaterCreated(tx: Tx, runId: string, firstChange: string, aggregateStamps: readonly string[]): Promise<void> {
  const db = revertDb();
  const stamps = textList(aggregateStamps);
  await executeIn(
    tx,
    db.schema
      .createTable("revert_later")
      .temporary()
      .onCommit("drop")
      .as(
        db
          .selectFrom("ImportChange as c")
          .innerJoin("revert_net as n", (join) => join.onRef("n.table", "=", "c.table").onRef("n.key", "=", "c.key").onRef("c.id", ">", "n.last_id"))
          .innerJoin("ImportRun as r", "r.id", "c.runId")
          .select((eb) => [
            "n.table",
            "n.key",
            sql<string | null>`(array_agg(${eb.ref("c.runId")} ORDER BY ${eb.ref("c.id")}) FILTER (WHERE ${eb.ref("r.revertedAt")} IS NULL))[1]`.as("live_run"),
            eb.fn<boolean>("bool_or", [eb("r.revertedAt", "is not", null)]).as("reverted_later"),
          ])
          .where("c.id", ">", sql<string>`${firstChange}::bigint`)
          .where("c.runId", "<>", runId)
          .where((eb) => eb.not(eb.and([eb("c.op", "=", sql.lit("UPDATE")), sql<boolean>`(${eb.ref("c.before")} - ${stamps}) = (${eb.ref("c.after")} - ${stamps})`])))
          .groupBy(["n.table", "n.key"]),
      ),
  );
}
