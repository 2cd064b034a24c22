import type { Metadata } from "next";
import Link from "next/link";
import { cookies } from "next/headers";
import { linkHolder } from "@/lib/users/passwords";
import { SET_PASSWORD_COOKIE } from "@/lib/users/set-password-cookie";
import { SetPasswordWithLinkForm } from "./form";

// The page a one-time set-password link opens (lib/users/passwords.ts). Public: the token in the
// link is the credential (proxy.ts lets it through without a session). proxy.ts moves the token
// from the link's ?token= into an HttpOnly cookie and redirects here without it, so this page is
// never rendered with the token in its address (history, server logs, a reverse proxy's log), and
// the token is not written into the page either. No referrer is sent from here.
export const metadata: Metadata = { title: "Choose your password", referrer: "no-referrer", robots: { index: false, follow: false } };

export default async function SetPasswordPage() {
  const token = (await cookies()).get(SET_PASSWORD_COOKIE)?.value ?? "";
  const holder = token ? await linkHolder(token) : null;
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-6 py-10">
      <h1 className="text-3xl font-bold text-blue-900">CreditTrack</h1>
      <h2 className="mt-4 text-xl font-semibold">Choose your password</h2>
      {holder ? (
        <SetPasswordWithLinkForm email={holder.email} name={holder.name} />
      ) : (
        <>
          <p role="alert" className="mt-4 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800">
            This link cannot be used: it has expired, was already used or was replaced by a newer one. Ask your administrator for a new link.
          </p>
          <p className="mt-4 text-sm">
            <Link href="/signin" className="text-blue-800 underline">
              Go to sign-in
            </Link>
          </p>
        </>
      )}
    </main>
  );
}
