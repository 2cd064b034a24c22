"use client";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { useActionForm, FormMessage } from "@/components/ui/action-form";
import { Field } from "@/components/ui/field";
import { setPasswordWithLinkAction } from "@/lib/users/set-password-actions";
import { MIN_PASSWORD_LENGTH } from "@/lib/account/schema";

// The link's token is not in this form: the action reads it from the page's HttpOnly cookie.
export function SetPasswordWithLinkForm({ email, name }: { email: string; name: string }) {
  const f = useActionForm(setPasswordWithLinkAction, { resetOnSuccess: true });
  if (f.state?.ok) {
    return (
      <div className="mt-4">
        <FormMessage state={f.state} />
        <Link href="/signin" className={buttonClass("primary", "md", "inline-block")}>
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <form ref={f.ref} action={f.action} onSubmit={f.onSubmit} aria-label="Choose your password" noValidate className="mt-4">
      <p className="mb-4 text-sm text-slate-700">
        For {name} ({email}). Once it is set, this link no longer works and any other session of yours ends.
      </p>
      <FormMessage state={f.state} />
      {/* Lets password managers tie the new password to the account. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters; a phrase of several words is easy to remember and hard to guess.`}
        error={f.errorFor("password")}
        required
      />
      <Field label="New password again" name="confirm" type="password" autoComplete="new-password" error={f.errorFor("confirm")} required />
      <button type="submit" disabled={f.pending} className={buttonClass("primary")}>
        {f.pending ? "Saving…" : "Set password"}
      </button>
    </form>
  );
}
