"use server";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { withViewer, type ActionResult } from "@/lib/safe-action";
import { setUserActive } from "./active";
import { changeRole, createUser } from "./manage";
import { issueSetPasswordLink, setUserPassword } from "./passwords";
import { reassignCaseload } from "./reassign";
import { changeRoleSchema, createUserSchema, issueLinkSchema, plansMoved, reassignSchema, setActiveSchema, setPasswordSchema } from "./schema";

type Prev = ActionResult<unknown> | null;

export async function setActiveAction(_prev: Prev, form: FormData) {
  const r = await withViewer(setActiveSchema, (viewer, input) => setUserActive(viewer, input), form);
  if (r.ok) {
    revalidatePath("/users", "layout");
    return { ...r, message: r.data.active ? `Reactivated ${r.data.name}.` : `Deactivated ${r.data.name}: they are signed out at once.` };
  }
  return r;
}

export async function createUserAction(_prev: Prev, form: FormData) {
  const r = await withViewer(createUserSchema, createUser, form);
  if (r.ok) {
    revalidatePath("/users", "layout");
    return { ...r, message: "User added. They have no password yet: open their page to set one or issue a set-password link." };
  }
  return r;
}

export async function changeRoleAction(_prev: Prev, form: FormData) {
  const r = await withViewer(changeRoleSchema, changeRole, form);
  if (r.ok) {
    revalidatePath("/users", "layout");
    return { ...r, message: r.data.changed ? "Role and school saved: they apply from this person's next page." : "Nothing to change." };
  }
  return r;
}

export async function setPasswordAction(_prev: Prev, form: FormData) {
  const r = await withViewer(setPasswordSchema, setUserPassword, form);
  if (r.ok) {
    revalidatePath("/users", "layout");
    return { ...r, message: "Password set. Tell it to this person in person; any session they had has ended." };
  }
  return r;
}

/** The link is in the answer only (shown once); the page never renders it again. */
export async function issueLinkAction(_prev: Prev, form: FormData) {
  const h = await headers();
  // scripts/serve.mjs sets X-Forwarded-Proto/-Host from what it trusts (README: forwarded headers).
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost";
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  const base = process.env.NEXTAUTH_URL || `${proto}://${host}`;
  const r = await withViewer(issueLinkSchema, (viewer, input) => issueSetPasswordLink(viewer, input, new Date(), base), form);
  if (!r.ok) return r;
  revalidatePath("/users", "layout");
  const { link, expiresAt, expiresAtText, emailed, mailError, userId } = r.data;
  // expiresAtText: the district's zone, formatted on the server (the browser's zone may differ).
  return { ok: true as const, data: { userId, link, expiresAt: expiresAt.toISOString(), expiresAtText, emailed, mailError } };
}

export async function reassignAction(_prev: Prev, form: FormData) {
  const r = await withViewer(reassignSchema, reassignCaseload, form);
  if (r.ok) {
    revalidatePath("/users", "layout");
    const n = r.data.moved;
    return { ...r, message: `${n.toLocaleString("en-US")} student${n === 1 ? "" : "s"} moved to ${r.data.toName}'s caseload.${plansMoved(r.data.plans)}` };
  }
  return r;
}
