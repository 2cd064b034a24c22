import { downloadViewer } from "@/lib/http/download";
import { csvResponse, datedFileName } from "@/lib/exports/csv";
import { studentsCsv } from "@/lib/exports/students";

// GET /api/exports/students: the viewer's students with status and credits (CSV).
export async function GET(req: Request): Promise<Response> {
  const viewer = await downloadViewer(req);
  if (viewer instanceof Response) return viewer;
  return csvResponse(datedFileName("students"), studentsCsv(viewer));
}
