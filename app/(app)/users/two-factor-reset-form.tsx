"use client";
import { useState } from "react";
import { useActionForm, FormMessage } from "@/components/ui/action-form";
import { resetTwoFactorAction } from "@/lib/users/two-factor-actions";

/** Reset one person's two-factor sign-in (a lost phone), in two steps: the button asks, the confirmation submits. */
export function TwoFactorResetForm({ user }: { user: { id: string; name: string } }) {
  const f = useActionForm(resetTwoFactorAction);
  const [asking, setAsking] = useState(false);
  return (
    <form ref={f.ref} onSubmit={(e) => { setAsking(false); f.onSubmit(e); }} aria-label={`Reset two-factor sign-in of ${user.name}`} className="text-sm">
      <FormMessage state={f.state} />
      <input type="hidden" name="userId" value={user.id} />
      <input type="hidden" name="confirmed" value="yes" />
      {asking ? (
        <span className="flex flex-wrap items-center gap-2">
          <span>Reset {user.name}&apos;s two-factor sign-in and sign them out?</span>
          {/* Focus moves to the confirmation the click revealed (the button pressed is gone). */}
          <button type="submit" autoFocus disabled={f.pending} className="rounded bg-red-800 px-3 py-1 font-semibold text-white disabled:opacity-60">
            Yes, reset
          </button>
          <button type="button" onClick={() => setAsking(false)} className="rounded border border-slate-400 px-3 py-1">
            Cancel
          </button>
        </span>
      ) : (
        <button type="button" onClick={() => setAsking(true)} className="rounded border border-slate-400 px-3 py-1 hover:bg-slate-100">
          Reset two-factor
        </button>
      )}
    </form>
  );
}
