"use server";
import { revalidatePath } from "next/cache";
import { withViewer, type ActionResult } from "@/lib/safe-action";
import { addGuardian, deleteGuardian, editGuardian } from "./guardians";
import { addContact } from "./contacts";
import { addContactSchema, addGuardianSchema, deleteGuardianSchema, editGuardianSchema } from "./schema";

// The student page's family forms. Each action checks the session (withViewer) and the student's
// scope in the data layer (lib/family/guardians.ts, contacts.ts).

export async function addGuardianAction(_prev: ActionResult<unknown> | null, form: FormData) {
  // `form` may be FormData or, from a forged or scripted call, a plain object: read the parsed input.
  const r = await withViewer(addGuardianSchema, async (viewer, input) => ({ ...(await addGuardian(viewer, input)), name: input.name }), form);
  if (!r.ok) return r;
  revalidatePath(`/students/${r.data.studentId}`);
  return { ...r, message: `Guardian ${r.data.name} added.` };
}

export async function editGuardianAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(editGuardianSchema, async (viewer, input) => ({ studentId: await editGuardian(viewer, input) }), form);
  if (!r.ok) return r;
  revalidatePath(`/students/${r.data.studentId}`);
  return { ...r, message: "Guardian saved." };
}

export async function deleteGuardianAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(deleteGuardianSchema, async (viewer, input) => ({ studentId: await deleteGuardian(viewer, input) }), form);
  if (!r.ok) return r;
  revalidatePath(`/students/${r.data.studentId}`);
  return { ...r, message: "Guardian deleted. Contacts logged with them keep their name." };
}

export async function addContactAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(addContactSchema, (viewer, input) => addContact(viewer, input), form);
  if (!r.ok) return r;
  revalidatePath(`/students/${r.data.studentId}`);
  return { ...r, message: "Contact logged." };
}
