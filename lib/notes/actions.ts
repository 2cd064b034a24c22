"use server";
import { revalidatePath } from "next/cache";
import { withViewer, type ActionResult } from "@/lib/safe-action";
import { addNote, editNote } from "./notes";
import { addNoteSchema, editNoteSchema, shareNoteSchema } from "./schema";
import { shareNote, unshareNote } from "./share";

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

export async function shareNoteAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(shareNoteSchema, (viewer, input) => shareNote(viewer, input), form);
  if (!r.ok) return r;
  revalidatePath(`/students/${r.data.studentId}`);
  return { ...r, message: `Shared with ${r.data.name}.` };
}

export async function unshareNoteAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(shareNoteSchema, (viewer, input) => unshareNote(viewer, input), form);
  if (!r.ok) return r;
  revalidatePath(`/students/${r.data.studentId}`);
  return { ...r, message: "No longer shared." };
}
