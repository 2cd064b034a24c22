import "server-only";
import type { Viewer } from "@/lib/access";
import { recordAssessmentResults } from "@/lib/enrollments/results";
import { recordResultsApiSchema } from "@/lib/enrollments/schema";
import { jsonWrite, readJson } from "@/lib/http/json-write";

/** POST /api/enrollments/[id]/results for a given viewer (the route passes the session's; tests pass their own). */
export async function handle(viewer: Viewer | null, req: Request, params: { id: string }): Promise<Response> {
  const body = await readJson(req);
  const raw = body && typeof body === "object" && !Array.isArray(body) ? { ...body, enrollmentId: params.id } : { enrollmentId: params.id };
  return jsonWrite(viewer, recordResultsApiSchema, (v, input) => recordAssessmentResults(v, input), raw);
}
