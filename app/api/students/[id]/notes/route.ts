import { currentViewer } from "@/lib/auth";
import { handle } from "./handle";

// POST /api/students/<id>/notes {kind, body}: adds a counselor note. 200 {id}.
export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  return handle(await currentViewer(), req, await ctx.params);
}
