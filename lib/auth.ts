import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import type { NextAuthOptions } from "next-auth";
import { decode } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import AzureADProvider from "next-auth/providers/azure-ad";
import GoogleProvider from "next-auth/providers/google";
import { db } from "@/lib/db";
import { createSession, liveSessionUser, revokeSession } from "@/lib/auth/sessions";
import { env } from "@/lib/env";
import { can, type Viewer } from "@/lib/access";
import { SIGNIN_MESSAGES, verifyCredentials } from "@/lib/auth/credentials";
import { ENROLMENT_PATH, twoFactorDue } from "@/lib/auth/two-factor-gate";

// Sign-in: email + password (bcrypt hashes, throttled), plus Microsoft Entra ID or Google when
// their environment variables are set (README: "Single sign-on"). A single-sign-on identity is let
// in only when an active CreditTrack user has that email: accounts are provisioned, never created
// by signing in. Sessions are JWTs carrying the user id; role and school are re-read from the
// database on every request, so a deactivated user is shut out at once.

function providers(): NextAuthOptions["providers"] {
  const e = env();
  const list: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" }, code: { label: "Two-factor code", type: "text" } },
      async authorize(credentials, req) {
        // scripts/serve.mjs sets X-Forwarded-For to the one client address it trusts (the socket's,
        // or the one added by TRUSTED_PROXIES), whatever the client sent.
        const address = headerValue(req?.headers?.["x-forwarded-for"])?.split(",")[0]?.trim() || "local";
        const outcome = await verifyCredentials(credentials, address);
        if (outcome.ok) return { ...outcome.user, address, userAgent: headerValue(req?.headers?.["user-agent"]) ?? null };
        // NextAuth passes a thrown message to the sign-in page as `error`.
        // "code-required": the sign-in form then asks for the two-factor code and sends all three.
        throw new Error(SIGNIN_MESSAGES[outcome.reason]);
      },
    }),
  ];
  if (e.AZURE_AD_CLIENT_ID && e.AZURE_AD_CLIENT_SECRET && e.AZURE_AD_TENANT_ID) {
    list.push(AzureADProvider({ clientId: e.AZURE_AD_CLIENT_ID, clientSecret: e.AZURE_AD_CLIENT_SECRET, tenantId: e.AZURE_AD_TENANT_ID }));
  }
  if (e.GOOGLE_CLIENT_ID && e.GOOGLE_CLIENT_SECRET) {
    list.push(GoogleProvider({ clientId: e.GOOGLE_CLIENT_ID, clientSecret: e.GOOGLE_CLIENT_SECRET }));
  }
  return list;
}

export function ssoProviders(): { id: string; name: string }[] {
  const e = env();
  const out: { id: string; name: string }[] = [];
  if (e.AZURE_AD_CLIENT_ID && e.AZURE_AD_CLIENT_SECRET && e.AZURE_AD_TENANT_ID) out.push({ id: "azure-ad", name: "Microsoft" });
  if (e.GOOGLE_CLIENT_ID && e.GOOGLE_CLIENT_SECRET) out.push({ id: "google", name: "Google" });
  return out;
}

const headerValue = (v: string | string[] | undefined | null): string | undefined => (Array.isArray(v) ? v[0] : v) ?? undefined;

/**
 * Whether this request reached us over HTTPS: NEXTAUTH_URL is https, or X-Forwarded-Proto says so.
 * scripts/serve.mjs overwrites X-Forwarded-Proto (the client's value counts only through a trusted
 * proxy, TRUSTED_PROXIES), so a client cannot claim https it did not use.
 */
export function requestIsHttps(forwardedProto: string | null | undefined): boolean {
  return Boolean(env().NEXTAUTH_URL?.startsWith("https://")) || forwardedProto?.split(",")[0]?.trim() === "https";
}

