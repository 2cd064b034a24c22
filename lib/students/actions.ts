"use server";
import { revalidatePath } from "next/cache";
import { withViewer, type ActionResult } from "@/lib/safe-action";
import { changeStudentStatus } from "./status";
import { statusChangeSchema, statusChangedMessage } from "./schema";

export async function changeStatusAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(statusChangeSchema, (viewer, input) => changeStudentStatus(viewer, input), form);
  if (r.ok) {
    revalidatePath(`/students/${r.data.studentId}`);
    return { ...r, message: statusChangedMessage(r.data.kind) };
  }
  return r;
}
