import "server-only";
import { fieldsWithUnstorableText, toResult, type ActionResult } from "@/lib/safe-action";
import { setupFieldErrors, setupFromForm, setupSchema } from "./schema";
import { setUpDistrict, type SetupOutcome } from "./setup";

/**
 * The /setup form's submission, without a session (nobody can be signed in before the first
 * administrator exists): the token is the credential. Field errors keyed as the form names its
 * fields; expected refusals as messages; anything else logged and shown as the generic message.
 */
export async function submitSetup(fields: Record<string, unknown>, token: string | undefined): Promise<ActionResult<SetupOutcome>> {
  const parsed = setupSchema.safeParse(setupFromForm(fields));
  if (!parsed.success) return { ok: false, message: "Check the highlighted fields.", fieldErrors: setupFieldErrors(parsed.error) };
  const unstorable = fieldsWithUnstorableText(parsed.data);
  if (unstorable.length > 0) return { ok: false, message: "Check the highlighted fields.", fieldErrors: Object.fromEntries(unstorable.map(([k, why]) => [k, [why]])) };
  try {
    return { ok: true, data: await setUpDistrict(parsed.data, { via: "page", token: token ?? "" }) };
  } catch (e) {
    return toResult(e);
  }
}

export type { SetupOutcome };
