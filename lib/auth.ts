import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getServerSession, type NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import AzureADProvider from "next-auth/providers/azure-ad";
import GoogleProvider from "next-auth/providers/google";
import { db } from "@/lib/db";
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

/** The signed-in, active user of this request, or null. Read once per request. */
export const currentViewer = cache(async (): Promise<Viewer | null> => {
  const session = (await getServerSession(authOptions())) as { uid?: string } | null;
  if (!session?.uid) return null;
  const user = await db().user.findUnique({ where: { id: session.uid } });
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
