"use client";
import { useActionForm, FormMessage } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { saveProviderOverdueAction } from "@/lib/settings/actions";
import { providerDaysField } from "@/lib/settings/schema";

type Provider = { id: string; code: string; name: string; staleAfterDays: number | null; lastResults: string | null };
type Props = { providers: Provider[]; districtDays: number };

/** One number field per provider: after how many days without results it is overdue (blank = the district's). */
export function ProviderOverdueForm({ providers, districtDays }: Props) {
  const f = useActionForm(saveProviderOverdueAction);
  return (
    <form ref={f.ref} action={f.action} onSubmit={f.onSubmit} aria-label="Overdue provider results" noValidate className="max-w-3xl">
      <FormMessage state={f.state} />
      <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-3">
        {providers.map((p) => (
          <Field
            key={p.id}
            label={`${p.name} (${p.code}), days`}
            name={providerDaysField(p.id)}
            inputMode="numeric"
            placeholder="Use district default"
            defaultValue={p.staleAfterDays === null ? "" : String(p.staleAfterDays)}
            hint={`Blank: the district's ${districtDays}. Last results: ${p.lastResults ?? "none yet"}.`}
            error={f.errorFor(providerDaysField(p.id))}
          />
        ))}
      </div>
      <button type="submit" disabled={f.pending} className={buttonClass("primary", "md", "mt-2")}>
        {f.pending ? "Saving…" : "Save provider days"}
      </button>
    </form>
  );
}
