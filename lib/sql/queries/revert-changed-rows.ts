import "server-only";
import { sql } from "kysely";
import type { Tx } from "@/lib/db";
import { rowsIn } from "@/lib/sql/db";
import { comparable, onKey, revertDb, textList, type Bookkeeping, type CapturedTable } from "@/lib/sql/fragments/revert-net";

/**
 * The first `limit` rows of `t` the run left (created or updated, not deleted) that were written
 * again since, in the run's order, each with the count of all such rows (`total`), whether it is
 * gone, and the later import that wrote it and is not reverted (`later`: "file (YYYY-MM-DD HH:MI)").
 * A row counts as written again when it is gone, a later unreverted run wrote it, its columns
 * (less hidden, `bookkeeping` and `added` ones) differ from what the run left, or its `bumped`
 * (version) column moved without a later run that was reverted since to explain it.
 */
export async function revertChangedRows(tx: Tx, t: CapturedTable, opts: { added: string[]; bookkeeping: Bookkeeping; bumped: string; limit: number }) {
  const first = sql.ref(`t.${t.key[0]!}`);
  const now = sql`to_jsonb(t)`;
  const bumped = sql.lit(opts.bumped);
  return rowsIn(
    tx,
    revertDb()
      .selectFrom("revert_net as n")
      .leftJoin(sql`${sql.table(t.name)}`.as("t"), (join) => join.on(onKey(t)))
      .leftJoin("revert_later as l", (join) => join.onRef("l.table", "=", "n.table").onRef("l.key", "=", "n.key"))
      .select((eb) => [
        "n.key",
        "n.after",
        sql<boolean>`${first} IS NULL`.as("gone"),
        sql<number>`(count(*) OVER ())::int`.as("total"),
        eb
          .selectFrom("ImportRun as r")
          .select((r) => sql<string>`${r.ref("r.fileName")} || ' (' || to_char(${r.ref("r.startedAt")}, 'YYYY-MM-DD HH24:MI') || ')'`.as("f"))
          .whereRef("r.id", "=", "l.live_run")
          .as("later"),
      ])
      .where("n.table", "=", t.name)
      .where("n.last_op", "<>", sql.lit("DELETE"))
      .where((eb) =>
        eb.or([
          eb("l.live_run", "is not", null),
          sql<boolean>`${first} IS NULL`,
          sql<boolean>`(${comparable(t, now, opts.bookkeeping)} - ${textList(opts.added)} - ${bumped}) IS DISTINCT FROM (${comparable(t, sql`n.after`, opts.bookkeeping)} - ${bumped})`,
          sql<boolean>`(NOT coalesce(${eb.ref("l.reverted_later")}, false) AND ${now} -> ${bumped} IS DISTINCT FROM ${eb.ref("n.after")} -> ${bumped})`,
        ]),
      )
      .orderBy("n.last_id")
      .limit(sql.lit(opts.limit)),
  );
}
