import { currentViewer } from "@/lib/auth";
import { twoFactorRefusal } from "@/lib/auth/two-factor-gate";
import { crossSiteRefusal } from "@/lib/http/same-origin";
import { handle } from "./handle";

// POST /api/imports?kind=oneroster&name=roster.zip&dryRun=1 with the file as the raw body.
// Answers NDJSON: {"type":"progress",…} lines while it runs, then {"type":"done","report":…}.

export const runtime = "nodejs";
export const maxDuration = 900;

export async function POST(req: Request): Promise<Response> {
  // A write from another site is refused before the session is read.
  const refused = crossSiteRefusal(req);
  if (refused) return refused;
  const viewer = await currentViewer();
  if (!viewer) return Response.json({ error: "Sign in first." }, { status: 401 });
  return (await twoFactorRefusal(viewer)) ?? handle(viewer, req);
}
