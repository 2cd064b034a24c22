"use server";
import { revalidatePath } from "next/cache";
import { withViewer, type ActionResult } from "@/lib/safe-action";
import { resetTwoFactor, resetTwoFactorSchema } from "./two-factor-reset";

export async function resetTwoFactorAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(resetTwoFactorSchema, (viewer, input) => resetTwoFactor(viewer, input), form);
  if (r.ok) {
    revalidatePath("/users");
    return { ...r, message: "Two-factor sign-in reset: they set it up again at their next sign-in if the district requires it." };
  }
  return r;
}
