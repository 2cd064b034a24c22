import "server-only";
import { z } from "zod";
import { currentViewer } from "@/lib/auth";
import { twoFactorRefusal } from "@/lib/auth/two-factor-gate";
import { ForbiddenError, NotFoundError, type Viewer } from "@/lib/access";
import { filterDetails, recordAudit, recordRefusal } from "@/lib/audit";
import { paramsObject } from "./schema";

// Report route handlers: session → zod on the query string → the same scoped query the pages use.
// 401 signed out, 400 with the schema's sentences and field errors, 403 for a refused role, 404 for an out-of-scope school;
// anything else is logged and answered with a generic 500. Each answer with figures is audited as
// `report.export` (the path and the filter: these are suppressed counts, no student is listed);
// each refusal as `access.refused` (role) or `school.read.refused` (the school asked for).

export function reportRoute<S extends z.ZodType>(schema: S, fn: (viewer: Viewer, input: z.output<S>) => Promise<Response | unknown>) {
  const handle = reportHandler(schema, fn);
  return async function GET(req: Request): Promise<Response> {
    const viewer = await currentViewer();
    return (await twoFactorRefusal(viewer)) ?? handle(viewer, req);
  };
}

/** The route's answer for a given viewer (the route passes the session's; tests pass their own). */
export function reportHandler<S extends z.ZodType>(schema: S, fn: (viewer: Viewer, input: z.output<S>) => Promise<Response | unknown>) {
  return async function handle(viewer: Viewer | null, req: Request): Promise<Response> {
    if (!viewer) return Response.json({ error: "Sign in first." }, { status: 401 });
    const path = new URL(req.url).pathname;
    const parsed = schema.safeParse(paramsObject(new URL(req.url).searchParams));
    if (!parsed.success) {
      // The schema's own sentences (schema.ts), each prefixed with its parameter.
      const error = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
      return Response.json({ error, fieldErrors: z.flattenError(parsed.error).fieldErrors }, { status: 400 });
    }
    try {
      const out = await fn(viewer, parsed.data);
      await recordAudit(viewer, { action: "report.export", details: { path, filter: filterDetails(parsed.data as Record<string, unknown>) } });
      return out instanceof Response ? out : Response.json(out, { headers: { "cache-control": "private, no-store" } });
    } catch (e) {
      if (e instanceof ForbiddenError || e instanceof NotFoundError) await auditReportRefusal(viewer, e, path);
      if (e instanceof ForbiddenError) return Response.json({ error: e.message }, { status: 403 });
      if (e instanceof NotFoundError) return Response.json({ error: e.message }, { status: 404 });
      console.error("report route failed", e);
      return Response.json({ error: "Something went wrong." }, { status: 500 });
    }
  };
}

/** A report page or route refused: the role (`access.refused`) or the school asked for (`school.read.refused`). */
export async function auditReportRefusal(viewer: Viewer, e: ForbiddenError | NotFoundError, path: string): Promise<void> {
  try {
    if (e instanceof ForbiddenError) await recordRefusal(viewer, { action: "access.refused", path, reason: e.message });
    // Only a lookup of a given record is an access attempt; a bad group or year is just a bad link.
    else if (e.id !== undefined) await recordRefusal(viewer, { action: `${e.what.toLowerCase()}.read.refused`, entity: e.what, id: e.id, path });
  } catch (failure) {
    console.error("Could not record a refused attempt", failure);
  }
}
