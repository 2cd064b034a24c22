import "server-only";
import { z } from "zod";
import { currentViewer } from "@/lib/auth";
import { ForbiddenError, NotFoundError, type Viewer } from "@/lib/access";
import { paramsObject } from "./schema";

// Report route handlers: session → zod on the query string → the same scoped query the pages use.
// 401 signed out, 400 with field errors, 403 for a refused role, 404 for an out-of-scope school;
// anything else is logged and answered with a generic 500.

export function reportRoute<S extends z.ZodType>(schema: S, fn: (viewer: Viewer, input: z.output<S>) => Promise<Response | unknown>) {
  return async function GET(req: Request): Promise<Response> {
    const viewer = await currentViewer();
    if (!viewer) return Response.json({ error: "Sign in first." }, { status: 401 });
    const parsed = schema.safeParse(paramsObject(new URL(req.url).searchParams));
    if (!parsed.success) return Response.json({ error: "Invalid parameters.", fieldErrors: z.flattenError(parsed.error).fieldErrors }, { status: 400 });
    try {
      const out = await fn(viewer, parsed.data);
      return out instanceof Response ? out : Response.json(out, { headers: { "cache-control": "private, no-store" } });
    } catch (e) {
      if (e instanceof ForbiddenError) return Response.json({ error: e.message }, { status: 403 });
      if (e instanceof NotFoundError) return Response.json({ error: e.message }, { status: 404 });
      console.error("report route failed", e);
      return Response.json({ error: "Something went wrong." }, { status: 500 });
    }
  };
}
