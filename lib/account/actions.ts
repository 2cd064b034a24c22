"use server";
import { revalidatePath } from "next/cache";
import { withViewer, type ActionResult } from "@/lib/safe-action";
import { changeOwnPassword, signOutEverywhere } from "./password";
import { changePasswordSchema, signOutEverywhereSchema } from "./schema";

export async function changePasswordAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(changePasswordSchema, changeOwnPassword, form);
  return r.ok ? { ...r, message: "Password changed. Every session has ended, this one included: sign in again with your new password." } : r;
}

export async function signOutEverywhereAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(signOutEverywhereSchema, signOutEverywhere, form);
  if (!r.ok) return r;
  if (!r.data.self) revalidatePath("/users");
  const n = r.data.revoked;
  const ended = `${n} session${n === 1 ? "" : "s"} ended`;
  return { ...r, message: r.data.self ? `${ended}, this one included: sign in again.` : `${ended}: that person must sign in again everywhere.` };
}
