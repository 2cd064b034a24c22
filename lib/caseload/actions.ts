"use server";
import { revalidatePath } from "next/cache";
import { withViewer, type ActionResult } from "@/lib/safe-action";
import { CONTACT_METHOD_LABELS } from "@/lib/family/schema";
import { PLAN_TYPE_LABELS } from "@/lib/plans/schema";
import { reassignStudents } from "@/lib/users/reassign";
import { addNoteToStudents } from "./bulk";
import { logContactForStudents, startPlanForStudents } from "./bulk-work";
import { deleteView, saveView } from "./views";
import { bulkContactSchema, bulkNoteSchema, bulkPlanSchema, bulkReassignSchema, deleteViewSchema, saveViewSchema } from "./schema";

const students = (n: number) => `${n} ${n === 1 ? "student" : "students"}`;
const a = (w: string) => `${/^[aeiou]/i.test(w) ? "an" : "a"} ${w}`;

// The caseload's actions (issue 16). Each re-checks the session and scope (lib/safe-action.ts).

export async function bulkNoteAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(bulkNoteSchema, (viewer, input) => addNoteToStudents(viewer, input), form);
  if (!r.ok) return r;
  revalidatePath("/caseload");
  return { ...r, message: `Note added to ${r.data.added} ${r.data.added === 1 ? "student" : "students"}.` };
}

export async function bulkContactAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(bulkContactSchema, (viewer, input) => logContactForStudents(viewer, input), form);
  if (!r.ok) return r;
  revalidatePath("/caseload");
  const method = form.get("method");
  const what = typeof method === "string" && method in CONTACT_METHOD_LABELS ? CONTACT_METHOD_LABELS[method as keyof typeof CONTACT_METHOD_LABELS].toLowerCase() : "contact";
  return { ...r, message: `Logged ${a(what)} for ${students(r.data.logged)}.` };
}

export async function bulkPlanAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(bulkPlanSchema, (viewer, input) => startPlanForStudents(viewer, input), form);
  if (!r.ok) return r;
  revalidatePath("/caseload");
  const type = form.get("type");
  const what = typeof type === "string" && type in PLAN_TYPE_LABELS && type !== "OTHER" ? PLAN_TYPE_LABELS[type as keyof typeof PLAN_TYPE_LABELS].toLowerCase() : "intervention";
  return { ...r, message: `Started ${a(what)} plan for ${students(r.data.started)}.` };
}

export async function bulkReassignAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(bulkReassignSchema, reassignStudents, form);
  if (!r.ok) return r;
  revalidatePath("/caseload");
  const already = r.data.already > 0 ? ` ${students(r.data.already)} ${r.data.already === 1 ? "was" : "were"} already on that caseload.` : "";
  return { ...r, message: `Moved ${students(r.data.moved)} to ${r.data.toName}.${already}` };
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
