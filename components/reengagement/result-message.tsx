"use client";
import { useEffect, useRef } from "react";
import type { ActionResult } from "@/lib/safe-action";

/**
 * The outcome of a Re-engagement form, focused when it changes so a keyboard or screen-reader user
 * hears what happened (issue 16: after an action, focus moves to the confirmation).
 */
export function ResultMessage({ state, children }: { state: ActionResult<unknown> | null; children?: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state) ref.current?.focus();
  }, [state]);
  if (!state) return <div role="status" className="sr-only" />;
  const ok = state.ok;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role={ok ? "status" : "alert"}
      className={`mb-3 rounded border p-2 text-sm ${ok ? "border-green-300 bg-green-50 text-green-800" : "border-red-300 bg-red-50 text-red-800"}`}
    >
      <p>{state.message}</p>
      {ok && children}
    </div>
  );
}
