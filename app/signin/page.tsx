import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentViewer, homeFor, ssoProviders } from "@/lib/auth";
import { SignInForm } from "@/components/shell/sign-in-form";
import { districtIsSetUp } from "@/lib/setup/token";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  AccessDenied: "That account is not registered with CreditTrack. Ask your administrator for access.",
  SessionRequired: "Sign in to continue.",
};

/** Why the last session ended, when the app sent the person here for that reason (never an error). */
const ENDED: Record<string, string> = {
  password: "Your password was changed and every session ended. Sign in with your new password.",
  everywhere: "You were signed out everywhere. Sign in again to continue.",
  "1": "Your session has ended: you signed out in another tab, it timed out, or an administrator ended it. Sign in again to continue.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string; ended?: string }> }) {
  const viewer = await currentViewer();
  if (viewer) redirect(homeFor(viewer));
  const { callbackUrl, error, ended } = await searchParams;
  const why = ended ? ENDED[ended] : undefined;
  // A new install: nobody can sign in until the district is set up, and the way in is on the server.
  const fresh = !(await districtIsSetUp());
  // Only same-site paths may be used as a destination after sign-in.
  const next = callbackUrl && callbackUrl.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/";
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-6">
      <h1 className="text-3xl font-bold text-blue-900">CreditTrack</h1>
      <p className="mt-1 text-slate-600">Credit recovery and graduation tracking</p>
      {why && (
        <p role="status" className="mt-6 rounded border border-blue-200 bg-blue-50 p-3 text-sm text-blue-900">
          {why}
        </p>
      )}
      {fresh && (
        <p role="note" className="mt-6 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          This CreditTrack is not set up yet: nobody can sign in. Whoever runs the server sets it up with the link its start-up log prints (“Open …/setup?token=… to set up the
          district”) or with <code>npm run setup</code> on the server (README, “Set up your district”).
        </p>
      )}
      <SignInForm callbackUrl={next} sso={ssoProviders()} initialError={error ? (ERRORS[error] ?? null) : null} />
    </main>
  );
}
