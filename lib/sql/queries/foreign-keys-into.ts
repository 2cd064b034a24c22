import "server-only";
import { sql } from "kysely";
import type { Tx } from "@/lib/db";
import { rowsIn } from "@/lib/sql/db";
import { compilable } from "@/lib/sql/fragments/json-recordset";

export type ForeignKey = { child: string; childColumn: string; parent: string; parentColumn: string };

/**
 * The single-column foreign keys into the `parents` tables, from any table (notes, audit links …),
 * read from the catalog (not in the generated schema: a template, its row type said here).
 */
export async function foreignKeysInto(tx: Tx, parents: string[]): Promise<ForeignKey[]> {
  return rowsIn(
    tx,
    compilable(sql<ForeignKey>`
      SELECT ch.relname::text AS child, ca.attname::text AS "childColumn", pa.relname::text AS parent, pc.attname::text AS "parentColumn"
      FROM pg_constraint k
      JOIN pg_class ch ON ch.oid = k.conrelid JOIN pg_class pa ON pa.oid = k.confrelid JOIN pg_namespace s ON s.oid = pa.relnamespace
      JOIN pg_attribute ca ON ca.attrelid = k.conrelid AND ca.attnum = k.conkey[1]
      JOIN pg_attribute pc ON pc.attrelid = k.confrelid AND pc.attnum = k.confkey[1]
      WHERE k.contype = 'f' AND cardinality(k.conkey) = 1 AND s.nspname = current_schema() AND pa.relname = ANY(${parents}::text[])
      ORDER BY ch.relname, ca.attname`),
  );
}
