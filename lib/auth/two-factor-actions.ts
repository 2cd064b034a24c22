"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runValidated, type ActionResult } from "@/lib/safe-action";
import type { Viewer } from "@/lib/access";
import { beginEnrolment, confirmEnrolment, disableTwoFactor, regenerateRecoveryCodes } from "./two-factor";
import { anyCodeSchema, confirmEnrolmentSchema, totpCodeSchema } from "./two-factor-schema";

// The account security page's actions. They take the bare signed-in viewer (currentViewer), not
// withViewer: a user whom the district policy sends here to enrol must be able to use them.

async function run<S extends z.ZodType, R>(schema: S, fn: (viewer: Viewer, input: z.output<S>) => Promise<R>, form: FormData): Promise<ActionResult<R>> {
  const { currentViewer } = await import("@/lib/auth");
  const r = await runValidated(await currentViewer(), schema, fn, form);
  if (r.ok) revalidatePath("/account/security");
  return r;
}

const nothing = z.object({});

export async function beginTwoFactorAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await run(nothing, (viewer) => beginEnrolment(viewer), form);
  // The secret is shown by the page, which re-renders; it never travels in the action's answer.
  return r.ok ? { ok: true as const, data: null, message: "Add CreditTrack to your authenticator app, then enter the code it shows." } : r;
}

export async function confirmTwoFactorAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await run(confirmEnrolmentSchema, (viewer, input) => confirmEnrolment(viewer, input), form);
  return r.ok ? { ...r, message: "Two-factor sign-in is on." } : r;
}

export async function regenerateRecoveryCodesAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await run(totpCodeSchema, (viewer, input) => regenerateRecoveryCodes(viewer, input), form);
  return r.ok ? { ...r, message: "New recovery codes: the old ones no longer work." } : r;
}

export async function disableTwoFactorAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await run(anyCodeSchema, (viewer, input) => disableTwoFactor(viewer, input), form);
  return r.ok ? { ...r, message: "Two-factor sign-in is off." } : r;
}
