"use server";
import { revalidatePath } from "next/cache";
import { withViewer, type ActionResult } from "@/lib/safe-action";
import { addNoteToStudents } from "./bulk";
import { deleteView, saveView } from "./views";
import { bulkNoteSchema, deleteViewSchema, saveViewSchema } from "./schema";

// The caseload's actions (issue 16). Each re-checks the session and scope (lib/safe-action.ts).

export async function bulkNoteAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(bulkNoteSchema, (viewer, input) => addNoteToStudents(viewer, input), form);
  if (!r.ok) return r;
  revalidatePath("/caseload");
  return { ...r, message: `Note added to ${r.data.added} ${r.data.added === 1 ? "student" : "students"}.` };
}

export async function saveViewAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(saveViewSchema, (viewer, input) => saveView(viewer, input), form);
  if (!r.ok) return r;
  revalidatePath("/caseload");
  return { ...r, message: `Saved the view “${r.data.name}”.` };
}

export async function deleteViewAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(deleteViewSchema, (viewer, input) => deleteView(viewer, input), form);
  if (!r.ok) return r;
  revalidatePath("/caseload");
  return { ...r, message: `Deleted the view “${r.data.name}”.` };
}
