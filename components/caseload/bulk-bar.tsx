"use client";
import { useActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { TextareaField } from "@/components/ui/textarea-field";
import { bulkNoteAction } from "@/lib/caseload/actions";
import { NOTE_KINDS, NOTE_KIND_LABELS, NOTE_MAX } from "@/lib/notes/schema";
import { FocusMessage } from "@/components/ui/focus-message";
import { useSelection } from "./selection";
import { BulkContactForm, BulkPlanForm, BulkReassignForm } from "./bulk-forms";
import type { BulkChoices } from "@/lib/caseload/bulk-choices";

const kinds = NOTE_KINDS.map((k) => ({ value: k, label: NOTE_KIND_LABELS[k] }));

/**
 * What to do with the ticked rows (issue 16): download them as CSV; add one note, log one family
 * contact or start one plan for each (one transaction each; lib/caseload/bulk.ts, bulk-work.ts);
 * administrators move them to one counselor (`choices.counselors`, null for anyone else).
 * `today`, `followUp`: the district's day and a plan's first follow-up (YYYY-MM-DD).
 */
export function BulkBar({ choices, today, followUp }: { choices: BulkChoices; today: string; followUp: string }) {
  const { selected } = useSelection();
  const f = useActionForm(bulkNoteAction, { resetOnSuccess: true });
  const ids = [...selected];
  const n = ids.length;
  const students = `${n} ${n === 1 ? "student" : "students"}`;
  // Nothing ticked: only the live region and the last outcome, so the list starts high on the screen.
  if (n === 0) {
    return (
      <section aria-label="Selected students" className="no-print text-sm">
        <p aria-live="polite" className="sr-only">
          No students selected.
        </p>
        <FocusMessage state={f.state} className="mt-2" />
      </section>
    );
  }
  return (
    <section aria-label="Selected students" className="no-print mt-3 rounded border border-slate-200 bg-white px-3 py-2 text-sm">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <p aria-live="polite" className="font-medium">{`${students} selected`}</p>
        {
          <a href={`/api/caseload/export?${ids.map((id) => `id=${encodeURIComponent(id)}`).join("&")}`} className="inline-flex min-h-6 items-center text-blue-800 underline">
            Export selection (CSV)
          </a>
        }
      </div>
      {
        <details className="mt-1">
          <summary className="inline-flex min-h-6 cursor-pointer items-center text-blue-800 underline">{`Add a note to the ${students}`}</summary>
          <form ref={f.ref} action={f.action} onSubmit={f.onSubmit} noValidate aria-label="Add a note to the selected students" className="mt-2 max-w-xl">
            {ids.map((id) => (
              <input key={id} type="hidden" name="studentId" value={id} />
            ))}
            <SelectField label="Kind of note" name="kind" options={kinds} defaultValue="CHECK_IN" error={f.errorFor("kind")} className="max-w-xs" />
            <TextareaField
              label="Note"
              name="body"
              rows={3}
              maxLength={NOTE_MAX + 1000}
              hint={`Up to ${NOTE_MAX.toLocaleString("en-US")} characters; the same note is added to each student`}
              error={f.errorFor("body")}
            />
            <button type="submit" disabled={f.pending} className={buttonClass("primary", "sm")}>
              {`Add note to ${students}`}
            </button>
          </form>
        </details>
      }
      <FocusMessage state={f.state} className="mt-2" />
      <details className="mt-1">
        <summary className={SUMMARY}>{`Log a family contact for the ${students}`}</summary>
        <BulkContactForm ids={ids} today={today} />
      </details>
      <details className="mt-1">
        <summary className={SUMMARY}>{`Start a plan for the ${students}`}</summary>
        <BulkPlanForm ids={ids} today={today} followUp={followUp} owners={choices.owners.map((o) => ({ value: o.id, label: o.name }))} />
      </details>
      {choices.counselors && (
        <details className="mt-1">
          <summary className={SUMMARY}>{`Move the ${students} to another counselor`}</summary>
          <BulkReassignForm ids={ids} versions={choices.versions} counselors={choices.counselors} />
        </details>
      )}
    </section>
  );
}

const SUMMARY = "inline-flex min-h-6 cursor-pointer items-center text-blue-800 underline";
