import "server-only";
import { sql } from "kysely";
import type { Tx } from "@/lib/db";
import { executeIn } from "@/lib/sql/db";
import { compilable, type TableName } from "@/lib/sql/fragments/json-recordset";

/** Increments `version` (and sets `updatedAt`) of the rows of `table` with these ids (one chunk); returns how many. */
export async function bumpedVersions(tx: Tx, table: TableName, ids: readonly string[]): Promise<number> {
  return executeIn(
    tx,
    compilable(
      sql`UPDATE ${sql.table(table)} SET "version" = "version" + 1, "updatedAt" = now() WHERE "id" IN (SELECT value FROM json_array_elements_text(${JSON.stringify(ids)}::json))`,
    ),
  );
}
