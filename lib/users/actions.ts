"use server";
import { revalidatePath } from "next/cache";
import { withViewer, type ActionResult } from "@/lib/safe-action";
import { setUserActive } from "./active";
import { setActiveSchema } from "./schema";

export async function setActiveAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(setActiveSchema, (viewer, input) => setUserActive(viewer, input), form);
  if (r.ok) {
    revalidatePath("/users");
    return { ...r, message: r.data.active ? "Account reactivated." : "Account deactivated: that person is signed out at once." };
  }
  return r;
}
