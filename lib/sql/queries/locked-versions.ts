import "server-only";
import { sql } from "kysely";
import type { Tx } from "@/lib/db";
import { rowsIn } from "@/lib/sql/db";
import { compilable, type TableName } from "@/lib/sql/fragments/json-recordset";

/**
 * The `version` of each found row of `table` with these ids (one chunk), locked until the
 * transaction ends (FOR UPDATE, in id order so two writers cannot deadlock).
 */
export async function lockedVersions(tx: Tx, table: TableName, sortedIds: readonly string[]): Promise<{ id: string; version: number }[]> {
  return rowsIn(
    tx,
    compilable(
      sql<{
        id: string;
        version: number;
      }>`SELECT "id", "version" FROM ${sql.table(table)} WHERE "id" IN (SELECT value FROM json_array_elements_text(${JSON.stringify(sortedIds)}::json)) ORDER BY "id" FOR UPDATE`,
    ),
  );
}
