import { NextResponse, type NextRequest } from "next/server";

// Next 16 "proxy" (formerly middleware). Two jobs, neither of them authorization:
// 1. security headers on every response, with a per-request CSP nonce (Next applies the nonce to
//    its own scripts when it sees the CSP on the request), so no inline script runs without it;
// 2. a request without a session cookie goes to sign-in. Pages, route handlers and actions still
//    check the session themselves, and the data layer scopes every query.
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
// /setup: the first-run page, opened by its one-time token (lib/setup/), not by a session.
const PUBLIC = [/^\/signin/, /^\/set-password$/, /^\/api\//, /^\/setup$/];
/** lib/setup/cookie.ts's name (not imported: the proxy bundle stays free of app code). */
const SETUP_COOKIE = "credittrack-setup";
/** lib/users/set-password-cookie.ts's name and lifetime (not imported, as above). */
const SET_PASSWORD_COOKIE = "credittrack-set-password";
const SET_PASSWORD_COOKIE_MAX_AGE = 30 * 60;

export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // No inline styles: the charts are server-drawn SVG (components/reports/*-chart.tsx), no element
    // carries a style attribute, and app/global-error.tsx replaces Next's inline-styled fallback
    // (e2e/security.spec.ts watches for violations). Next's dev overlay needs them in development.
    `style-src 'self'${dev ? " 'unsafe-inline'" : ""}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";

  let response: NextResponse;
  const hasSession = SESSION_COOKIES.some((c) => request.cookies.has(c));
  const setupToken = pathname === "/setup" ? request.nextUrl.searchParams.get("token") : null;
  if (setupToken) {
    // The printed /setup?token=… link: the token moves into an HttpOnly cookie for /setup and the
    // address loses it (history, Referer, screenshots). The page checks it against the database.
    const url = request.nextUrl.clone();
    url.search = "";
    response = NextResponse.redirect(url);
    response.cookies.set(SETUP_COOKIE, setupToken.slice(0, 100), { httpOnly: true, sameSite: "lax", path: "/setup", maxAge: 24 * 60 * 60, secure: https });
  } else if (pathname === "/set-password" && request.nextUrl.searchParams.has("token")) {
    // A one-time set-password link (lib/users/passwords.ts), the same way: the page and its action
    // read the token from the cookie, so it never reaches a rendered page's URL, the x-pathname
    // header or the server's error log; only this redirect's own request line carries it. Lax, not
    // Strict: see lib/users/set-password-cookie.ts. An empty token clears an earlier link's cookie.
    const url = request.nextUrl.clone();
    url.search = "";
    response = NextResponse.redirect(url);
    const token = (request.nextUrl.searchParams.get("token") ?? "").slice(0, 200);
    response.cookies.set(SET_PASSWORD_COOKIE, token, { httpOnly: true, sameSite: "lax", path: "/set-password", maxAge: token ? SET_PASSWORD_COOKIE_MAX_AGE : 0, secure: https });
  } else if (!hasSession && !PUBLIC.some((p) => p.test(pathname))) {
    const url = request.nextUrl.clone();
    url.pathname = "/signin";
    url.search = pathname === "/" ? "" : `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    response = NextResponse.redirect(url);
  } else {
    const headers = new Headers(request.headers);
    headers.set("x-pathname", pathname + search);
    headers.set("x-nonce", nonce);
    headers.set("content-security-policy", csp);
    response = NextResponse.next({ request: { headers } });
  }
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  response.headers.set("X-Frame-Options", "DENY");
  response.headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (https) response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
