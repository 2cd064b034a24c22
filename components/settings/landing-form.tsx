"use client";
import { useActionForm, FormMessage } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { saveLandingSettingsAction } from "@/lib/settings/actions";

type Props = { current: { landingFolder: string | null; landingIntervalMinutes: number; landingRetentionDays: number; staleAfterDays: number } };

/** The landing folder (scheduled imports), how long its filed files are kept, and when imports are overdue. */
export function LandingSettingsForm({ current }: Props) {
  const f = useActionForm(saveLandingSettingsAction);
  return (
    <form ref={f.ref} action={f.action} onSubmit={f.onSubmit} aria-label="Landing folder and overdue imports" noValidate className="max-w-3xl">
      <FormMessage state={f.state} />
      <Field
        label="Landing folder (a path on the server)"
        name="landingFolder"
        defaultValue={current.landingFolder ?? ""}
        hint="An absolute path every server host sees, e.g. a mounted share: /mnt/credittrack-landing. Leave it empty to turn scheduled imports off."
        error={f.errorFor("landingFolder")}
      />
      <div className="grid gap-x-4 sm:grid-cols-3">
        <Field
          label="Look for new files every (minutes)"
          name="landingIntervalMinutes"
          inputMode="numeric"
          defaultValue={String(current.landingIntervalMinutes)}
          error={f.errorFor("landingIntervalMinutes")}
          required
        />
        <Field
          label="Delete filed files after (days)"
          name="landingRetentionDays"
          inputMode="numeric"
          defaultValue={String(current.landingRetentionDays)}
          hint="processed/ and failed/ hold student data."
          error={f.errorFor("landingRetentionDays")}
          required
        />
        <Field
          label="Warn when an import is older than (days)"
          name="staleAfterDays"
          inputMode="numeric"
          defaultValue={String(current.staleAfterDays)}
          hint="The roster, and each provider's results unless it has its own (below)."
          error={f.errorFor("staleAfterDays")}
          required
        />
      </div>
      <button type="submit" disabled={f.pending} className={buttonClass("primary", "md", "mt-2")}>
        {f.pending ? "Saving…" : "Save landing folder"}
      </button>
    </form>
  );
}
