"use server";
import { revalidatePath } from "next/cache";
import { withViewer, type ActionResult } from "@/lib/safe-action";
import { setTwoFactorPolicy } from "./two-factor-policy";
import { twoFactorPolicySchema } from "./schema";
import { POLICY_LABEL } from "./rules";

export async function setTwoFactorPolicyAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(twoFactorPolicySchema, (viewer, input) => setTwoFactorPolicy(viewer, input), form);
  if (r.ok) {
    revalidatePath("/settings");
    return { ...r, message: `Saved: ${POLICY_LABEL[r.data.policy].toLowerCase()}.` };
  }
  return r;
}
