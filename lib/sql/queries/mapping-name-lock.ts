import "server-only";
import type { Tx } from "@/lib/db";
import { executeIn, sqlDb } from "@/lib/sql/db";

/** Holds the lock of one saved mapping's name (case-insensitive) until the transaction `tx` ends. */
export async function mappingNameLock(tx: Tx, name: string): Promise<void> {
  await executeIn(
    tx,
    sqlDb().selectNoFrom((eb) => eb.fn("pg_advisory_xact_lock", [eb.fn("hashtext", [eb.val(`import-mapping:${name.toLowerCase()}`)])]).as("locked")),
  );
}
