import "server-only";
import { sql } from "kysely";
import type { Tx } from "@/lib/db";
import { executeIn } from "@/lib/sql/db";
import { revertDb } from "@/lib/sql/fragments/revert-net";

/**
 * Creates revert_net for the revert's transaction (ON COMMIT DROP): a run's changes collapsed to
 * one net change per row (table + key): its first and last operation, the row before the run's
 * first change and after its last, and the id of the last change. Indexed by table and operations.
 */
export async function revertNetCreated(tx: Tx, runId: string): Promise<void> {
  const db = revertDb();
  await executeIn(
    tx,
    db.schema
      .createTable("revert_net")
      .temporary()
      .onCommit("drop")
      .as(
        db
          .selectFrom("ImportChange")
          .select([
            "table",
            "key",
            sql<string>`(array_agg("op" ORDER BY "id"))[1]`.as("first_op"),
            sql<string>`(array_agg("op" ORDER BY "id" DESC))[1]`.as("last_op"),
            sql<unknown>`(array_agg("before" ORDER BY "id"))[1]`.as("before"),
            sql<unknown>`(array_agg("after" ORDER BY "id" DESC))[1]`.as("after"),
            (eb) => eb.fn.max("id").as("last_id"),
          ])
          .where("runId", "=", runId)
          .groupBy(["table", "key"]),
      ),
  );
  await executeIn(tx, db.schema.createIndex("revert_net_ops").on("revert_net").columns(["table", "first_op", "last_op"]));
}
