import "server-only";
import type { Viewer } from "@/lib/access";
import { addNote } from "@/lib/notes/notes";
import { addNoteSchema } from "@/lib/notes/schema";
import { jsonWrite, readJson } from "@/lib/http/json-write";

/** POST /api/students/[id]/notes for a given viewer (the route passes the session's; tests pass their own). */
export async function handle(viewer: Viewer | null, req: Request, params: { id: string }): Promise<Response> {
  const body = await readJson(req);
  const raw = body && typeof body === "object" && !Array.isArray(body) ? { ...body, studentId: params.id } : { studentId: params.id };
  return jsonWrite(viewer, addNoteSchema, (v, input) => addNote(v, input), raw);
}
