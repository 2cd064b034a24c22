import "server-only";
import type { Viewer } from "@/lib/access";
import { addNote } from "@/lib/notes/notes";
import { addNoteSchema } from "@/lib/notes/schema";
import { jsonWriteRoute } from "@/lib/http/json-write";

/** POST /api/students/[id]/notes for a given viewer (the route passes the session's; tests pass their own). */
export async function handle(viewer: Viewer | null, req: Request, params: { id: string }): Promise<Response> {
  return jsonWriteRoute(req, viewer, addNoteSchema, (v, input) => addNote(v, input), { studentId: params.id });
}
