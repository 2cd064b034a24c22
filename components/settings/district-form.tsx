"use client";
import { useActionForm, FormMessage } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { DiplomaFields, RequirementFields } from "@/components/settings/diploma-fields";
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
      <DiplomaFields totalCredits={current.totalCredits} passingGrade={current.passingGrade} errorFor={f.errorFor} />
      <RequirementFields requirements={requirements} errorFor={f.errorFor} note="0 means no requirement of its own." />
      <button type="submit" disabled={f.pending} className={buttonClass("primary", "md", "mt-4")}>
        {f.pending ? "Saving…" : "Save requirements"}
      </button>
    </form>
  );
}
