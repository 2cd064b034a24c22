"use client";
import { useActionForm } from "@/components/ui/action-form";
import { Field } from "@/components/ui/field";
import { deleteViewAction, saveViewAction } from "@/lib/caseload/actions";
import { VIEW_NAME_MAX } from "@/lib/caseload/schema";
import { FocusMessage } from "@/components/ui/focus-message";

/** Save the current filters as a named view; delete a view. Focus moves to what happened. */
export function SavedViewControls({ views, query, canSave, max }: { views: { id: string; name: string }[]; query: string; canSave: boolean; max: number }) {
  const save = useActionForm(saveViewAction, { resetOnSuccess: true });
  const del = useActionForm(deleteViewAction);
  return (
    <div className="no-print mb-1 ml-auto flex flex-wrap items-start gap-x-4 text-sm">
      <details>
        <summary className="inline-flex min-h-6 cursor-pointer items-center text-blue-800 underline">Saved views…</summary>
        <div className="mt-2 w-72 max-w-full rounded border border-slate-200 bg-white p-3">
          {canSave ? (
            <form ref={save.ref} action={save.action} onSubmit={save.onSubmit} noValidate aria-label="Save this view">
              <input type="hidden" name="query" value={query} />
              <Field label="Name these filters" name="name" maxLength={VIEW_NAME_MAX + 10} error={save.errorFor("name")} />
              <button type="submit" disabled={save.pending} className="rounded bg-blue-800 px-3 py-1 font-semibold text-white hover:bg-blue-900 disabled:opacity-60">
                Save view
              </button>
            </form>
          ) : (
            <p className="text-slate-700">
              {query === "" ? "Choose filters first, then save them as a view." : views.length >= max ? `You have ${max} views, the most there can be.` : "This view is saved."}
            </p>
          )}
          {views.length > 0 && (
            <div className="mt-3 border-t border-slate-200 pt-2">
              <p className="font-medium">Delete a view</p>
              <ul className="mt-1 space-y-1">
                {views.map((v) => (
                  <li key={v.id}>
                    <form action={del.action} onSubmit={del.onSubmit} aria-label={`Delete the view ${v.name}`} className="flex items-center justify-between gap-2">
                      <input type="hidden" name="viewId" value={v.id} />
                      <span className="min-w-0 break-words">{v.name}</span>
                      <button
                        type="submit"
                        disabled={del.pending}
                        className="min-h-6 rounded border border-slate-400 px-2 text-red-800 hover:bg-red-50"
                        aria-label={`Delete the view ${v.name}`}
                      >
                        Delete
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      </details>
      <FocusMessage state={save.state} className="" />
      <FocusMessage state={del.state} className="" />
    </div>
  );
}
