"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { withViewer } from "@/lib/safe-action";
import { revertImportRun } from "@/lib/imports/revert";

// The import run page's actions: check what reverting a run would do, and revert it (district
// administrators; lib/imports/revert.ts checks the role in the data layer).

const runId = z.string({ error: "The import run is missing." }).min(1, "The import run is missing.").max(200, "The import run is missing.");

/** Read-only: what the revert would delete and put back, or why it cannot (with the rows named). */
export async function checkRevertAction(_prev: unknown, form: FormData) {
  return withViewer(z.object({ runId }), (viewer, input) => revertImportRun(viewer, input.runId, { dryRun: true }), form);
}

export async function revertRunAction(_prev: unknown, form: FormData) {
  const schema = z.object({
    runId,
    reason: z
      .string({ error: "Say why the run is reverted." })
      .trim()
      .min(3, "Say why the run is reverted (it is kept in the audit log).")
      .max(500, "Keep the reason under 500 characters."),
  });
  const r = await withViewer(schema, (viewer, input) => revertImportRun(viewer, input.runId, { reason: input.reason }), form);
  if (!r.ok || !r.data.ok) return r;
  revalidatePath("/imports");
  revalidatePath(`/imports/${String(form.get("runId"))}`);
  const kept = Object.values(r.data.counts).reduce((n, c) => n + c.keptDeleted, 0);
  const stay = kept > 0 ? ` ${kept} ${kept === 1 ? "row" : "rows"} it deleted stay deleted: import the earlier file again to bring them back.` : "";
  return { ...r, message: `Reverted: the run's creations were deleted and its updates put back.${stay}` };
}
