import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentViewer, homeFor, ssoProviders } from "@/lib/auth";
import { SignInForm } from "@/components/shell/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  AccessDenied: "That account is not registered with CreditTrack. Ask your administrator for access.",
  SessionRequired: "Sign in to continue.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const viewer = await currentViewer();
  if (viewer) redirect(homeFor(viewer));
  const { callbackUrl, error } = await searchParams;
  // Only same-site paths may be used as a destination after sign-in.
  const next = callbackUrl && callbackUrl.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/";
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-6">
      <h1 className="text-3xl font-bold text-blue-900">CreditTrack</h1>
      <p className="mt-1 text-slate-600">Credit recovery and graduation tracking</p>
      <SignInForm callbackUrl={next} sso={ssoProviders()} initialError={error ? (ERRORS[error] ?? null) : null} />
    </main>
  );
}
