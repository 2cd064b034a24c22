"use server";
import { revalidatePath } from "next/cache";
import { withViewer, type ActionResult } from "@/lib/safe-action";
import { dismissEntry, restoreEntry } from "./dismiss";
import { dismissSchema, restoreSchema } from "./schema";

export async function dismissTodayAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(dismissSchema, (viewer, input) => dismissEntry(viewer, input), form);
  if (!r.ok) return r;
  revalidatePath("/today");
  return { ...r, message: r.data.message };
}

export async function restoreTodayAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(restoreSchema, (viewer, input) => restoreEntry(viewer, input.dismissalId), form);
  if (!r.ok) return r;
  revalidatePath("/today");
  return { ...r, message: r.data.message };
}
