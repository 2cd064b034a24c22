import { downloadViewer } from "@/lib/http/download";
import { csvResponse, datedFileName } from "@/lib/exports/csv";
import { catalogCsv } from "@/lib/catalog/export";

// GET /api/exports/catalog: providers, online courses and their current assessments, in the
// columns the `catalog` import reads (any signed-in staff member; no student data).
export async function GET(req: Request): Promise<Response> {
  const viewer = await downloadViewer(req);
  if (viewer instanceof Response) return viewer;
  return csvResponse(datedFileName("catalog"), catalogCsv());
}
