// The bulk writers' column types (columns.ts) are the database's: each (table, column) is read back
// from the migrated schema (pg_attribute), so a migration that changes a column's type fails here
// before an import casts a value to the old one.
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { COLUMN_TYPES, columns } from "./columns";

useTestDatabase();

/** columns.ts's spelling of a type as format_type() writes it. */
const asPostgres = (t: string) => ({ int: "integer", "timestamp(3)": "timestamp(3) without time zone" })[t] ?? t;

describe("bulk-write column types", () => {
  it("match the migrated schema, column by column", async () => {
    const rows = await db().$queryRawUnsafe<{ table: string; column: string; type: string }[]>(
      `SELECT c.relname::text AS "table", a.attname::text AS "column", format_type(a.atttypid, a.atttypmod) AS "type"
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped`,
    );
    const actual = new Map(rows.map((r) => [`${r.table}.${r.column}`, r.type.replace(/^numeric\(.*\)$/, "numeric")]));
    const differ: string[] = [];
    let n = 0;
    for (const [table, cols] of Object.entries(COLUMN_TYPES)) {
      for (const [column, type] of Object.entries(cols as Record<string, string>)) {
        n++;
        const got = actual.get(`${table}.${column}`);
        if (got !== asPostgres(type)) differ.push(`${table}.${column}: columns.ts ${type}, database ${got ?? "no such column"}`);
      }
    }
    expect(differ).toEqual([]);
    expect(n).toBeGreaterThan(80);
  });

  it("gives each named column its type, in the order asked", () => {
    expect(columns("Student", ["status", "id", "attendanceRate"])).toEqual([
      { name: "status", type: '"StudentStatus"' },
      { name: "id", type: "text" },
      { name: "attendanceRate", type: "numeric" },
    ]);
  });
});
