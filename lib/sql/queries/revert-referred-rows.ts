import "server-only";
import { sql } from "kysely";
import type { Tx } from "@/lib/db";
import { rowsIn } from "@/lib/sql/db";
import { keyObject, revertDb, type CapturedTable } from "@/lib/sql/fragments/revert-net";
import type { ForeignKey } from "@/lib/sql/queries/foreign-keys-into";

/**
 * The first `limit` rows the run created (and did not delete) in `fk`'s parent table that rows of
 * its child table refer to, with how many refer (`n`) and the count of all such rows (`total`).
 * `child`: the child table when it has capture triggers — its rows the run created itself do not count.
 */
export async function revertReferredRows(tx: Tx, fk: ForeignKey, parent: CapturedTable, child: CapturedTable | undefined, limit: number) {
  const parentType = sql.raw(parent.columns.get(fk.parentColumn)!);
  return rowsIn(
    tx,
    revertDb()
      .selectFrom("revert_net as n")
      .innerJoin(sql`${sql.table(fk.child)}`.as("c"), (join) =>
        join.on(sql<boolean>`${sql.ref(`c.${fk.childColumn}`)} = (n."after" ->> ${sql.lit(fk.parentColumn)})::${parentType}`),
      )
      .select(["n.key", "n.after", sql<number>`count(*)::int`.as("n"), sql<number>`(count(*) OVER ())::int`.as("total")])
      .where("n.table", "=", fk.parent)
      .where("n.first_op", "=", sql.lit("INSERT"))
      .where("n.last_op", "<>", sql.lit("DELETE"))
      .$if(!!child, (q) =>
        q.where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom("revert_net as m")
                .select(sql.lit(1).as("one"))
                .where("m.table", "=", fk.child)
                .where("m.first_op", "=", sql.lit("INSERT"))
                .where("m.last_op", "<>", sql.lit("DELETE"))
                .where(sql<boolean>`${sql.ref("m.key")} = ${keyObject(child!, "c")}`),
            ),
          ),
        ),
      )
      .groupBy(["n.key", "n.after", "n.last_id"])
      .orderBy("n.last_id")
      .limit(sql.lit(limit)),
  );
}
