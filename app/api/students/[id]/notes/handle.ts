import "server-only";
import type { Viewer } from "@/lib/access";
import { addNote } from "@/lib/notes/notes";
import { addNoteSchema } from "@/lib/notes/schema";
import { jsonWriteRoute } from "@/lib/http/json-write";

/**
 * POST /api/students/[id]/notes for a given viewer (the route passes the session's; tests pass
 * their own). The `Idempotency-Key` header (16–100 letters, digits, - or _; a UUID fits) makes a
 * repeat of the request answer the first note instead of adding another; a `clientKey` in the body
 * is ignored.
 */
export async function handle(viewer: Viewer | null, req: Request, params: { id: string }): Promise<Response> {
  const clientKey = req.headers.get("idempotency-key") ?? undefined;
  return jsonWriteRoute(req, viewer, addNoteSchema, (v, input) => addNote(v, input), { studentId: params.id, clientKey });
}
