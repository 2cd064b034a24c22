"use client";
import { useEffect, useState } from "react";
import { useActionForm, FormMessage } from "@/components/ui/action-form";
import type { ActionResult } from "@/lib/safe-action";
import { Field } from "@/components/ui/field";
import { beginTwoFactorAction, confirmTwoFactorAction, disableTwoFactorAction, regenerateRecoveryCodesAction } from "@/lib/auth/two-factor-actions";

export type PanelStatus = {
  enabled: boolean;
  required: boolean;
  recoveryCodesLeft: number;
  /** While setting up: the secret (for typing in) and its QR code as a data: URL. */
  pending: { secret: string; qr: string } | null;
};

const BUTTON = "rounded bg-blue-800 px-4 py-2 font-semibold text-white hover:bg-blue-900 disabled:opacity-60";

/**
 * Two-factor set-up and management. One component holds every form's state, so the recovery codes
 * a confirmation or a renewal returns stay on screen when the page re-renders with the new status.
 */
export function TwoFactorPanel({ status }: { status: PanelStatus }) {
  const begin = useActionForm(beginTwoFactorAction);
  const confirm = useActionForm(confirmTwoFactorAction);
  const regen = useActionForm(regenerateRecoveryCodesAction, { resetOnSuccess: true });
  const disable = useActionForm(disableTwoFactorAction, { resetOnSuccess: true });
  const fresh = regen.state?.ok ? regen.state.data : confirm.state?.ok ? confirm.state.data : null;
  const codes = status.enabled && fresh && typeof fresh === "object" && "recoveryCodes" in fresh ? (fresh.recoveryCodes as string[]) : null;
  // Each step's success changes which forms are shown: the last outcome has one place above them
  // all, so "Two-factor sign-in is off." is shown (and focused) after the form that asked is gone.
  // A form shows its own refusals.
  const [last, setLast] = useState<ActionResult<unknown> | null>(null);
  /* eslint-disable react-hooks/set-state-in-effect -- which form answered last is known only when its outcome arrives */
  useEffect(() => {
    if (begin.state) setLast(begin.state);
  }, [begin.state]);
  useEffect(() => {
    if (confirm.state) setLast(confirm.state);
  }, [confirm.state]);
  useEffect(() => {
    if (regen.state) setLast(regen.state);
  }, [regen.state]);
  useEffect(() => {
    if (disable.state) setLast(disable.state);
  }, [disable.state]);
  /* eslint-enable react-hooks/set-state-in-effect */
  const refusal = (s: ActionResult<unknown> | null) => (s && !s.ok ? s : null);
  return (
    <>
      <FormMessage state={last?.ok ? last : null} />
      {steps()}
    </>
  );

  function steps() {
    if (!status.enabled && !status.pending) {
      return (
        <form ref={begin.ref} action={begin.action} onSubmit={begin.onSubmit} aria-label="Set up two-factor sign-in">
          <FormMessage state={refusal(begin.state)} />
          <p className="mb-3 max-w-3xl text-sm text-slate-700">
            You will need an authenticator app on your phone (Microsoft Authenticator, Google Authenticator, 1Password or similar).
          </p>
          <button type="submit" disabled={begin.pending} className={BUTTON}>
            {begin.pending ? "Starting…" : "Set up two-factor sign-in"}
          </button>
        </form>
      );
    }

    if (!status.enabled && status.pending) {
      return (
        <div className="max-w-3xl">
          <ol className="list-decimal space-y-4 pl-5 text-sm">
            <li>
              <p>Scan this code with your authenticator app.</p>
              {/* A data: URL rendered on the server: the CSP allows data: images; next/image would not optimise it. */}
              {/* eslint-disable-next-line @next/next/no-img-element */}
              <img
                src={status.pending.qr}
                alt="QR code that adds CreditTrack to an authenticator app"
                width={200}
                height={200}
                className="mt-2 rounded border border-slate-200 bg-white p-2"
              />
            </li>
            <li>
              <p>Or type this key into the app (time-based, 6 digits):</p>
              <p className="mt-1">
                <code data-testid="totp-secret" className="select-all rounded bg-slate-100 px-2 py-1 font-mono text-base tracking-wider">
                  {status.pending.secret.replace(/(.{4})/g, "$1 ").trim()}
                </code>
              </p>
            </li>
            <li>
              <form ref={confirm.ref} action={confirm.action} onSubmit={confirm.onSubmit} aria-label="Confirm two-factor sign-in" noValidate className="max-w-xs">
                <FormMessage state={refusal(confirm.state)} />
                <Field label="Code from the app" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={7} error={confirm.errorFor("code")} required />
                <Field
                  label="Your password"
                  name="password"
                  type="password"
                  autoComplete="current-password"
                  hint="So that only you can turn this on for your account."
                  error={confirm.errorFor("password")}
                  required
                />
                <button type="submit" disabled={confirm.pending} className={BUTTON}>
                  {confirm.pending ? "Checking…" : "Turn on two-factor sign-in"}
                </button>
              </form>
            </li>
          </ol>
        </div>
      );
    }

    return (
      <div className="max-w-3xl space-y-8">
        <p className="text-sm">
          <strong>Two-factor sign-in is on.</strong> Signing in takes your password and a code from your authenticator app. {status.recoveryCodesLeft} of 10 recovery codes left.
        </p>
        {codes && (
          <section aria-labelledby="recovery-heading" className="rounded border border-amber-300 bg-amber-50 p-4">
            <h3 id="recovery-heading" className="font-semibold">
              Your recovery codes
            </h3>
            <p className="mt-1 text-sm">Keep them somewhere safe, away from your phone. Each one signs you in once if you lose the phone. They are shown only now.</p>
            <ol aria-label="Recovery codes" className="mt-3 grid grid-cols-2 gap-x-8 gap-y-1 font-mono sm:grid-cols-5">
              {codes.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ol>
          </section>
        )}
        <form ref={regen.ref} action={regen.action} onSubmit={regen.onSubmit} aria-label="Make new recovery codes" noValidate className="max-w-xs">
          <h3 className="mb-2 font-semibold">New recovery codes</h3>
          <FormMessage state={refusal(regen.state)} />
          <p className="mb-2 text-sm text-slate-600">The old codes stop working.</p>
          <Field label="Code from the app" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={7} error={regen.errorFor("code")} required />
          <button type="submit" disabled={regen.pending} className={BUTTON}>
            Make new recovery codes
          </button>
        </form>
        {status.required ? (
          <p className="text-sm text-slate-600">Your district requires two-factor sign-in for your account, so it cannot be turned off.</p>
        ) : (
          <form ref={disable.ref} action={disable.action} onSubmit={disable.onSubmit} aria-label="Turn off two-factor sign-in" noValidate className="max-w-xs">
            <h3 className="mb-2 font-semibold">Turn off two-factor sign-in</h3>
            <FormMessage state={refusal(disable.state)} />
            <Field label="Code from the app, or a recovery code" name="code" autoComplete="one-time-code" maxLength={40} error={disable.errorFor("code")} required />
            <button type="submit" disabled={disable.pending} className="rounded border border-red-800 px-4 py-2 font-semibold text-red-800 hover:bg-red-50 disabled:opacity-60">
              Turn off
            </button>
          </form>
        )}
      </div>
    );
  }
}
