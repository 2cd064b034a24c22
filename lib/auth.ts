import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import type { NextAuthOptions } from "next-auth";
import { decode } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import AzureADProvider from "next-auth/providers/azure-ad";
import GoogleProvider from "next-auth/providers/google";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, PREPARED, sqlRows } from "@/lib/db";
import { env } from "@/lib/env";
import type { Viewer } from "@/lib/access";
import { SIGNIN_MESSAGES, verifyCredentials } from "@/lib/auth/credentials";

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
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const fwd = req?.headers?.["x-forwarded-for"];
        const address = (Array.isArray(fwd) ? fwd[0] : fwd)?.split(",")[0]?.trim() || "local";
        const outcome = await verifyCredentials(credentials, address);
        if (outcome.ok) return outcome.user;
        // NextAuth passes a thrown message to the sign-in page as `error`.
        throw new Error(outcome.reason === "locked" ? SIGNIN_MESSAGES.locked : SIGNIN_MESSAGES.invalid);
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

let options: NextAuthOptions | undefined;
export function authOptions(): NextAuthOptions {
  if (options) return options;
  const e = env();
  const maxAge = Math.round(e.SESSION_MAX_AGE_HOURS * 3600);
  options = {
    secret: e.NEXTAUTH_SECRET,
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
          if (account.provider === "credentials") token.uid = user.id;
          else {
            const known = await db().user.findUnique({ where: { email: user.email!.toLowerCase() } });
            token.uid = known?.id;
          }
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, uid: token.uid };
      },
    },
  };
  return options;
}

/** NextAuth's session cookie: `__Secure-` prefixed when NEXTAUTH_URL is https, as NextAuth names it. */
function sessionCookieName(): string {
  return `${env().NEXTAUTH_URL?.startsWith("https://") ? "__Secure-" : ""}next-auth.session-token`;
}

/**
 * The user id in this request's session, read the way NextAuth's getServerSession reads it: the
 * session cookie decrypted with NEXTAUTH_SECRET and its expiry checked (next-auth/jwt decode).
 * getServerSession ran NextAuth's whole request handler for this, 4–5 ms of every page (measured),
 * and it cannot renew the cookie from a page render either, so nothing is lost. (NextAuth splits
 * a cookie over 4 KB into chunks; this token, a user id and the standard claims, is far smaller.)
 */
async function sessionUid(): Promise<string | null> {
  const token = (await cookies()).get(sessionCookieName())?.value;
  if (!token) return null;
  try {
    const payload = await decode({ token, secret: env().NEXTAUTH_SECRET });
    return typeof payload?.uid === "string" ? payload.uid : null;
  } catch {
    return null; // expired, tampered with, or sealed with another secret: not signed in
  }
}

/** The signed-in, active user of this request, or null. Read once per request. */
export const currentViewer = cache(async (): Promise<Viewer | null> => {
  const uid = await sessionUid();
  if (!uid) return null;
  // Straight to the driver: this runs on every request (lib/db.ts sqlRows).
  const [user] = await sqlRows<Viewer & { active: boolean }>(
    Prisma.sql`SELECT u.id, u.name, u.email, u.role::text, u."schoolId", u.active FROM "User" u WHERE u.id = ${uid}`,
    PREPARED,
  );
  if (!user || !user.active) return null;
  return { id: user.id, name: user.name, email: user.email, role: user.role, schoolId: user.schoolId };
});

/** The viewer, or a redirect to sign-in (pages). */
export async function getViewer(): Promise<Viewer> {
  const viewer = await currentViewer();
  if (!viewer) {
    const h = await headers();
    const next = h.get("x-pathname");
    redirect(next ? `/signin?callbackUrl=${encodeURIComponent(next)}` : "/signin");
  }
  return viewer;
}

export function homeFor(viewer: Viewer): string {
  return viewer.role === "COUNSELOR" ? "/caseload" : "/admin";
}
