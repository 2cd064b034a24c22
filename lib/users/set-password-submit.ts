import "server-only";
import { z } from "zod";
import { fieldsWithUnstorableText, toResult, type ActionResult, type FieldErrors } from "@/lib/safe-action";
import { setPasswordWithLink } from "./passwords";
import { useLinkSchema } from "./schema";

/** No token from the cookie nor the request: the page outlived its cookie, or was not opened from a link. */
export const REOPEN_LINK = "Open your set-password link again: this page was open too long, or was not opened from the link.";

/**
 * The set-password form's submission, signed out: the link's token is the credential. It comes
 * from the page's HttpOnly cookie (lib/users/set-password-cookie.ts); a `token` field, as a forged
 * or scripted call may send, is still read when there is no cookie. Checked like any other input,
 * and never echoed back.
 */
export async function submitSetPasswordWithLink(raw: unknown, cookieToken: string | undefined): Promise<ActionResult<{ email: string }>> {
  const fields = raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const token = cookieToken || fields.token;
  if (token === undefined || token === "") return { ok: false, message: REOPEN_LINK };
  const parsed = useLinkSchema.safeParse({ ...fields, token });
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
