"use client";
import { useActionForm, FormMessage } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { TextareaField } from "@/components/ui/textarea-field";
import { saveProficientLevelsAction } from "@/lib/settings/actions";

/** The state test levels that count as proficient: one per line (commas work too). */
export function ProficientLevelsForm({ levels }: { levels: string[] }) {
  const f = useActionForm(saveProficientLevelsAction);
  return (
    <form ref={f.ref} action={f.action} onSubmit={f.onSubmit} aria-label="State test levels that count as proficient" noValidate className="max-w-xl">
      <FormMessage state={f.state} />
      <TextareaField
        label="Levels that count as proficient"
        name="proficientLevels"
        rows={Math.min(12, Math.max(4, levels.length + 1))}
        defaultValue={levels.join("\n")}
        hint="One per line, as your state test files write them (capitals do not matter). Up to 30 levels of at most 60 characters."
        error={f.errorFor("proficientLevels")}
        spellCheck={false}
      />
      <button type="submit" disabled={f.pending} className={buttonClass("primary", "md")}>
        {f.pending ? "Saving…" : "Save levels"}
      </button>
    </form>
  );
}
