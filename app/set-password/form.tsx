"use client";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { useActionForm, FormMessage } from "@/components/ui/action-form";
import { setPasswordWithLinkAction } from "@/lib/users/set-password-actions";
import { NewPasswordFields } from "@/components/account/new-password-fields";

// The link's token is not in this form: the action reads it from the page's HttpOnly cookie.
export function SetPasswordWithLinkForm({ email, name }: { email: string; name: string }) {
  const f = useActionForm(setPasswordWithLinkAction, { resetOnSuccess: true });
  if (f.state?.ok) {
    return (
      <div className="mt-4">
        <FormMessage state={f.state} />
        <ButtonLink href="/signin" className="inline-block">
          Sign in
        </ButtonLink>
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
      <NewPasswordFields errorFor={f.errorFor} />
      <button type="submit" disabled={f.pending} className={buttonClass("primary")}>
        {f.pending ? "Saving…" : "Set password"}
      </button>
    </form>
  );
}
