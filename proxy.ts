import { NextResponse, type NextRequest } from "next/server";

// Redirects only (Next 16 "proxy", formerly middleware): a request without a session cookie goes
// to sign-in. This is a convenience, never the authorization — every page, route handler and
// action checks the session itself and the data layer scopes every query.
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const headers = new Headers(request.headers);
  headers.set("x-pathname", pathname + search);
  const hasSession = SESSION_COOKIES.some((c) => request.cookies.has(c));
  if (!hasSession && !pathname.startsWith("/api/")) {
    const url = request.nextUrl.clone();
    url.pathname = "/signin";
    url.search = pathname === "/" ? "" : `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    return NextResponse.redirect(url);
  }
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Everything except sign-in, NextAuth's own routes, and static assets.
  matcher: ["/((?!signin|api/auth|_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
