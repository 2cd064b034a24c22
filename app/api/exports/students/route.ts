import { currentViewer } from "@/lib/auth";
import { twoFactorRefusal } from "@/lib/auth/two-factor-gate";
import { crossSiteDownloadRefusal } from "@/lib/http/same-origin";
import { csvResponse, datedFileName } from "@/lib/exports/csv";
import { studentsCsv } from "@/lib/exports/students";

// GET /api/exports/students: the viewer's students with status and credits (CSV).
export async function GET(req: Request): Promise<Response> {
  const refused = crossSiteDownloadRefusal(req);
  if (refused) return refused;
  const viewer = await currentViewer();
  if (!viewer) return Response.json({ error: "Sign in first." }, { status: 401 });
  const enrolFirst = await twoFactorRefusal(viewer);
  if (enrolFirst) return enrolFirst;
  return csvResponse(datedFileName("students"), studentsCsv(viewer));
}
