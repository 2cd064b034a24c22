"use client";
import { useActionForm, FormMessage } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { ConfirmForm } from "@/components/ui/confirm-form";
import { changePasswordAction, signOutEverywhereAction } from "@/lib/account/actions";
import { NewPasswordFields } from "@/components/account/new-password-fields";

export function ChangePasswordForm({ email }: { email: string }) {
  const f = useActionForm(changePasswordAction, { resetOnSuccess: true });
  return (
    <form ref={f.ref} action={f.action} onSubmit={f.onSubmit} aria-label="Change password" noValidate className="max-w-md">
      <FormMessage state={f.state} />
      {/* Lets password managers tie the new password to the account. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <Field label="Current password" name="current" type="password" autoComplete="current-password" error={f.errorFor("current")} required />
      <NewPasswordFields name="next" errorFor={f.errorFor} />
      <button type="submit" disabled={f.pending} className={buttonClass("primary")}>
        {f.pending ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}

/** Ends every session of a user (the viewer's own when userId is absent), after a confirmation. */
export function SignOutEverywhereForm({ userId, name }: { userId?: string; name?: string }) {
  return (
    <ConfirmForm
      action={signOutEverywhereAction}
      label={name ? `Sign ${name} out everywhere` : "Sign out everywhere"}
      button="Sign out everywhere"
      question={name ? `End every session of ${name}?` : "End every session of yours, this one included?"}
      confirm="Yes, sign out everywhere"
      fields={userId ? { userId } : {}}
    />
  );
}
