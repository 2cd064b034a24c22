"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { withViewer, type ActionResult } from "@/lib/safe-action";
import { assertCan } from "@/lib/access";
import { setTwoFactorPolicy } from "./two-factor-policy";
import { proficientLevelsSchema, providerOverdueSchema, rigorPoliciesSchema, twoFactorPolicySchema } from "./schema";
import { POLICY_LABEL } from "./rules";
import { saveDistrictSettings } from "./district";
import { districtSettingsSchema, setupFieldErrors, setupFromForm } from "@/lib/setup/schema";
import { LandingFolderError, landingSettingsSchema, saveLandingSettings } from "@/lib/imports/landing/settings";
import { saveProviderOverdue } from "./provider-overdue";
import { saveRigorPolicies } from "./rigor";
import { saveProficientLevels } from "./proficient-levels";
import { PROGRAM_TYPE_LABEL } from "@/lib/labels";

export async function setTwoFactorPolicyAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(twoFactorPolicySchema, (viewer, input) => setTwoFactorPolicy(viewer, input), form);
  if (r.ok) {
    revalidatePath("/settings");
    return { ...r, message: `Saved: ${POLICY_LABEL[r.data.policy].toLowerCase()}.` };
  }
  return r;
}

/** The district's name, diploma credits, credits per subject area and passing grade (district admins). */
export async function saveDistrictSettingsAction(_prev: ActionResult<unknown> | null, form: FormData) {
  // The session (and two-factor gate) first, through withViewer; the fields are then parsed here so
  // their errors keep the form's own names (requirements.ENGLISH…), as on the setup page.
  const r = await withViewer(
    z.record(z.string(), z.unknown()),
    async (viewer, fields) => {
      assertCan(viewer, "settings.manage");
      const parsed = districtSettingsSchema.safeParse(setupFromForm(fields));
      if (!parsed.success) return { fieldErrors: setupFieldErrors(parsed.error) };
      return { saved: await saveDistrictSettings(viewer, parsed.data) };
    },
    form,
  );
  if (!r.ok) return r;
  if ("fieldErrors" in r.data) return { ok: false as const, message: "Check the highlighted fields.", fieldErrors: r.data.fieldErrors };
  revalidatePath("/settings");
  return { ok: true as const, data: r.data.saved, message: "Saved. Graduation audits use the new requirements from now on." };
}

/** The landing folder, its interval, how long filed files are kept, and the staleness days (district admins). */
export async function saveLandingSettingsAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(
    landingSettingsSchema,
    async (viewer, input) => {
      try {
        return { saved: await saveLandingSettings(viewer, input) };
      } catch (e) {
        // The folder the server cannot use (missing, not writable, outside IMPORT_LANDING_ROOT): said on its field.
        if (e instanceof LandingFolderError) return { fieldErrors: { landingFolder: [e.message] } };
        throw e;
      }
    },
    form,
  );
  if (!r.ok) return r;
  if ("fieldErrors" in r.data) return { ok: false as const, message: "Check the highlighted fields.", fieldErrors: r.data.fieldErrors };
  revalidatePath("/settings");
  const folder = r.data.saved.landingFolder;
  return {
    ok: true as const,
    data: r.data.saved,
    message: folder ? `Saved. The server looks at ${folder} every ${r.data.saved.landingIntervalMinutes} minutes.` : "Saved. The landing folder is off.",
  };
}

/** Each provider's own overdue threshold, blank = the district's (district admins). */
export async function saveProviderOverdueAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(providerOverdueSchema, (viewer, input) => saveProviderOverdue(viewer, input), form);
  if (!r.ok) return r;
  // The overdue banner is in the layout of every page.
  revalidatePath("/", "layout");
  const n = r.data.changed;
  return { ...r, message: n === 0 ? "Nothing changed." : `Saved: ${n === 1 ? "1 provider's" : `${n} providers'`} overdue days changed.` };
}

/** The rigor guardrails per program type (district admins). */
export async function saveRigorPoliciesAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(rigorPoliciesSchema, (viewer, input) => saveRigorPolicies(viewer, input), form);
  if (!r.ok) return r;
  // Every page that enrols a student or awards credit reads the policy.
  revalidatePath("/", "layout");
  const names = r.data.changed.map((t) => PROGRAM_TYPE_LABEL[t].toLowerCase());
  const list = names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  return { ...r, message: names.length === 0 ? "Nothing changed." : `Saved: the guardrails for ${list} changed.` };
}

/** The state test levels that count as proficient (district admins). */
export async function saveProficientLevelsAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(proficientLevelsSchema, (viewer, input) => saveProficientLevels(viewer, input), form);
  if (!r.ok) return r;
  revalidatePath("/settings");
  const n = r.data.levels.length;
  return { ...r, message: r.data.changed ? `Saved: ${n} ${n === 1 ? "level counts" : "levels count"} as proficient.` : "Nothing changed." };
}
