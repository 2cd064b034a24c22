"use server";
import { cookies } from "next/headers";
import { formToObject, type ActionResult } from "@/lib/safe-action";
import { SETUP_COOKIE } from "./cookie";
import { submitSetup, type SetupOutcome } from "./submit";

/**
 * The first-run form (/setup). There is no session to check — nobody exists to sign in before the
 * first administrator — so the one-time setup token in the page's HttpOnly cookie is the
 * credential (checked and consumed in the setup's transaction: lib/setup/setup.ts), and setup is
 * refused once any district administrator exists. Next checks the Origin of every action.
 */
export async function setupDistrictAction(_prev: ActionResult<unknown> | null, form: FormData | Record<string, unknown>): Promise<ActionResult<SetupOutcome>> {
  // The cookie is left to expire: its token is consumed with the setup, so it opens nothing, and
  // changing a cookie here would make Next re-render /setup at once — as the "already set up"
  // page, in place of the form's "set up — sign in" answer.
  // A hand-made request may send any value in place of the form: only FormData or a plain object is read.
  const fields = form instanceof FormData ? formToObject(form) : form && typeof form === "object" && !Array.isArray(form) ? form : {};
  return submitSetup(fields, (await cookies()).get(SETUP_COOKIE)?.value);
}
