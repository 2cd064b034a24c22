import { currentViewer } from "@/lib/auth";
import { twoFactorRefusal } from "@/lib/auth/two-factor-gate";
import { crossSiteDownloadRefusal } from "@/lib/http/same-origin";
import { handle } from "./handle";

// GET /api/audit/export?user=…&student=…&action=…&from=…&to=…: the audit page's filtered log as
// CSV. District administrators only: anyone else gets 403, and the refusal is on the record.
export async function GET(req: Request): Promise<Response> {
  const refused = crossSiteDownloadRefusal(req);
  if (refused) return refused;
  const viewer = await currentViewer();
  return (await twoFactorRefusal(viewer)) ?? handle(viewer, req);
}
