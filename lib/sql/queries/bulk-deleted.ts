import "server-only";
import { sql } from "kysely";
import type { Tx } from "@/lib/db";
import { executeIn } from "@/lib/sql/db";
import { compilable, type TableName } from "@/lib/sql/fragments/json-recordset";

/** Deletes the rows of `table` with these ids (one chunk, one JSON parameter); returns how many. */
export async function bulkDeleted(tx: Tx, table: TableName, ids: readonly string[]): Promise<number> {
  return executeIn(tx, compilable(sql`DELETE FROM ${sql.table(table)} WHERE "id" IN (SELECT value FROM json_array_elements_text(${JSON.stringify(ids)}::json))`));
}
