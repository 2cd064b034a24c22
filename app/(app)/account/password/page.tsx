import type { Metadata } from "next";
import Link from "next/link";
import { getViewer } from "@/lib/auth";
import { ownAccount } from "@/lib/account/queries";
import { formatMoment } from "@/lib/calendar";
import { ChangePasswordForm, SignOutEverywhereForm } from "./forms";

export const metadata: Metadata = { title: "Password and sessions" };

/** A short description of a browser from its User-Agent (enough to tell one device from another). */
function browserOf(ua: string | null): string {
  if (!ua) return "Unknown browser";
  const browser = /Edg\//.test(ua) ? "Edge" : /Chrome\//.test(ua) ? "Chrome" : /Firefox\//.test(ua) ? "Firefox" : /Safari\//.test(ua) ? "Safari" : "Other browser";
  const os = /Windows/.test(ua) ? "Windows" : /iPhone|iPad/.test(ua) ? "iOS" : /Android/.test(ua) ? "Android" : /Mac OS X/.test(ua) ? "macOS" : /CrOS/.test(ua) ? "ChromeOS" : /Linux/.test(ua) ? "Linux" : "";
  return os ? `${browser} on ${os}` : browser;
}

export default async function AccountPasswordPage() {
  const viewer = await getViewer();
  const { hasPassword, sessions } = await ownAccount(viewer);
  return (
    <>
      <h1 className="text-2xl font-bold">Password and sessions</h1>
      <section aria-labelledby="password-heading" className="mt-6">
        <h2 id="password-heading" className="text-lg font-semibold">Password</h2>
        {hasPassword ? (
          <>
            <p className="mb-3 mt-1 max-w-3xl text-sm text-slate-600">Changing your password ends every session of yours, on every device, this one included.</p>
            <ChangePasswordForm email={viewer.email} />
          </>
        ) : (
          <p className="mt-1 text-sm text-slate-600">You sign in through your district&apos;s single sign-on: change your password there.</p>
        )}
      </section>
      {hasPassword && (
        <p className="mt-6 text-sm">
          <Link href="/account/security" className="font-semibold text-blue-800 underline">Two-factor sign-in</Link>: add a code from an authenticator app to your password.
        </p>
      )}
      <section aria-labelledby="sessions-heading" className="mt-8">
        <h2 id="sessions-heading" className="text-lg font-semibold">Where you are signed in</h2>
        <p className="mb-3 mt-1 max-w-3xl text-sm text-slate-600">
          A session ends when you sign out, after a while without use, and at the latest some hours after you signed in. If you left CreditTrack open on a shared computer, sign out everywhere.
        </p>
        <div className="relative overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Your sessions: when each started, when it was last used, from which address and browser</caption>
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">Browser</th>
                <th scope="col" className="px-3 py-2">Address</th>
                <th scope="col" className="px-3 py-2">Signed in</th>
                <th scope="col" className="px-3 py-2">Last used</th>
                <th scope="col" className="px-3 py-2">Ends at the latest</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id} className="border-t border-slate-200">
                  <td className="px-3 py-2">{browserOf(s.userAgent)}</td>
                  <td className="px-3 py-2">{s.address ?? "—"}</td>
                  <td className="px-3 py-2">{formatMoment(s.createdAt)}</td>
                  <td className="px-3 py-2">{formatMoment(s.lastSeenAt)}</td>
                  <td className="px-3 py-2">{formatMoment(s.expiresAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="mt-3">
          <SignOutEverywhereForm />
        </div>
      </section>
    </>
  );
}
