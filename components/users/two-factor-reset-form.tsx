"use client";
import { ConfirmForm } from "@/components/ui/confirm-form";
import { resetTwoFactorAction } from "@/lib/users/two-factor-actions";

/** Reset one person's two-factor sign-in (a lost phone), after a confirmation. */
export function TwoFactorResetForm({ user }: { user: { id: string; name: string } }) {
  return (
    <ConfirmForm
      action={resetTwoFactorAction}
      label={`Reset two-factor sign-in of ${user.name}`}
      button="Reset two-factor"
      question={`Reset ${user.name}'s two-factor sign-in and sign them out?`}
      confirm="Yes, reset"
      fields={{ userId: user.id }}
    />
  );
}
