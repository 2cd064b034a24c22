"use server";
import { withViewer, type ActionResult } from "@/lib/safe-action";
import { dismissEntry, restoreEntry } from "./dismiss";
import { dismissSchema, restoreSchema } from "./schema";

// No revalidation: the entry (and the form inside it, with its message) stays on the page until the
// next visit, so the confirmation can take focus and be read; the message says the list changes then.

export async function dismissTodayAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(dismissSchema, (viewer, input) => dismissEntry(viewer, input), form);
  if (!r.ok) return r;
  return { ...r, message: `${r.data.message} It leaves the list the next time Today is opened.` };
}

export async function restoreTodayAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(restoreSchema, (viewer, input) => restoreEntry(viewer, input.dismissalId), form);
  if (!r.ok) return r;
  return { ...r, message: r.data.message };
}
