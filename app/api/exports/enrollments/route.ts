import { currentViewer } from "@/lib/auth";
import { twoFactorRefusal } from "@/lib/auth/two-factor-gate";
import { crossSiteDownloadRefusal } from "@/lib/http/same-origin";
import { csvResponse, datedFileName } from "@/lib/exports/csv";
import { enrollmentsCsv } from "@/lib/exports/enrollments";

// GET /api/exports/enrollments: the viewer's students' online enrollments with results (CSV).
export async function GET(req: Request): Promise<Response> {
  const refused = crossSiteDownloadRefusal(req);
  if (refused) return refused;
  const viewer = await currentViewer();
  if (!viewer) return Response.json({ error: "Sign in first." }, { status: 401 });
  const enrolFirst = await twoFactorRefusal(viewer);
  if (enrolFirst) return enrolFirst;
  return csvResponse(datedFileName("enrollments"), enrollmentsCsv(viewer));
}
