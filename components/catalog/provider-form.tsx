"use client";
import { useActionForm, FormMessage } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { saveProviderAction } from "@/lib/catalog/actions";

/** Add a provider, or change one's code and name (one form with a mode). */
export function ProviderForm({ provider }: { provider?: { id: string; code: string; name: string } }) {
  const f = useActionForm(saveProviderAction, { resetOnSuccess: !provider });
  return (
    <form ref={f.ref} action={f.action} onSubmit={f.onSubmit} noValidate aria-label={provider ? `Edit provider ${provider.name}` : "Add a provider"} className="mt-2 max-w-2xl">
      <FormMessage state={f.state} />
      {provider && <input type="hidden" name="providerId" value={provider.id} />}
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field label="Code" name="code" defaultValue={provider?.code} hint="As the provider's progress files write it, e.g. APEX" error={f.errorFor("code")} autoComplete="off" />
        <Field label="Name" name="name" defaultValue={provider?.name} error={f.errorFor("name")} autoComplete="off" />
      </div>
      <button type="submit" disabled={f.pending} className={buttonClass("primary", "sm")}>
        {f.pending ? "Saving…" : provider ? "Save provider" : "Add provider"}
      </button>
    </form>
  );
}
