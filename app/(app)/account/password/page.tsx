import type { Metadata } from "next";
import { Table, Td, Th } from "@/components/ui/table";
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
  const os = /Windows/.test(ua)
    ? "Windows"
    : /iPhone|iPad/.test(ua)
      ? "iOS"
      : /Android/.test(ua)
        ? "Android"
        : /Mac OS X/.test(ua)
          ? "macOS"
          : /CrOS/.test(ua)
            ? "ChromeOS"
            : /Linux/.test(ua)
              ? "Linux"
              : "";
  return os ? `${browser} on ${os}` : browser;
}

export default async function AccountPasswordPage() {
  const viewer = await getViewer();
  const { hasPassword, sessions } = await ownAccount(viewer);
  return (
    <>
      <h1 className="text-2xl font-bold">Password and sessions</h1>
      <section aria-labelledby="password-heading" className="mt-6">
        <h2 id="password-heading" className="text-lg font-semibold">
          Password
        </h2>
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
          <Link href="/account/security" className="font-semibold text-blue-800 underline">
            Two-factor sign-in
          </Link>
          : add a code from an authenticator app to your password.
        </p>
      )}
      <section aria-labelledby="sessions-heading" className="mt-8">
        <h2 id="sessions-heading" className="text-lg font-semibold">
          Where you are signed in
        </h2>
        <p className="mb-3 mt-1 max-w-3xl text-sm text-slate-600">
          A session ends when you sign out, after a while without use, and at the latest some hours after you signed in. If you left CreditTrack open on a shared computer, sign out
          everywhere.
        </p>
        <div className="relative overflow-x-auto rounded border border-slate-200 bg-white">
          <Table density="roomy" caption="Your sessions: when each started, when it was last used, from which address and browser">
            <thead>
              <tr>
                <Th>Browser</Th>
                <Th>Address</Th>
                <Th>Signed in</Th>
                <Th>Last used</Th>
                <Th>Ends at the latest</Th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id}>
                  <Td>{browserOf(s.userAgent)}</Td>
                  <Td>{s.address ?? "—"}</Td>
                  <Td>{formatMoment(s.createdAt)}</Td>
                  <Td>{formatMoment(s.lastSeenAt)}</Td>
                  <Td>{formatMoment(s.expiresAt)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
        <div className="mt-3">
          <SignOutEverywhereForm />
        </div>
      </section>
    </>
  );
}
