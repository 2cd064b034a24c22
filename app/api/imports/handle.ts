import "server-only";
import { z } from "zod";
import { can, refusalOf, type Viewer } from "@/lib/access";
import { importRequest, MAX_UPLOAD_BYTES } from "@/lib/imports/schema";
import { saveUpload } from "@/lib/imports/upload";
import { runImport } from "@/lib/imports/run";
import { DomainError, GENERIC_ERROR } from "@/lib/safe-action";
import { crossSiteRefusal } from "@/lib/http/same-origin";
import type { Progress } from "@/lib/imports/report";

/**
 * POST /api/imports for a given viewer (the route passes the session's; tests pass their own).
 * Answers NDJSON: {"type":"progress",…} lines while it runs, then {"type":"done","report":…}.
 *
 * The import does not depend on the browser staying: a closed tab, a page left or a dropped network
 * ends the lines to it, not the run, which finishes and is recorded under Imports (its report and
 * errors). Writing a line to a browser that had gone used to throw inside the import's progress
 * callback, so a roster still being written was rolled back and nothing said so.
 */
export async function handle(viewer: Viewer | null, req: Request): Promise<Response> {
  // The file is the raw body (any Content-Type); a write from another site is refused first.
  const refused = crossSiteRefusal(req);
  if (refused) return refused;
  if (!viewer) return Response.json({ error: "Sign in first." }, { status: 401 });
  if (!can(viewer, "imports.manage")) return Response.json({ error: refusalOf("imports.manage") }, { status: 403 });
  const parsed = importRequest.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) return Response.json({ error: "Check the form.", fieldErrors: z.flattenError(parsed.error).fieldErrors }, { status: 400 });
  if (Number(req.headers.get("content-length") ?? 0) > MAX_UPLOAD_BYTES) return Response.json({ error: "The file is too large." }, { status: 413 });
  const input = parsed.data;
  let upload: Awaited<ReturnType<typeof saveUpload>>;
  try {
    const declared = req.headers.get("content-length");
    upload = await saveUpload(req.body, input.name, MAX_UPLOAD_BYTES, declared ? Number(declared) : null);
  } catch (e) {
    if (e instanceof DomainError) return Response.json({ error: e.message }, { status: 413 });
    throw e;
  }
  const encoder = new TextEncoder();
  let listening = true; // until the browser goes away
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (o: unknown) => {
        if (!listening) return;
        try {
          controller.enqueue(encoder.encode(JSON.stringify(o) + "\n"));
        } catch {
          listening = false; // closed under us: the run goes on without its reader
        }
      };
      let last = 0;
      const onProgress = (p: Progress) => {
        const now = Date.now();
        if (now - last < 250 && p.phase !== "done") return;
        last = now;
        send({ type: "progress", ...p });
      };
      try {
        const report = await runImport(
          viewer,
          input.kind,
          upload.file,
          { dryRun: input.dryRun, partial: input.partial, createEnrollments: input.createEnrollments, onProgress },
          input.name,
        );
        send({ type: "done", report });
      } catch (e) {
        console.error("import failed", e);
        send({ type: "error", message: GENERIC_ERROR });
      } finally {
        await upload.remove();
        if (listening) controller.close();
      }
    },
    cancel() {
      listening = false;
    },
  });
  return new Response(body, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" } });
}
