"use client";
import { useEffect, useRef } from "react";
import type { ActionResult } from "@/lib/safe-action";

/**
 * An action's outcome that takes focus when it arrives (issue 16: after every action, focus moves
 * to the confirmation message and it says what happened), so a keyboard or screen-reader user
 * hears it and continues from there. Refused: an alert; done: a status.
 */
export function FocusMessage({ state, className = "" }: { state: ActionResult<unknown> | null; className?: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state) ref.current?.focus();
  }, [state]);
  if (!state) return <p role="status" className="sr-only" />;
  const ok = state.ok;
  if (ok && !state.message) return null;
  return (
    <p
      ref={ref}
      tabIndex={-1}
      role={ok ? "status" : "alert"}
      className={`${className} rounded border p-2 text-sm ${ok ? "border-green-300 bg-green-50 text-green-800" : "border-red-300 bg-red-50 text-red-800"}`}
    >
      {state.message}
    </p>
  );
}
