import { z } from "zod";
import { currentViewer } from "@/lib/auth";
import { can, refusalOf } from "@/lib/access";
import { twoFactorRefusal } from "@/lib/auth/two-factor-gate";
import { importRequest, MAX_UPLOAD_BYTES } from "@/lib/imports/schema";
import { saveUpload } from "@/lib/imports/upload";
import { runImport } from "@/lib/imports/run";
import { DomainError, GENERIC_ERROR } from "@/lib/safe-action";
import { crossSiteRefusal } from "@/lib/http/same-origin";
import type { Progress } from "@/lib/imports/report";

// POST /api/imports?kind=oneroster&name=roster.zip&dryRun=1 with the file as the raw body.
// Answers NDJSON: {"type":"progress",…} lines while it runs, then {"type":"done","report":…}.

export const runtime = "nodejs";
export const maxDuration = 900;

export async function POST(req: Request): Promise<Response> {
  // The file is the raw body (any Content-Type); a write from another site is refused first.
  const refused = crossSiteRefusal(req);
  if (refused) return refused;
  const viewer = await currentViewer();
  if (!viewer) return Response.json({ error: "Sign in first." }, { status: 401 });
  const enrolFirst = await twoFactorRefusal(viewer);
  if (enrolFirst) return enrolFirst;
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
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (o: unknown) => controller.enqueue(encoder.encode(JSON.stringify(o) + "\n"));
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
        controller.close();
      }
    },
  });
  return new Response(body, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" } });
}
