import "server-only";
import { sql } from "kysely";
import type { Tx } from "@/lib/db";
import { rowsIn } from "@/lib/sql/db";
import { compilable } from "@/lib/sql/fragments/json-recordset";
import type { CapturedTable } from "@/lib/sql/fragments/revert-net";

/**
 * The tables with import capture triggers (migration 20261201180000_import_changes), by name: each
 * one's primary key and hidden columns (the trigger's arguments) and its columns' SQL types, read
 * from the catalog (not in the generated schema: a template, its row type said here).
 */
export async function capturedTables(tx: Tx): Promise<Map<string, CapturedTable>> {
  const rows = await rowsIn(
    tx,
    compilable(sql<{ table: string; args: string; columns: { name: string; type: string }[] }>`
      SELECT c.relname::text AS "table", encode(t.tgargs, 'escape') AS args,
             (SELECT json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod)) ORDER BY a.attnum)
              FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace s ON s.oid = c.relnamespace
      WHERE t.tgname LIKE 'import\\_change\\_%\\_ins' AND s.nspname = current_schema()`),
  );
  const out = new Map<string, CapturedTable>();
  for (const r of rows) {
    const [pk, ...hidden] = r.args.split("\\000").filter(Boolean);
    out.set(r.table, { name: r.table, key: pk!.split(","), hidden, columns: new Map(r.columns.map((c) => [c.name, c.type])) });
  }
  return out;
}
