import { downloadViewer } from "@/lib/http/download";
import { csvResponse, datedFileName } from "@/lib/exports/csv";
import { enrollmentsCsv } from "@/lib/exports/enrollments";

// GET /api/exports/enrollments: the viewer's students' online enrollments with results (CSV).
export async function GET(req: Request): Promise<Response> {
  const viewer = await downloadViewer(req);
  if (viewer instanceof Response) return viewer;
  return csvResponse(datedFileName("enrollments"), enrollmentsCsv(viewer));
}
