import { currentViewer } from "@/lib/auth";
import { twoFactorRefusal } from "@/lib/auth/two-factor-gate";
import { handle } from "./handle";

// POST /api/enrollments/<id>/results {version, results:[{assessmentId, score, takenOn, proctored?}]}: records
// assessment results (provider integrations, scripts). 200 {studentId, progress, attempts}.
export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const viewer = await currentViewer();
  return (await twoFactorRefusal(viewer)) ?? handle(viewer, req, await ctx.params);
}
