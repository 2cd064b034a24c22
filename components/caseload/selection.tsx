"use client";
import { createContext, useContext, useMemo, useState } from "react";

// The rows picked for a bulk action (issue 16), shared by the table (md and up), the phone cards
// and the bulk bar. Selection is of the page shown: a new page, sort or filter starts afresh, as
// the server renders a new list (the provider is keyed by the page's ids).

type Selection = { ids: string[]; selected: Set<string>; toggle(id: string, on: boolean): void; setAll(on: boolean): void; clear(): void };
const Ctx = createContext<Selection | null>(null);

export function SelectionProvider({ ids, children }: { ids: string[]; children: React.ReactNode }) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const value = useMemo<Selection>(
    () => ({
      ids,
      selected,
      toggle: (id, on) =>
        setSelected((s) => {
          const n = new Set(s);
          if (on) n.add(id);
          else n.delete(id);
          return n;
        }),
      setAll: (on) => setSelected(on ? new Set(ids) : new Set()),
      clear: () => setSelected(new Set()),
    }),
    [ids, selected],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSelection(): Selection {
  const s = useContext(Ctx);
  if (!s) throw new Error("useSelection outside SelectionProvider");
  return s;
}

const BOX = "h-5 w-5 accent-blue-800";

/** "Select all on this page": checked when every row is, mixed when some are. */
export function SelectAllBox({ id }: { id: string }) {
  const { ids, selected, setAll } = useSelection();
  const all = ids.length > 0 && ids.every((i) => selected.has(i));
  const some = !all && ids.some((i) => selected.has(i));
  return (
    <label htmlFor={id} className="inline-flex min-h-6 items-center gap-2">
      <input
        id={id}
        type="checkbox"
        className={BOX}
        checked={all}
        ref={(el) => {
          if (el) el.indeterminate = some;
        }}
        disabled={ids.length === 0}
        onChange={(e) => setAll(e.currentTarget.checked)}
      />
      <span className="sr-only">Select all on this page</span>
    </label>
  );
}

export function RowBox({ id, name, prefix }: { id: string; name: string; prefix: string }) {
  const { selected, toggle } = useSelection();
  return (
    <input id={`${prefix}-${id}`} type="checkbox" className={BOX} aria-label={`Select ${name}`} checked={selected.has(id)} onChange={(e) => toggle(id, e.currentTarget.checked)} />
  );
}