const options = new Map<boolean, NextAuthOptions>();
/** NextAuth's options; `secure` (the request came over HTTPS) makes its cookies Secure and `__Secure-`/`__Host-` named. */
export function authOptions(secure = false): NextAuthOptions {
  const cached = options.get(secure);
  if (cached) return cached;
  const e = env();
  const maxAge = Math.round(e.SESSION_MAX_AGE_HOURS * 3600);
  const built: NextAuthOptions = {
    secret: e.NEXTAUTH_SECRET,
    useSecureCookies: secure,
    session: { strategy: "jwt", maxAge },
    jwt: { maxAge },
    pages: { signIn: "/signin", error: "/signin" },
    providers: providers(),
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider === "credentials") return true;
        const email = user.email?.toLowerCase();
        if (!email) return false;
        const known = await db().user.findUnique({ where: { email } });
        return Boolean(known?.active);
      },
      async jwt({ token, user, account }) {
        if (user && account) {
          // A sign-in: a new Session row, whose id the token carries (lib/auth/sessions.ts).
          let uid: string | undefined;
          if (account.provider === "credentials") uid = user.id;
          else uid = (await db().user.findUnique({ where: { email: user.email!.toLowerCase() } }))?.id;
          if (!uid) throw new Error("No CreditTrack user for this sign-in");
          const meta = user as { address?: string; userAgent?: string | null };
          return { ...token, uid, sid: await createSession(uid, { address: meta.address, userAgent: meta.userAgent }) };
        }
        // Renewal (GET /api/auth/session): only a live session is renewed; otherwise NextAuth
        // clears the cookie. Renewal never extends the session's absolute expiry (the row's).
        const live = typeof token.uid === "string" && typeof token.sid === "string" && (await liveSessionUser(token.uid, token.sid));
        if (!live) throw new Error("Session ended");
        return token;
      },
      async session({ session, token }) {
        return { ...session, uid: token.uid };
      },
    },
    // An ended session's renewal is refused by throwing from the jwt callback (NextAuth then clears
    // the cookie): routine, not an error worth a stack trace in the server log.
    logger: {
      error(code, metadata) {
        if (code === "JWT_SESSION_ERROR") return;
        console.error(`[next-auth][error][${code}]`, metadata);
      },
      warn(code) {
        console.warn(`[next-auth][warn][${code}]`);
      },
      debug() {},
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid !== "string") return;
        await revokeSession(token.sid, "sign-out");
        if (typeof token.uid === "string") await db().auditEvent.create({ data: { userId: token.uid, action: "session.signout", entity: "Session" } });
      },
    },
  };
  options.set(secure, built);
  return built;
}

/** NextAuth's session cookie name for this request: `__Secure-` prefixed over HTTPS, as NextAuth names it. */
function sessionCookieName(secure: boolean): string {
  return `${secure ? "__Secure-" : ""}next-auth.session-token`;
}

/**
 * The user and session ids in this request's session cookie, read the way NextAuth's getServerSession reads it: the
 * session cookie decrypted with NEXTAUTH_SECRET and its expiry checked (next-auth/jwt decode).
 * getServerSession ran NextAuth's whole request handler for this, 4–5 ms of every page (measured),
 * and it cannot renew the cookie from a page render either, so nothing is lost. (NextAuth splits
 * a cookie over 4 KB into chunks; this token, a user id and the standard claims, is far smaller.)
 */
async function sessionToken(): Promise<{ uid: string; sid: string } | null> {
  const secure = requestIsHttps((await headers()).get("x-forwarded-proto"));
  const token = (await cookies()).get(sessionCookieName(secure))?.value;
  if (!token) return null;
  try {
    const payload = await decode({ token, secret: env().NEXTAUTH_SECRET });
    return typeof payload?.uid === "string" && typeof payload.sid === "string" ? { uid: payload.uid, sid: payload.sid } : null;
  } catch {
    return null; // expired, tampered with, or sealed with another secret: not signed in
  }
}

/**
 * The signed-in, active user of this request, or null. Read once per request: the token's session
 * must be live (not signed out or revoked, within its absolute and idle limits) and the user
 * active, checked in one statement on the driver (lib/auth/sessions.ts liveSessionUser).
 */
export const currentViewer = cache(async (): Promise<Viewer | null> => {
  const t = await sessionToken();
  if (!t) return null;
  return liveSessionUser(t.uid, t.sid);
});

/**
 * The viewer, or a redirect to sign-in (pages). A password user whom the district's two-factor
 * policy covers and who has not enrolled is sent to the enrolment page from every other page
 * (lib/auth/two-factor-gate.ts; actions and API routes refuse them there).
 */
export async function getViewer(): Promise<Viewer> {
  const viewer = await currentViewer();
  const next = (await headers()).get("x-pathname");
  if (!viewer) {
    // A session cookie that no longer opens anything: the session ended (signed out elsewhere,
    // timed out, ended by an administrator). The sign-in page says so.
    const ended = (await cookies()).getAll().some((c) => c.name.endsWith("next-auth.session-token"));
    const query = new URLSearchParams({ ...(next ? { callbackUrl: next } : {}), ...(ended ? { ended: "1" } : {}) }).toString();
    redirect(query ? `/signin?${query}` : "/signin");
  }
  if ((await twoFactorDue(viewer)) && next?.split("?")[0] !== ENROLMENT_PATH) redirect(ENROLMENT_PATH);
  return viewer;
}

export function homeFor(viewer: Viewer): string {
  return can(viewer, "overview.read") ? "/admin" : "/today";
}
