"use server";
import { revalidatePath } from "next/cache";
import { withViewer, type ActionResult } from "@/lib/safe-action";
import { changeStatus } from "./status-change";
import { statusChangeSchema, statusChangedMessage } from "./schema";

export async function changeStatusAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(statusChangeSchema, (viewer, input) => changeStatus(viewer, input), form);
  if (r.ok) {
    revalidatePath(`/students/${r.data.studentId}`);
    return { ...r, message: statusChangedMessage(r.data.kind, r.data.counselorName) };
  }
  return r;
}
