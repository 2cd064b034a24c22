"use client";
import { ConfirmForm } from "@/components/ui/confirm-form";
import { setActiveAction } from "@/lib/users/actions";

/** Deactivate / reactivate one account, after a confirmation. */
export function ActiveForm({ user }: { user: { id: string; name: string; active: boolean } }) {
  const verb = user.active ? "Deactivate" : "Reactivate";
  return (
    <ConfirmForm
      action={setActiveAction}
      label={`${verb} ${user.name}`}
      button={verb}
      question={`${verb} ${user.name}?`}
      confirm={`Yes, ${verb.toLowerCase()}`}
      fields={{ userId: user.id, active: user.active ? "false" : "true" }}
    />
  );
}
