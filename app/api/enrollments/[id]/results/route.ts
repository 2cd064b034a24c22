import { currentViewer } from "@/lib/auth";
import { handle } from "./handle";

// POST /api/enrollments/<id>/results {version, results:[{assessmentId, score, takenOn}]}: records
// assessment results (provider integrations, scripts). 200 {studentId, progress, attempts}.
export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  return handle(await currentViewer(), req, await ctx.params);
}
