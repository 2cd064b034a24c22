"use client";
import { useState } from "react";
import { useActionForm, FormMessage } from "@/components/ui/action-form";
import { setActiveAction } from "@/lib/users/actions";

/** Deactivate / reactivate one account, in two steps: the button asks, the confirmation submits. */
export function ActiveForm({ user }: { user: { id: string; name: string; active: boolean } }) {
  const f = useActionForm(setActiveAction);
  const [asking, setAsking] = useState(false);
  const verb = user.active ? "Deactivate" : "Reactivate";
  return (
    <form ref={f.ref} onSubmit={(e) => { setAsking(false); f.onSubmit(e); }} aria-label={`${verb} ${user.name}`} className="text-sm">
      <FormMessage state={f.state} />
      <input type="hidden" name="userId" value={user.id} />
      <input type="hidden" name="active" value={user.active ? "false" : "true"} />
      <input type="hidden" name="confirmed" value="yes" />
      {asking ? (
        <span className="flex flex-wrap items-center gap-2">
          <span>{verb} {user.name}?</span>
          {/* Focus moves to the confirmation the click revealed (the button pressed is gone). */}
          <button type="submit" autoFocus disabled={f.pending} className="rounded bg-red-800 px-3 py-1 font-semibold text-white disabled:opacity-60">
            Yes, {verb.toLowerCase()}
          </button>
          <button type="button" onClick={() => setAsking(false)} className="rounded border border-slate-400 px-3 py-1">
            Cancel
          </button>
        </span>
      ) : (
        <button type="button" onClick={() => setAsking(true)} className="rounded border border-slate-400 px-3 py-1 hover:bg-slate-100">
          {verb}
        </button>
      )}
    </form>
  );
}
