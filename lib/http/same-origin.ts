import "server-only";

// Writes from other sites (CSRF): a page on another origin — another port of the same host
// counts — can make the browser send a POST with the user's cookies. Browsers say where a request
// comes from: `Origin` on every cross-origin POST (and on same-origin fetch), and `Sec-Fetch-Site`
// (Fetch Metadata) on every request of current browsers. Server actions get this check from Next;
// every state-changing route handler calls crossSiteRefusal first. Same idea as Go 1.25's
// net/http CrossOriginProtection and OWASP's CSRF cheat sheet ("Verifying origin with standard
// headers", "Fetch Metadata headers").
//
// - Origin present: it must be the app's own origin, which is the request's host (the forwarded
//   host when a trusted proxy set it) with the protocol scripts/serve.mjs set in
//   X-Forwarded-Proto, or the origin of NEXTAUTH_URL. `Origin: null` is refused.
// - No Origin: `Sec-Fetch-Site` must be `same-origin` or `none` (typed by the user) when present.
// - Neither: not a browser (a script, a provider integration): nothing to ride on, allowed.

export const CROSS_SITE = "This request came from another site and was refused.";

/** The origins this app answers on, as the browser writes them in `Origin`. */
export function ownOrigins(req: Request): string[] {
  const h = req.headers;
  const url = new URL(req.url);
  const first = (v: string | null) => v?.split(",")[0]?.trim() || undefined;
  const proto = first(h.get("x-forwarded-proto")) ?? url.protocol.replace(/:$/, "");
  const host = first(h.get("x-forwarded-host")) ?? h.get("host") ?? url.host;
  const out: string[] = [];
  // URL's origin drops a default port (":443" in a Host header), as the browser's Origin does.
  for (const candidate of [`${proto}://${host}`, process.env.NEXTAUTH_URL]) {
    if (!candidate) continue;
    try {
      out.push(new URL(candidate).origin.toLowerCase());
    } catch {
      // A malformed Host names no origin; lib/env.ts reports a malformed NEXTAUTH_URL at start.
    }
  }
  return out;
}

/** A 403 with a JSON error when the request came from another site; null when it may proceed. */
export function crossSiteRefusal(req: Request): Response | null {
  const origin = req.headers.get("origin");
  let ok: boolean;
  if (origin !== null) ok = origin !== "null" && ownOrigins(req).includes(origin.toLowerCase());
  else {
    const site = req.headers.get("sec-fetch-site");
    ok = site === null || site === "same-origin" || site === "none";
  }
  return ok ? null : Response.json({ error: CROSS_SITE }, { status: 403, headers: { "cache-control": "private, no-store" } });
}

/**
 * For downloads of student records (GET exports): a link or form on another site — another port
 * of this host is `same-site`, not `same-origin` — makes the browser fetch them with the user's
 * SameSite=Lax cookie, and each such download is audited in the user's name. Refused when the
 * browser says the request came from anywhere but this origin (Fetch Metadata); requests without
 * the header (older browsers, scripts) pass, as for writes.
 */
export function crossSiteDownloadRefusal(req: Request): Response | null {
  const site = req.headers.get("sec-fetch-site");
  if (site === null || site === "same-origin" || site === "none") return null;
  return Response.json({ error: CROSS_SITE }, { status: 403, headers: { "cache-control": "private, no-store" } });
}
