import { currentViewer } from "@/lib/auth";
import { twoFactorRefusal } from "@/lib/auth/two-factor-gate";
import { crossSiteDownloadRefusal } from "@/lib/http/same-origin";
import { csvResponse, datedFileName } from "@/lib/exports/csv";
import { catalogCsv } from "@/lib/catalog/export";

// GET /api/exports/catalog: providers, online courses and their current assessments, in the
// columns the `catalog` import reads (any signed-in staff member; no student data).
export async function GET(req: Request): Promise<Response> {
  const refused = crossSiteDownloadRefusal(req);
  if (refused) return refused;
  const viewer = await currentViewer();
  if (!viewer) return Response.json({ error: "Sign in first." }, { status: 401 });
  const enrolFirst = await twoFactorRefusal(viewer);
  if (enrolFirst) return enrolFirst;
  return csvResponse(datedFileName("catalog"), catalogCsv());
}
