"use client";
import { useActionForm, FormMessage } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { setTwoFactorPolicyAction } from "@/lib/settings/actions";

type Option = { value: string; label: string; hint: string };

/** The district's two-factor policy: three choices, saved with one button. */
export function TwoFactorPolicyForm({ current, options }: { current: string; options: Option[] }) {
  const f = useActionForm(setTwoFactorPolicyAction);
  const error = f.errorFor("policy")?.[0];
  return (
    <form ref={f.ref} action={f.action} onSubmit={f.onSubmit} aria-label="Two-factor sign-in policy" className="max-w-2xl">
      <FormMessage state={f.state} />
      <fieldset aria-describedby={error ? "policy-error" : undefined}>
        <legend className="field-label">Who must sign in with two factors</legend>
        {options.map((o) => (
          <label key={o.value} className="mt-2 flex items-start gap-2">
            <input type="radio" name="policy" value={o.value} defaultChecked={o.value === current} className="mt-1" />
            <span>
              <span className="font-medium">{o.label}</span>
              <span className="block text-sm text-slate-600">{o.hint}</span>
            </span>
          </label>
        ))}
        {error && (
          <p id="policy-error" className="mt-1 text-sm text-red-700">
            {error}
          </p>
        )}
      </fieldset>
      <button type="submit" disabled={f.pending} className={buttonClass("primary", "md", "mt-4")}>
        {f.pending ? "Saving…" : "Save"}
      </button>
    </form>
  );
}
