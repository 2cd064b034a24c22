import { sql, type RawBuilder } from "kysely";

/**
 * A list of ids as ONE `text[]` parameter, for `= ANY(…)`: one bind parameter whatever the list's
 * length (an IN list binds one per id, and PostgreSQL binds at most 65,535), and the same
 * statement text for every length.
 */
export function textArray(values: readonly string[]): RawBuilder<string[]> {
  return sql<string[]>`${values}::text[]`;
}
