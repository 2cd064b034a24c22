import "server-only";
import type { Viewer } from "@/lib/access";
import { recordAssessmentResults } from "@/lib/enrollments/results";
import { recordResultsApiSchema } from "@/lib/enrollments/schema";
import { jsonWriteRoute } from "@/lib/http/json-write";

/** POST /api/enrollments/[id]/results for a given viewer (the route passes the session's; tests pass their own). */
export async function handle(viewer: Viewer | null, req: Request, params: { id: string }): Promise<Response> {
  return jsonWriteRoute(req, viewer, recordResultsApiSchema, (v, input) => recordAssessmentResults(v, input), { enrollmentId: params.id });
}
