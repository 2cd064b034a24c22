"use client";
import { startTransition, useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { checkRevertAction, revertRunAction } from "@/lib/imports/revert-actions";
import type { RevertOutcome } from "@/lib/imports/revert";
import { TABLE_LABELS } from "@/lib/imports/table-labels";
import type { ActionResult } from "@/lib/safe-action";

type Result = ActionResult<RevertOutcome> & { message?: string };

/** Check what a revert would do, then revert with a reason (kept in the audit log). */
export function RevertPanel({ runId }: { runId: string }) {
  const [check, dispatchCheck, checking] = useActionState(checkRevertAction as (p: unknown, f: FormData) => Promise<Result>, null);
  const [done, dispatchRevert, reverting] = useActionState(revertRunAction as (p: unknown, f: FormData) => Promise<Result>, null);
  // The action posts before hydration (progressive enhancement); onSubmit keeps what was typed.
  const submit = (dispatch: (f: FormData) => void) => (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    startTransition(() => dispatch(f));
  };
  const reasonError = done && !done.ok ? done.fieldErrors?.reason?.[0] : undefined;
  return (
    <div className="mt-3 space-y-4">
      <form action={dispatchCheck} onSubmit={submit(dispatchCheck)} aria-label="Check the revert">
        <input type="hidden" name="runId" value={runId} />
        <button type="submit" disabled={checking} className={buttonClass("outline")}>
          {checking ? "Checking…" : "Check what reverting would do"}
        </button>
      </form>
      <Outcome result={check} />
      <form action={dispatchRevert} onSubmit={submit(dispatchRevert)} aria-label="Revert the run" noValidate>
        <input type="hidden" name="runId" value={runId} />
        <label htmlFor="revert-reason" className="block text-sm font-semibold">
          Why is it reverted? (kept in the audit log)
        </label>
        <textarea
          id="revert-reason"
          name="reason"
          rows={2}
          maxLength={500}
          required
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? "revert-reason-error" : undefined}
          className="mt-1 block w-full rounded border border-slate-400 p-2 text-sm"
        />
        {reasonError && (
          <p id="revert-reason-error" className="mt-1 text-sm text-red-800">
            {reasonError}
          </p>
        )}
        <button type="submit" disabled={reverting} className={buttonClass("danger", "md", "mt-2")}>
          {reverting ? "Reverting…" : "Revert this run"}
        </button>
      </form>
      <Outcome result={done} />
    </div>
  );
}

function Outcome({ result }: { result: Result | null }) {
  if (!result) return <p role="status" className="sr-only" />;
  if (!result.ok) {
    if (result.fieldErrors) return <p role="status" className="sr-only" />;
    return (
      <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800">
        {result.message}
      </p>
    );
  }
  const o = result.data;
  if (!o.ok) {
    return (
      <div role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800">
        <p className="font-semibold">Cannot revert: {o.message}</p>
        <ul className="mt-1 list-disc pl-5">
          {o.problems.map((p, i) => (
            <li key={i}>
              {p.row}: {p.message}
            </li>
          ))}
        </ul>
        {o.problemTotal > o.problems.length && <p className="mt-1">…and {o.problemTotal - o.problems.length} more.</p>}
      </div>
    );
  }
  const rows = Object.entries(o.counts).filter(([, c]) => c.deleted || c.restored || c.keptDeleted);
  return (
    <div role="status" className="rounded border border-green-300 bg-green-50 p-2 text-sm text-green-900">
      <p className="font-semibold">{o.dryRun ? "Reverting would:" : (result.message ?? "Reverted.")}</p>
      <ul className="mt-1 list-disc pl-5">
        {rows.map(([t, c]) => (
          <li key={t}>
            {TABLE_LABELS[t] ?? t}: {c.deleted > 0 && `delete ${c.deleted}`}
            {c.deleted > 0 && c.restored > 0 && ", "}
            {c.restored > 0 && `put back ${c.restored}`}
            {c.keptDeleted > 0 && ` (${c.keptDeleted} deleted by the run stay deleted)`}
          </li>
        ))}
      </ul>
    </div>
  );
}
