import "server-only";
import { cache } from "react";
import type { Viewer } from "@/lib/access";
import { twoFactorEnrolmentDue } from "./two-factor";

// The district's two-factor policy, enforced on every entry point for a signed-in password user
// it covers who has not enrolled yet: pages redirect to the enrolment page (lib/auth.ts
// getViewer), server actions refuse (lib/safe-action.ts withViewer) and API routes answer 403
// (twoFactorRefusal). The enrolment page and its actions are the exception.

export const ENROLMENT_PATH = "/account/security";
export const ENROL_FIRST = "Your district requires two-factor sign-in for your account. Set it up at /account/security first.";

/** Once per request: one read of the user's enrolment and the district policy. */
const dueFromDatabase = cache((userId: string): Promise<boolean> => twoFactorEnrolmentDue(userId));

/**
 * Whether the viewer must enrol first. A viewer from the session check carries the answer (read in
 * the same statement: lib/auth/sessions.ts liveSessionUser); any other viewer is looked up.
 */
export async function twoFactorDue(viewer: Viewer): Promise<boolean> {
  return typeof viewer.twoFactorDue === "boolean" ? viewer.twoFactorDue : dueFromDatabase(viewer.id);
}

/** For API routes: a 403 with the reason when the viewer must enrol first, else null. */
export async function twoFactorRefusal(viewer: Viewer | null): Promise<Response | null> {
  if (!viewer || !(await twoFactorDue(viewer))) return null;
  return Response.json({ error: ENROL_FIRST }, { status: 403, headers: { "cache-control": "private, no-store" } });
}
