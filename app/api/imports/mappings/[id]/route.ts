import { currentViewer } from "@/lib/auth";
import { twoFactorRefusal } from "@/lib/auth/two-factor-gate";
import { ForbiddenError, NotFoundError } from "@/lib/access";
import { exportMapping } from "@/lib/imports/mapping/store";

// GET /api/imports/mappings/<id>: a saved column mapping as JSON (download), district administrators only.

export const runtime = "nodejs";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const viewer = await currentViewer();
  if (!viewer) return Response.json({ error: "Sign in first." }, { status: 401 });
  const enrolFirst = await twoFactorRefusal(viewer);
  if (enrolFirst) return enrolFirst;
  try {
    const m = await exportMapping(viewer, (await params).id);
    const file = `${m.name.replace(/[^\w-]+/g, "-").replace(/^-|-$/g, "") || "mapping"}-v${m.version}.json`;
    return new Response(JSON.stringify(m, null, 2) + "\n", {
      headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="${file}"`, "cache-control": "no-store" },
    });
  } catch (e) {
    if (e instanceof NotFoundError) return Response.json({ error: "Not found." }, { status: 404 });
    if (e instanceof ForbiddenError) return Response.json({ error: e.message }, { status: 403 });
    throw e;
  }
}
