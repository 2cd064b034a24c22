import "server-only";
import { sql } from "kysely";
import type { Tx } from "@/lib/db";
import { rowsIn, sqlDb } from "@/lib/sql/db";

/** `n` new values of StatusEvent.sequence drawn from the column's own sequence (as text: int8). */
export async function nextStatusEventSequences(tx: Tx, n: number): Promise<{ v: string }[]> {
  return rowsIn(
    tx,
    sqlDb()
      .selectFrom(sql<{ i: number }>`generate_series(1, ${n}::int)`.as("g"))
      .select(sql<string>`nextval(pg_get_serial_sequence('"StatusEvent"', 'sequence'))::text`.as("v")),
  );
}
