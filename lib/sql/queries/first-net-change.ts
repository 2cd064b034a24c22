import "server-only";
import { sql } from "kysely";
import type { Tx } from "@/lib/db";
import { rowsIn } from "@/lib/sql/db";
import { revertDb } from "@/lib/sql/fragments/revert-net";

/** The id (an int8, as text) of the earliest of revert_net's last changes: later runs' changes come after it. Null when empty. */
export async function firstNetChange(tx: Tx): Promise<string | null> {
  const [row] = await rowsIn(
    tx,
    revertDb()
      .selectFrom("revert_net")
      .select(sql<string | null>`min(last_id)::text`.as("first")),
  );
  return row?.first ?? null;
}
