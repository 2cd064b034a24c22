import "server-only";
import { can, refusalOf, type Viewer } from "@/lib/access";
import { recordRefusal } from "@/lib/audit";
import { auditCsv } from "@/lib/audit/export";
import { auditFilterSchema } from "@/lib/audit/search";
import { csvResponse, datedFileName } from "@/lib/exports/csv";
import { paramsObject } from "@/lib/reports/schema";

/** GET /api/audit/export for a given viewer (the route passes the session's; tests pass their own). */
export async function handle(viewer: Viewer | null, req: Request): Promise<Response> {
  if (!viewer) return Response.json({ error: "Sign in first." }, { status: 401 });
  if (!can(viewer, "audit.read")) {
    await recordRefusal(viewer, { action: "access.refused", path: "/api/audit/export" });
    return Response.json({ error: refusalOf("audit.read") }, { status: 403 });
  }
  const filter = auditFilterSchema.parse(paramsObject(new URL(req.url).searchParams));
  return csvResponse(datedFileName("audit"), auditCsv(viewer, filter));
}
