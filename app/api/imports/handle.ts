import "server-only";
import { z } from "zod";
import { can, refusalOf, type Viewer } from "@/lib/access";
import { importRequest, MAX_UPLOAD_BYTES } from "@/lib/imports/schema";
import { saveUpload } from "@/lib/imports/upload";
import { kickImportQueue, queueImport, queuedState, startImportQueue } from "@/lib/imports/queue";
import { markInterruptedRuns } from "@/lib/imports/interrupted";
import { embedded } from "@/lib/db";
import { DomainError, GENERIC_ERROR } from "@/lib/safe-action";
import { crossSiteRefusal } from "@/lib/http/same-origin";

/** How often the answering host reads the run's progress. */
const POLL_MS = 250;
/** How often a browser's wait checks for runs whose host died. */
const SWEEP_EVERY_MS = 30_000;
/** How long a browser waits for a job runner to take its upload before being told it stays queued. */
const QUEUE_WAIT_MS = 10 * 60_000;
const QUEUED_TOO_LONG =
  "The file is uploaded and queued, but no job runner has started it yet; it will run when one does, if that is within 24 hours of the upload (see the list of runs below). If this keeps happening, check that the server runs its jobs (JOBS is not off) or that `npm run jobs` runs.";

/**
 * POST /api/imports for a given viewer (the route passes the session's; tests pass their own).
 * Answers NDJSON: {"type":"progress",…} lines while it runs, then {"type":"done","report":…}.
 *
 * The import runs on the job runner of whichever host takes it (lib/imports/queue.ts), never in
 * this request, so it does not depend on the browser staying: a closed tab, a page left or a dropped
 * network ends the lines to it, not the run, which finishes and is recorded under Imports (its
 * report and errors). (When it ran in the request, writing a line to a browser that had gone threw
 * inside the import's progress callback, and a roster still being written was rolled back.)
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
  // The file goes to PostgreSQL and its run waits "queued" for a job runner on any host
  // (lib/imports/queue.ts); this request only reports the run's progress, read from its row.
  let runId: string;
  try {
    runId = await queueImport(viewer, input, upload.file);
  } finally {
    await upload.remove();
  }
  // The embedded database is one process's: no other host can take the upload, so this one does
  // (even with JOBS=off).
  if (!kickImportQueue() && embedded()) startImportQueue();
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
      try {
        let last = "";
        const until = Date.now() + QUEUE_WAIT_MS;
        let sweptAt = Date.now();
        while (listening) {
          // A runner host that died leaves its run "running" with a stale heartbeat: settled here
          // too, so this browser is told rather than left waiting.
          if (Date.now() - sweptAt > SWEEP_EVERY_MS) {
            sweptAt = Date.now();
            await markInterruptedRuns();
          }
          const s = await queuedState(runId);
          if (s.state === "done") {
            send({ type: "done", report: s.report });
            break;
          }
          if (s.state === "gone") {
            send({ type: "error", message: GENERIC_ERROR });
            break;
          }
          const line = s.state === "queued" ? { phase: "queued", done: 0, total: 0 } : (s.progress ?? { phase: "read", done: 0, total: 0 });
          const key = JSON.stringify(line);
          if (key !== last) send({ type: "progress", ...line });
          last = key;
          if (s.state === "queued" && Date.now() > until) {
            send({ type: "error", message: QUEUED_TOO_LONG });
            break;
          }
          await new Promise((r) => setTimeout(r, POLL_MS));
        }
      } catch (e) {
        console.error("import progress could not be read", e);
        send({ type: "error", message: GENERIC_ERROR });
      } finally {
        if (listening) controller.close();
      }
    },
    cancel() {
      listening = false;
    },
  });
  return new Response(body, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" } });
}
