"use client";
import { createContext, useContext, useEffect, useMemo, useRef, useState } from "react";
import type { FormAction } from "@/components/ui/action-form";
import type { ActionResult } from "@/lib/safe-action";
import { wraps } from "@/components/ui/no-script";

// The one confirmation of an action (issue 16: "After every action … focus moves to the
// confirmation message or the changed item and a message says what happened"). Every form that
// writes shows its outcome here, so a keyboard or screen-reader user hears it and continues from it:
// WCAG 2.2 SC 4.1.3 Status Messages (role status / alert) and SC 2.4.3 Focus Order (focus is not
// dropped to <body> when the button pressed disappears or is disabled while the action runs).

type State = ActionResult<unknown> | null;

/** The outcomes that have taken focus (an action's result is a new object each time it runs). */
const focused = new WeakSet<object>();

/**
 * An action's outcome in a live region that takes focus each time a new outcome arrives: done is a
 * status, refused an alert. Before any outcome an empty status is present, so the first one is
 * announced. `children` follow a success (e.g. a link to what was made).
 */
export function FocusMessage({ state, className = "mb-3", children }: { state: State; className?: string; children?: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Each outcome takes focus once: a message mounted again with an outcome already shown (the
    // caseload's bar when the last row is unticked, a panel that switches branch) leaves focus where it is.
    if (state && !focused.has(state)) {
      focused.add(state);
      ref.current?.focus();
    }
  }, [state]);
  if (!state || (state.ok && !state.message)) return <p role="status" className="sr-only" />;
  const ok = state.ok;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role={ok ? "status" : "alert"}
      className={`${className} rounded border p-2 text-sm outline-offset-2 focus:outline-2 focus:outline-blue-700 ${ok ? "border-green-300 bg-green-50 text-green-800" : "border-red-300 bg-red-50 text-red-800"}`}
    >
      {children && ok ? (
        <>
          <p>{state.message}</p>
          {children}
        </>
      ) : (
        state.message
      )}
    </div>
  );
}

// A form that is gone once its action succeeds (completing a course removes its complete form; a
// recovery enrollment removes the failed course's offer) cannot show its own confirmation: the page
// keeps one slot for it, outside the form, that outlives the re-render.
const Announce = createContext<((s: ActionResult<unknown>) => void) | null>(null);
const Outcome = createContext<State>(null);

/** The page's holder of outcomes that outlive their form; render an <OutcomeSlot /> inside it. */
export function OutcomeProvider({ children }: { children: React.ReactNode }) {
  const [state, setState] = useState<State>(null);
  return (
    <Announce.Provider value={setState}>
      <Outcome.Provider value={state}>{children}</Outcome.Provider>
    </Announce.Provider>
  );
}

/** Where the page shows (and focuses) the last outcome of a form that went away. */
export function OutcomeSlot({ className }: { className?: string }) {
  return <FocusMessage state={useContext(Outcome)} className={className} />;
}

/**
 * Wraps a form's action so its success goes to the page's OutcomeSlot (sent when the result
 * arrives, not from the form's own effects: the form may be unmounted by the same render).
 * `local` is what the form shows itself: a refusal, or everything when the page has no slot.
 */
export function useOutlivingAction(action: FormAction): { action: FormAction; local: (s: State) => State } {
  const announce = useContext(Announce);
  const wrapped = useMemo<FormAction>(
    () =>
      wraps(async (prev, form) => {
        const r = await action(prev, form);
        if (r.ok && announce) announce(r);
        return r;
      }, action),
    [action, announce],
  );
  return { action: wrapped, local: (s) => (announce && s?.ok ? null : s) };
}
