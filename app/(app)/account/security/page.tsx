import type { Metadata } from "next";
import Link from "next/link";
import QRCode from "qrcode";
import { getViewer } from "@/lib/auth";
import { twoFactorStatus } from "@/lib/auth/two-factor";
import { totpUri } from "@/lib/auth/totp";
import { TwoFactorPanel } from "@/components/account/two-factor-panel";

export const metadata: Metadata = { title: "Two-factor sign-in" };

// The enrolment page: the one page a user whom the district policy covers can reach before
// enrolling (lib/auth.ts getViewer lets this path through).
export default async function SecurityPage() {
  const viewer = await getViewer();
  const status = await twoFactorStatus(viewer);
  const pending = status.pendingSecret
    ? { secret: status.pendingSecret, qr: await QRCode.toDataURL(totpUri(status.pendingSecret, viewer.email), { type: "image/png", margin: 1, width: 200 }) }
    : null;
  return (
    <>
      <h1 className="text-2xl font-bold">Two-factor sign-in</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        With two-factor sign-in, a stolen password alone does not open your account: signing in also takes a code from an app on your phone.{" "}
        <Link href="/account/password" className="text-blue-800 underline">
          Password and sessions
        </Link>
      </p>
      {status.ssoOnly ? (
        <p className="mt-6 max-w-3xl">You sign in through your district&apos;s single sign-on, whose own second factor protects your account. There is nothing to set up here.</p>
      ) : (
        <>
          {status.required && !status.enabled && (
            <p role="alert" className="mt-4 max-w-3xl rounded border border-amber-300 bg-amber-50 p-3 text-sm">
              Your district requires two-factor sign-in for your account. Set it up to continue using CreditTrack.
            </p>
          )}
          {status.enabled && (
            <p className="mt-4 text-sm">
              <Link href="/" className="font-semibold text-blue-800 underline">
                Continue to CreditTrack
              </Link>
            </p>
          )}
          <div className="mt-6">
            <TwoFactorPanel status={{ enabled: status.enabled, required: status.required, recoveryCodesLeft: status.recoveryCodesLeft, pending }} />
          </div>
        </>
      )}
    </>
  );
}
