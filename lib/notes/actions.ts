"use server";
import { revalidatePath } from "next/cache";
import { withViewer, type ActionResult } from "@/lib/safe-action";
import { addNote, editNote } from "./notes";
import { addNoteSchema, editNoteSchema } from "./schema";

export async function addNoteAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(addNoteSchema, async (viewer, input) => ({ ...(await addNote(viewer, input)), studentId: input.studentId }), form);
  if (r.ok) {
    revalidatePath(`/students/${r.data.studentId}`);
    return { ...r, message: "Note added." };
  }
  return r;
}

export async function editNoteAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(editNoteSchema, async (viewer, input) => ({ studentId: await editNote(viewer, input) }), form);
  if (r.ok) {
    revalidatePath(`/students/${r.data.studentId}`);
    return { ...r, message: "Note saved." };
  }
  return r;
}
