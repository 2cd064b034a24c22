"use server";
import { revalidatePath } from "next/cache";
import { withViewer, type ActionResult } from "@/lib/safe-action";
import { formatDay } from "@/lib/calendar";
import { addCheckIn, closePlan, createPlan, editPlan } from "./plans";
import { checkInSchema, closePlanSchema, createPlanSchema, editPlanSchema, PLAN_STATUS_LABELS, PLAN_TYPE_LABELS } from "./schema";

// The plan forms' actions (components/student/plan-forms.tsx): session → zod → scoped write
// (lib/plans/plans.ts) → the message the form shows and moves focus to.

export async function createPlanAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(createPlanSchema, async (viewer, input) => ({ ...(await createPlan(viewer, input)), type: input.type, nextFollowUp: input.nextFollowUp }), form);
  if (!r.ok) return r;
  revalidatePath(`/students/${r.data.studentId}`);
  return { ...r, message: `${PLAN_TYPE_LABELS[r.data.type]} plan started. Next follow-up ${formatDay(r.data.nextFollowUp)}.` };
}

export async function editPlanAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(editPlanSchema, (viewer, input) => editPlan(viewer, input), form);
  if (!r.ok) return r;
  revalidatePath(`/students/${r.data.studentId}`);
  return { ...r, message: "Plan saved." };
}

export async function addCheckInAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(checkInSchema, async (viewer, input) => ({ ...(await addCheckIn(viewer, input)), nextFollowUp: input.nextFollowUp }), form);
  if (!r.ok) return r;
  revalidatePath(`/students/${r.data.studentId}`);
  return { ...r, message: r.data.nextFollowUp ? `Check-in added. Next follow-up ${formatDay(r.data.nextFollowUp)}.` : "Check-in added." };
}

export async function closePlanAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(closePlanSchema, async (viewer, input) => ({ ...(await closePlan(viewer, input)), outcome: input.outcome }), form);
  if (!r.ok) return r;
  revalidatePath(`/students/${r.data.studentId}`);
  return { ...r, message: `Plan closed: ${PLAN_STATUS_LABELS[r.data.outcome].toLowerCase()}.` };
}
