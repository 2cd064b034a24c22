"use client";
import { useActionForm, FormMessage } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { ConfirmForm } from "@/components/ui/confirm-form";
import { Field } from "@/components/ui/field";
import { useOutlivingAction } from "@/components/ui/focus-message";
import { deleteContractAction, saveContractAction } from "@/lib/catalog/actions";

type Provider = { id: string; name: string };
type Contract = { schoolYear: number; year: string; cost: string; note: string | null };

/**
 * A provider's contract cost for a school year (one form with a mode): with `contract`, change that
 * year's cost and note; without, add a year (a year that already has one is changed).
 */
export function ContractForm({ provider, contract, defaultYear }: { provider: Provider; contract?: Contract; defaultYear: string }) {
  const f = useActionForm(saveContractAction, { resetOnSuccess: !contract });
  return (
    <form
      ref={f.ref}
      action={f.action}
      onSubmit={f.onSubmit}
      noValidate
      aria-label={contract ? `Change the ${contract.year} contract with ${provider.name}` : `Add a contract with ${provider.name}`}
      className="mt-2 max-w-3xl"
    >
      <FormMessage state={f.state} />
      <input type="hidden" name="providerId" value={provider.id} />
      {contract && <input type="hidden" name="schoolYear" value={contract.year} />}
      <div className="grid gap-x-4 sm:grid-cols-3">
        {!contract && <Field label="School year" name="schoolYear" defaultValue={defaultYear} hint="Like 2025-26" error={f.errorFor("schoolYear")} autoComplete="off" />}
        <Field
          label="Cost (dollars)"
          name="cost"
          inputMode="decimal"
          defaultValue={contract?.cost}
          hint="The year's total, e.g. 125000 or $125,000.00"
          error={f.errorFor("cost")}
          autoComplete="off"
        />
        <Field label="Note (optional)" name="note" defaultValue={contract?.note ?? ""} hint="e.g. 400 seat licenses" error={f.errorFor("note")} autoComplete="off" />
      </div>
      <button type="submit" disabled={f.pending} className={buttonClass("primary", "sm")}>
        {f.pending ? "Saving…" : contract ? "Save contract" : "Add contract"}
      </button>
    </form>
  );
}

/** Remove a year's contract, after a confirmation (its row goes: the provider's slot says so). */
export function ContractRemoveForm({ provider, contract }: { provider: Provider; contract: Contract }) {
  const { action, local } = useOutlivingAction(deleteContractAction);
  return (
    <ConfirmForm
      action={action}
      local={local}
      label={`Remove the ${contract.year} contract with ${provider.name}`}
      button="Remove"
      question={`Remove the ${contract.year} contract with ${provider.name}?`}
      confirm="Yes, remove"
      fields={{ providerId: provider.id, schoolYear: contract.year }}
    />
  );
}
