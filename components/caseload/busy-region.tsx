"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";

/**
 * The caseload's busy state (issue 16): a new sort, filter, page or saved view keeps the same
 * route, so Next shows no loading.tsx for it; here those links and the GET filter forms navigate
 * in a transition, the list is marked aria-busy and dimmed, and a status says it is loading.
 * Without JavaScript they are plain links and forms.
 */
export function BusyRegion({ children }: { children: React.ReactNode }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const go = (href: string) => start(() => router.push(href, { scroll: false }));
  const onClick = (e: React.MouseEvent<HTMLDivElement>) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element).closest("a");
    const href = a?.getAttribute("href");
    if (!a || !href || !/^\/caseload(\?|$)/.test(href) || a.target) return;
    e.preventDefault();
    go(href);
  };
  const onSubmit = (e: React.FormEvent<HTMLDivElement>) => {
    const form = e.target as HTMLFormElement;
    if (e.defaultPrevented || form.getAttribute("action") !== "/caseload" || form.method.toLowerCase() !== "get") return;
    e.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (typeof v === "string" && v !== "") q.append(k, v);
    const s = q.toString();
    go(s ? `/caseload?${s}` : "/caseload");
  };
  return (
    <div onClick={onClick} onSubmit={onSubmit} aria-busy={pending || undefined}>
      {/* Fixed in a corner, so showing it moves nothing on the page. */}
      <p role="status" className={pending ? "fixed bottom-4 right-4 z-40 rounded border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-900 shadow" : "sr-only"}>
        {pending ? "Loading the caseload…" : ""}
      </p>
      <div className={pending ? "opacity-60 transition-opacity" : undefined}>{children}</div>
    </div>
  );
}
