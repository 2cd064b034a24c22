"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { withViewer, type ActionResult } from "@/lib/safe-action";
import { changeOwnPassword, signOutEverywhere } from "./password";
import { changePasswordSchema, signOutEverywhereSchema } from "./schema";

// Both end the viewer's own session too: on success they go straight to sign-in, which says why.

export async function changePasswordAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(changePasswordSchema, changeOwnPassword, form);
  if (r.ok) redirect("/signin?ended=password");
  return r;
}

export async function signOutEverywhereAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(signOutEverywhereSchema, signOutEverywhere, form);
  if (!r.ok) return r;
  if (r.data.self) redirect("/signin?ended=everywhere");
  revalidatePath("/users");
  const n = r.data.revoked;
  const ended = `${n} session${n === 1 ? "" : "s"} ended`;
  return { ...r, message: `${ended}: that person must sign in again everywhere.` };
}
