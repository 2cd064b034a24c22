import "server-only";
import type { Tx } from "@/lib/db";
import { executeIn, sqlDb } from "@/lib/sql/db";

/**
 * Names the import run whose writes the capture triggers (migration 20261201180000_import_changes)
 * copy into ImportChange, for the rest of the transaction `tx` only (set_config's `true`).
 */
export async function importRunCapture(tx: Tx, runId: string): Promise<void> {
  await executeIn(
    tx,
    sqlDb().selectNoFrom((eb) => eb.fn("set_config", [eb.val("credittrack.import_run"), eb.val(runId), eb.lit(true)]).as("set")),
  );
}
