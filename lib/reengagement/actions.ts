"use server";
import { revalidatePath } from "next/cache";
import { withViewer, type ActionResult } from "@/lib/safe-action";
import { logOutreach } from "./outreach";
import { reengageStudent } from "./reengage";
import { outreachSchema, reengageSchema } from "./schema";

// The Re-engagement list's writes. Each re-checks the session (withViewer) and scopes in lib/reengagement/.

export async function logOutreachAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(outreachSchema, (viewer, input) => logOutreach(viewer, input), form);
  if (!r.ok) return r;
  revalidatePath("/reengagement");
  revalidatePath(`/students/${r.data.studentId}`);
  return { ...r, message: "Outreach attempt logged." };
}

export async function reengageAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(reengageSchema, (viewer, input) => reengageStudent(viewer, input), form);
  if (!r.ok) return r;
  // No revalidatePath: it would re-render this page at once, and the student — enrolled now — would
  // leave the list with the confirmation in their card before it is read. Every page that shows
  // the change (the student, the caseload, the list) is rendered per request, so the next visit
  // shows it.
  return { ...r, message: `Re-engaged: enrolled again and on ${r.data.counselorName}'s caseload.` };
}
