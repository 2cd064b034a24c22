"use server";
import { cookies } from "next/headers";
import { formToObject, type ActionResult } from "@/lib/safe-action";
import { SET_PASSWORD_COOKIE } from "./set-password-cookie";
import { submitSetPasswordWithLink } from "./set-password-submit";

// The one action a signed-out person may call: setting their password through a one-time link
// (lib/users/passwords.ts). It needs no session — the link's token, in the page's HttpOnly cookie
// (proxy.ts put it there), is the credential — and checks it like any other input. The cookie is
// left to expire: the token is used by then, and changing a cookie here would make Next re-render
// the page at once, as "this link cannot be used", in place of the form's "password set" answer.

export async function setPasswordWithLinkAction(_prev: ActionResult<unknown> | null, form: FormData): Promise<ActionResult<{ email: string }>> {
  // A forged call can send anything as its argument: FormData from the page, or a plain object.
  const raw: unknown = form instanceof FormData ? formToObject(form) : form;
  return submitSetPasswordWithLink(raw, (await cookies()).get(SET_PASSWORD_COOKIE)?.value);
}
