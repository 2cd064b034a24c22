import Link from "next/link";
import type { SavedViewRow } from "@/lib/caseload/views";
import { MAX_SAVED_VIEWS } from "@/lib/caseload/schema";
import { SavedViewControls } from "./saved-view-controls";

/**
 * Saved views as tabs above the list (issue 16): each a link to /caseload?<its query>; the one
 * matching the current URL is marked current. "All students" is the caseload with no filter. The
 * page's heading (children) shares their row, so the list starts higher on a laptop screen.
 */
export function SavedViewTabs({ views, query, children }: { views: SavedViewRow[]; query: string; children: React.ReactNode }) {
  const tab = "inline-flex min-h-8 items-center rounded-t border border-b-0 px-3 py-1 text-sm";
  const current = views.find((v) => v.query === query);
  const tabs = [{ id: "", name: "All students", query: "" }, ...views];
  return (
    <div className="flex flex-wrap items-end gap-x-6 gap-y-1 border-b border-slate-300">
      {children}
      <nav aria-label="Saved views" className="no-print">
        <ul className="flex flex-wrap gap-1">
          {tabs.map((v) => {
            const on = v.id === "" ? query === "" : current?.id === v.id;
            return (
              <li key={v.id || "all"}>
                <Link
                  href={v.query ? `/caseload?${v.query}` : "/caseload"}
                  prefetch={false}
                  aria-current={on ? "page" : undefined}
                  className={`${tab} ${on ? "border-slate-300 bg-white font-semibold text-slate-900" : "border-transparent text-blue-800 underline"}`}
                >
                  {v.name}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <SavedViewControls views={views} query={query} canSave={views.length < MAX_SAVED_VIEWS && query !== "" && !current} max={MAX_SAVED_VIEWS} />
    </div>
  );
}
