import { Field } from "@/components/ui/field";

// The district's diploma rule, set at the first run (components/setup/setup-form.tsx) and changed
// on Settings (components/settings/district-form.tsx): the same fields and names, read by one
// schema (lib/setup/schema.ts setupFromForm).

type ErrorFor = (name: string) => string[] | undefined;

/** Credits a diploma requires and the district's passing grade. */
export function DiplomaFields({ totalCredits, passingGrade, errorFor }: { totalCredits: number; passingGrade: number; errorFor: ErrorFor }) {
  return (
    <div className="grid gap-x-4 sm:grid-cols-2">
      <Field label="Credits a diploma requires" name="totalCredits" inputMode="decimal" defaultValue={String(totalCredits)} error={errorFor("totalCredits")} required />
      <Field
        label="Passing grade for online courses (%)"
        name="passingGrade"
        inputMode="numeric"
        defaultValue={String(passingGrade)}
        hint="A course in the catalog may set its own."
        error={errorFor("passingGrade")}
        required
      />
    </div>
  );
}

/** Credits required in each subject area; `note` says what 0 and the rest mean. */
export function RequirementFields({
  requirements,
  errorFor,
  note,
  className,
}: {
  requirements: { area: string; label: string; value: number }[];
  errorFor: ErrorFor;
  note: string;
  className?: string;
}) {
  return (
    <fieldset className={`rounded border border-slate-200 bg-white p-4${className ? ` ${className}` : ""}`}>
      <legend className="px-1 font-semibold">Credits required by subject area</legend>
      <p className="mb-3 text-sm text-slate-600">{note}</p>
      <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-3">
        {requirements.map((r) => (
          <Field
            key={r.area}
            label={r.label}
            name={`requirements.${r.area}`}
            inputMode="decimal"
            defaultValue={String(r.value)}
            error={errorFor(`requirements.${r.area}`)}
            required
          />
        ))}
      </div>
    </fieldset>
  );
}
