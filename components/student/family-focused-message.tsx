"use client";
import { useEffect, useRef } from "react";
import { FormMessage } from "@/components/ui/action-form";
import type { ActionResult } from "@/lib/safe-action";

/**
 * A form's outcome that takes focus when it arrives (issue 16: after an action, focus moves to the
 * confirmation, which says what happened), so keyboard and screen-reader users continue from it.
 */
export function FocusedMessage({ state }: { state: ActionResult<unknown> | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state) ref.current?.focus();
  }, [state]);
  return (
    <div ref={ref} tabIndex={-1} className="outline-none focus-visible:ring-2 focus-visible:ring-blue-700">
      <FormMessage state={state} />
    </div>
  );
}
