"use client";
import { useActionForm, FormMessage } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { saveDistrictSettingsAction } from "@/lib/settings/actions";

type Props = {
  current: { districtName: string; totalCredits: number; passingGrade: number };
  requirements: { area: string; label: string; value: number }[];
};

/** The district's name, diploma credits, credits per subject area and passing grade (as set at the first run). */
export function DistrictSettingsForm({ current, requirements }: Props) {
  const f = useActionForm(saveDistrictSettingsAction);
  return (
    <form ref={f.ref} action={f.action} onSubmit={f.onSubmit} aria-label="District and diploma requirements" noValidate className="max-w-3xl">
      <FormMessage state={f.state} />
      <Field label="District name" name="districtName" defaultValue={current.districtName} error={f.errorFor("districtName")} required />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field label="Credits a diploma requires" name="totalCredits" inputMode="decimal" defaultValue={String(current.totalCredits)} error={f.errorFor("totalCredits")} required />
        <Field
          label="Passing grade for online courses (%)"
          name="passingGrade"
          inputMode="numeric"
          defaultValue={String(current.passingGrade)}
          hint="A course in the catalog may set its own."
          error={f.errorFor("passingGrade")}
          required
        />
      </div>
      <fieldset className="rounded border border-slate-200 bg-white p-4">
        <legend className="px-1 font-semibold">Credits required by subject area</legend>
        <p className="mb-3 text-sm text-slate-600">0 means no requirement of its own.</p>
        <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-3">
          {requirements.map((r) => (
            <Field
              key={r.area}
              label={r.label}
              name={`requirements.${r.area}`}
              inputMode="decimal"
              defaultValue={String(r.value)}
              error={f.errorFor(`requirements.${r.area}`)}
              required
            />
          ))}
        </div>
      </fieldset>
      <button type="submit" disabled={f.pending} className={buttonClass("primary", "md", "mt-4")}>
        {f.pending ? "Saving…" : "Save requirements"}
      </button>
    </form>
  );
}
