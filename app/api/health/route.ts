import { checkHealth } from "@/lib/health";

// GET /api/health: for a load balancer or an orchestrator, no sign-in (it names no one: lib/health.ts).
// 200 {"status":"ok",…} when this process can serve; 503 when it is draining after SIGTERM, its
// database does not answer, or a migration of this build is not applied. Never cached.
export const dynamic = "force-dynamic";

// (A HEAD request is answered by GET without its body: Next does that for a route handler.)
async function answer(): Promise<Response> {
  const h = await checkHealth();
  return Response.json(h, { status: h.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
}

export const GET = answer;
