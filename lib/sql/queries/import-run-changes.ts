import "server-only";
import { sql } from "kysely";
import { sqlDb } from "@/lib/sql/db";

/**
 * What an import run changed, per table (ImportChange, each row's changes collapsed to its first and
 * last operation): the rows it inserted, updated and deleted, by table name.
 */
export async function importRunChanges(runId: string) {
  return sqlDb()
    .selectFrom((db) =>
      db
        .selectFrom("ImportChange")
        .select(["table", "key", sql<string>`(array_agg("op" ORDER BY "id"))[1]`.as("first_op"), sql<string>`(array_agg("op" ORDER BY "id" DESC))[1]`.as("last_op")])
        .where("runId", "=", runId)
        .groupBy(["table", "key"])
        .as("s"),
    )
    .select([
      "table",
      sql<number>`count(*) FILTER (WHERE first_op = 'INSERT' AND last_op <> 'DELETE')::int`.as("inserted"),
      sql<number>`count(*) FILTER (WHERE first_op <> 'INSERT' AND last_op <> 'DELETE')::int`.as("updated"),
      sql<number>`count(*) FILTER (WHERE first_op <> 'INSERT' AND last_op = 'DELETE')::int`.as("deleted"),
    ])
    .groupBy("table")
    .orderBy("table")
    .execute();
}
