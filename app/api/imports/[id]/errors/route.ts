import { currentViewer } from "@/lib/auth";
import { twoFactorRefusal } from "@/lib/auth/two-factor-gate";
import { ForbiddenError, NotFoundError } from "@/lib/access";
import { getImportRunErrors } from "@/lib/imports/queries";
import { csvLine, csvResponse } from "@/lib/exports/csv";

// GET /api/imports/<run id>/errors: the run's rejected rows (and warnings) as CSV.
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const viewer = await currentViewer();
  if (!viewer) return Response.json({ error: "Sign in first." }, { status: 401 });
  const enrolFirst = await twoFactorRefusal(viewer);
  if (enrolFirst) return enrolFirst;
  try {
    const { id } = await params;
    const run = await getImportRunErrors(viewer, id);
    async function* lines() {
      yield csvLine(["severity", "file", "line", "column", "value", "message"]);
      for (const e of run.errors) yield csvLine(["error", e.file, e.line, e.column, e.value, e.message]);
      for (const w of run.warnings) yield csvLine(["warning", w.file, w.line, w.column, w.value, w.message]);
    }
    return csvResponse(`${run.fileName}-errors.csv`, lines());
  } catch (e) {
    if (e instanceof NotFoundError) return Response.json({ error: "Not found." }, { status: 404 });
    if (e instanceof ForbiddenError) return Response.json({ error: e.message }, { status: 403 });
    throw e;
  }
}
