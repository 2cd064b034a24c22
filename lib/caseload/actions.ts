"use server";
import { revalidatePath } from "next/cache";
import { withViewer, type ActionResult } from "@/lib/safe-action";
import { CONTACT_METHOD_LABELS } from "@/lib/family/schema";
import { PLAN_TYPE_LABELS } from "@/lib/plans/schema";
import { reassignStudents } from "@/lib/users/reassign";
import { plansMoved } from "@/lib/users/schema";
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
  // The words come from the parsed input, not `form`: a server action is a public endpoint, called with a plain object too.
  const r = await withViewer(bulkContactSchema, async (viewer, input) => ({ ...(await logContactForStudents(viewer, input)), method: input.method }), form);
  if (!r.ok) return r;
  revalidatePath("/caseload");
  return { ...r, message: `Logged ${a(CONTACT_METHOD_LABELS[r.data.method].toLowerCase())} for ${students(r.data.logged)}.` };
}

export async function bulkPlanAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(bulkPlanSchema, async (viewer, input) => ({ ...(await startPlanForStudents(viewer, input)), type: input.type }), form);
  if (!r.ok) return r;
  revalidatePath("/caseload");
  const what = r.data.type !== "OTHER" ? PLAN_TYPE_LABELS[r.data.type].toLowerCase() : "intervention";
  return { ...r, message: `Started ${a(what)} plan for ${students(r.data.started)}.` };
}

export async function bulkReassignAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(bulkReassignSchema, reassignStudents, form);
  if (!r.ok) return r;
  revalidatePath("/caseload");
  const already = r.data.already > 0 ? ` ${students(r.data.already)} ${r.data.already === 1 ? "was" : "were"} already on that caseload.` : "";
  return { ...r, message: `Moved ${students(r.data.moved)} to ${r.data.toName}.${plansMoved(r.data.plans)}${already}` };
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
