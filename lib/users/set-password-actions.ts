"use server";
import { z } from "zod";
import { fieldsWithUnstorableText, formToObject, toResult, type ActionResult, type FieldErrors } from "@/lib/safe-action";
import { setPasswordWithLink } from "./passwords";
import { useLinkSchema } from "./schema";

// The one action a signed-out person may call: setting their password through a one-time link
// (lib/users/passwords.ts). It needs no session — the link's token is the credential — and checks
// it like any other input. Nothing here echoes the token back.

export async function setPasswordWithLinkAction(_prev: ActionResult<unknown> | null, form: FormData): Promise<ActionResult<{ email: string }>> {
  // A forged call can send anything as its argument: FormData from the page, or a plain object.
  const raw: unknown = form instanceof FormData ? formToObject(form) : form;
  const parsed = useLinkSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors as FieldErrors;
    // A bad token is no field the person can fix: say it as the form's message.
    return { ok: false, message: fieldErrors.token?.[0] ?? "Check the highlighted fields.", fieldErrors };
  }
  const unstorable = fieldsWithUnstorableText(parsed.data);
  if (unstorable.length > 0) return { ok: false, message: "Check the highlighted fields.", fieldErrors: Object.fromEntries(unstorable.map(([k, why]) => [k, [why]])) };
  try {
    return { ok: true, data: await setPasswordWithLink(parsed.data), message: "Your password is set. Sign in with it now." };
  } catch (e) {
    return toResult(e);
  }
}
