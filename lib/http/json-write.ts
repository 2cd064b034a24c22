import "server-only";
import type { z } from "zod";
import { ForbiddenError, NotFoundError, type Viewer } from "@/lib/access";
import { ConflictError, DomainError, runValidated, SIGNED_OUT } from "@/lib/safe-action";
import { crossSiteRefusal } from "./same-origin";

// JSON write API responses: the same runValidated path as the server actions (session → zod →
// scoped write), with the outcome mapped to a status: 401 signed out, 400 with field errors for
// bad input or a refused value, 404 for an id out of scope or nonexistent (identical bodies),
// 403 for a refused role, 409 for a version conflict. Anything unexpected is logged by
// runValidated and answered 500 with the generic message.
// Before any of that, jsonWriteRoute refuses a write from another site (403, ./same-origin.ts) and
// a body that is not application/json (415): a cross-site page can send text/plain holding JSON
// without a CORS preflight, but not application/json.

export const JSON_ONLY = "Send the body as JSON (Content-Type: application/json).";

export function isJsonBody(req: Request): boolean {
  const type = req.headers.get("content-type");
  return type !== null && type.split(";")[0].trim().toLowerCase() === "application/json";
}

/**
 * A JSON write route: the same-origin and content-type checks, then the body's fields with the
 * route's own (`fields`: the URL's ids, the Idempotency-Key header…) on top, through jsonWrite.
 */
export async function jsonWriteRoute<S extends z.ZodType, R>(
  req: Request,
  viewer: Viewer | null,
  schema: S,
  fn: (viewer: Viewer, input: z.output<S>) => Promise<R>,
  fields: Record<string, unknown>,
): Promise<Response> {
  const refused = crossSiteRefusal(req);
  if (refused) return refused;
  if (!isJsonBody(req)) return Response.json({ error: JSON_ONLY }, { status: 415, headers: { "cache-control": "private, no-store" } });
  const body = await readJson(req);
  const raw = body && typeof body === "object" && !Array.isArray(body) ? { ...body, ...fields } : fields;
  return jsonWrite(viewer, schema, fn, raw);
}

export async function readJson(req: Request): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    return undefined; // not JSON: zod reports the missing fields
  }
}

export async function jsonWrite<S extends z.ZodType, R>(viewer: Viewer | null, schema: S, fn: (viewer: Viewer, input: z.output<S>) => Promise<R>, raw: unknown): Promise<Response> {
  if (!viewer) return Response.json({ error: SIGNED_OUT }, { status: 401 });
  let failure: unknown;
  const result = await runValidated(
    viewer,
    schema,
    async (v, input) => {
      try {
        return await fn(v, input);
      } catch (e) {
        failure = e;
        throw e;
      }
    },
    raw ?? {},
  );
  const noStore = { "cache-control": "private, no-store" };
  if (result.ok) return Response.json(result.data ?? { ok: true }, { headers: noStore });
  const body = { error: result.message, ...(result.fieldErrors ? { fieldErrors: result.fieldErrors } : {}) };
  const status =
    failure === undefined || failure instanceof DomainError
      ? 400
      : failure instanceof NotFoundError
        ? 404
        : failure instanceof ConflictError
          ? 409
          : failure instanceof ForbiddenError
            ? 403
            : 500;
  return Response.json(body, { status, headers: noStore });
}
