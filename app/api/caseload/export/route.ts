import { downloadViewer } from "@/lib/http/download";
import { csvResponse, datedFileName } from "@/lib/exports/csv";
import { NotFoundError, can } from "@/lib/access";
import { recordRefusal } from "@/lib/audit";
import { caseloadParamsSchema, PAGE_SIZE } from "@/lib/students/schema";
import { caseloadCsv, caseloadExportRows } from "@/lib/caseload/export";
import { caseloadViewQuery } from "@/lib/caseload/url";
import { districtDay } from "@/lib/calendar";

// GET /api/caseload/export?<the caseload's query>: the current view as CSV, every page of it.
// GET /api/caseload/export?id=…&id=…: the rows selected on the caseload (at most one page, each in
// the viewer's scope: one that is not refuses the download, 404, audited like any refused read).
export async function GET(req: Request): Promise<Response> {
  const viewer = await downloadViewer(req);
  if (viewer instanceof Response) return viewer;

  const url = new URL(req.url);
  const raw: Record<string, string | string[]> = {};
  for (const k of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(k);
    raw[k] = all.length > 1 ? all : all[0]!;
  }
  const p = caseloadParamsSchema.parse(raw);
  const ids = url.searchParams.has("id") ? [...new Set(url.searchParams.getAll("id"))] : null;
  if (ids && (ids.length > PAGE_SIZE || ids.some((id) => id.length === 0 || id.length > 64))) {
    return Response.json({ error: `Select between 1 and ${PAGE_SIZE} students.` }, { status: 400 });
  }
  // As the page: a district admin lists a school (or a search), not 60,000 students at once.
  if (!ids && can(viewer, "students.allSchools") && !p.school && !p.q) {
    return Response.json({ error: "Choose a school, or search, first." }, { status: 400 });
  }
  try {
    const rows = await caseloadExportRows(viewer, p, districtDay(), ids);
    const filter: Record<string, string> = ids ? { selection: String(ids.length) } : { view: caseloadViewQuery(p) };
    return csvResponse(datedFileName(ids ? "caseload-selection" : "caseload"), caseloadCsv(viewer, rows, filter));
  } catch (e) {
    if (!(e instanceof NotFoundError)) throw e;
    await recordRefusal(viewer, { action: "student.read.refused", entity: "Student", id: e.id, path: "/api/caseload/export" }).catch((f: unknown) =>
      console.error("Could not record a refused attempt", f),
    );
    return Response.json({ error: "Student not found." }, { status: 404 });
  }
}
