import { currentViewer } from "@/lib/auth";
import { twoFactorRefusal } from "@/lib/auth/two-factor-gate";
import { handle } from "./handle";

// POST /api/students/<id>/notes {kind, body} as application/json, with an optional Idempotency-Key
// header: adds a counselor note, once per key. 200 {id}.
export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const viewer = await currentViewer();
  return (await twoFactorRefusal(viewer)) ?? handle(viewer, req, await ctx.params);
}
