import "server-only";
import { currentViewer } from "@/lib/auth";
import { twoFactorRefusal } from "@/lib/auth/two-factor-gate";
import type { Viewer } from "@/lib/access";
import { crossSiteDownloadRefusal } from "./same-origin";

/**
 * Who may download a file of student or staff data, checked in one order by every download route:
 * a request started by another site is refused (403), a signed-out one asked to sign in (401), and
 * an account that must enrol two-factor sign-in first is sent to do so. Otherwise the viewer, whose
 * scope the route's data layer applies.
 */
export async function downloadViewer(req: Request): Promise<Viewer | Response> {
  const refused = crossSiteDownloadRefusal(req);
  if (refused) return refused;
  const viewer = await currentViewer();
  if (!viewer) return Response.json({ error: "Sign in first." }, { status: 401 });
  return (await twoFactorRefusal(viewer)) ?? viewer;
}
