"use client";
import { useState } from "react";
import { useActionForm, FormMessage } from "@/components/ui/action-form";
import { Field } from "@/components/ui/field";
import { changePasswordAction, signOutEverywhereAction } from "@/lib/account/actions";
import { MIN_PASSWORD_LENGTH } from "@/lib/account/schema";

export function ChangePasswordForm({ email }: { email: string }) {
  const f = useActionForm(changePasswordAction, { resetOnSuccess: true });
  return (
    <form ref={f.ref} onSubmit={f.onSubmit} aria-label="Change password" noValidate className="max-w-md">
      <FormMessage state={f.state} />
      {/* Lets password managers tie the new password to the account. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <Field label="Current password" name="current" type="password" autoComplete="current-password" error={f.errorFor("current")} required />
      <Field label="New password" name="next" type="password" autoComplete="new-password" hint={`At least ${MIN_PASSWORD_LENGTH} characters; a phrase of several words is easy to remember and hard to guess.`} error={f.errorFor("next")} required />
      <Field label="New password again" name="confirm" type="password" autoComplete="new-password" error={f.errorFor("confirm")} required />
      <button type="submit" disabled={f.pending} className="rounded bg-blue-800 px-4 py-2 font-semibold text-white hover:bg-blue-900 disabled:opacity-60">
        {f.pending ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}

/** Ends every session of a user (the viewer's own when userId is absent), after a confirmation. */
export function SignOutEverywhereForm({ userId, name }: { userId?: string; name?: string }) {
  const f = useActionForm(signOutEverywhereAction);
  const [asking, setAsking] = useState(false);
  const label = name ? `Sign ${name} out everywhere` : "Sign out everywhere";
  return (
    <form ref={f.ref} onSubmit={(e) => { setAsking(false); f.onSubmit(e); }} aria-label={label} className="text-sm">
      <FormMessage state={f.state} />
      {userId && <input type="hidden" name="userId" value={userId} />}
      <input type="hidden" name="confirmed" value="yes" />
      {asking ? (
        <span className="flex flex-wrap items-center gap-2">
          <span>{name ? `End every session of ${name}?` : "End every session of yours, this one included?"}</span>
          {/* Focus moves to the confirmation the click revealed (the button pressed is gone). */}
          <button type="submit" autoFocus disabled={f.pending} className="rounded bg-red-800 px-3 py-1 font-semibold text-white disabled:opacity-60">
            Yes, sign out everywhere
          </button>
          <button type="button" onClick={() => setAsking(false)} className="rounded border border-slate-400 px-3 py-1">
            Cancel
          </button>
        </span>
      ) : (
        <button type="button" onClick={() => setAsking(true)} className="rounded border border-slate-400 px-3 py-1 hover:bg-slate-100">
          {name ? "Sign out everywhere" : label}
        </button>
      )}
    </form>
  );
}
