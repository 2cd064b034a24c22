import { PROGRAM_FLAG_SHORT } from "@/lib/labels";
import Link from "next/link";
import type { CaseloadPage, CaseloadRow } from "@/lib/students/caseload";
import type { CaseloadParams } from "@/lib/students/schema";
import { CaseloadRows, type CaseloadRowView } from "./caseload-rows";
import { CaseloadCards } from "./caseload-cards";
import { SelectAllBox } from "./selection";
import { caseloadHref } from "@/lib/caseload/url";
import { formatDay } from "@/lib/calendar";
import { creditNumber } from "@/lib/students/credits";
import { primaryReason, rankedReasons } from "@/lib/caseload/rules";
import { CASELOAD_HEADERS as H } from "@/lib/caseload/columns";
import { Table, Th } from "@/components/ui/table";
import { buttonClass } from "@/components/ui/button";
import { ByWidth } from "@/components/ui/by-width";

type SortKey = CaseloadParams["sort"];

// The caseload's own links (sort, risk level, pages, clear) do not prefetch. Each is another view
// of this per-user, always-fresh page, rendered on click anyway; prefetching them cost a request
// per link per view: 14 for one caseload page in Chromium (the student links never prefetched).
function SortHeader({ p, k, label, natural, className }: { p: CaseloadParams; k: SortKey; label: string; natural: "asc" | "desc"; className?: string }) {
  const active = p.sort === k;
  const dir = active ? (p.dir ?? natural) : undefined;
  const nextDir = active ? (dir === "asc" ? "desc" : "asc") : natural;
  return (
    <Th className={className} sort={dir ? (dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link
        href={caseloadHref(p, { sort: k, dir: nextDir === natural ? undefined : nextDir, page: 1 })}
        prefetch={false}
        className="inline-block min-h-6 underline-offset-2 hover:underline"
      >
        {label}
        {dir && <span aria-hidden="true">{dir === "asc" ? " ▲" : " ▼"}</span>}
      </Link>
    </Th>
  );
}

export function rowView(r: CaseloadRow, withCounselor: boolean): CaseloadRowView {
  const primary = primaryReason(r.risk);
  return {
    id: r.id,
    name: r.name,
    detail: r.flags.length > 0 ? `${r.sisId} · ${r.flags.map((f) => PROGRAM_FLAG_SHORT[f]).join(", ")}` : r.sisId,
    attention: r.needsAttention,
    grade: r.gradeLevel,
    cohort: r.cohortYear,
    risk: r.risk.level,
    primary: primary?.brief ?? null,
    more: rankedReasons(r.risk)
      .slice(1)
      .map((x) => x.brief),
    credits: `${creditNumber(r.creditsEarned)} / ${creditNumber(r.creditsRequired)}`,
    needed: creditNumber(r.creditsStillNeeded),
    courses: r.courses.map(({ id, title, progress, pace }) => ({ id, title, progress, pace })),
    idle: r.daysSinceActivity,
    note: r.latestNoteDay ? formatDay(r.latestNoteDay) : "None",
    ...(withCounselor ? { counselor: r.counselorName ?? "None" } : {}),
  };
}

/**
 * The list: a table from md (768 px) up, cards below it (issue 16: a 390-px phone shows the same
 * information without sideways scrolling). Both render from the same row views, sent once; only
 * the one for the screen is rendered (ByWidth), not both with CSS hiding one, which doubled the
 * page's HTML and the server's work on it.
 */
export function CaseloadTable({ rows, p, withCounselor }: { rows: CaseloadRowView[]; p: CaseloadParams; withCounselor: boolean }) {
  const columns = withCounselor ? 11 : 10;
  return (
    <ByWidth
      wide={
        <div className="mt-3 overflow-x-auto rounded border border-slate-200 bg-white">
          <Table
            density="compact"
            caption="Students on the caseload with risk level and the main reason, credits, online courses, activity and latest note. Column headers sort the table."
          >
            <thead className="text-xs">
              <tr>
                <td className="w-8">
                  <SelectAllBox id="sel-all" />
                </td>
                <SortHeader p={p} k="name" label={H.student} natural="asc" />
                {withCounselor && <Th>{H.counselor}</Th>}
                <SortHeader p={p} k="grade" label={H.grade} natural="asc" />
                <SortHeader p={p} k="cohort" label={H.cohort} natural="asc" />
                <SortHeader p={p} k="risk" label={H.risk} natural="desc" />
                <SortHeader p={p} k="credits" label={H.credits} natural="asc" className="text-right" />
                <SortHeader p={p} k="needed" label={H.needed} natural="desc" className="text-right" />
                <Th className="min-w-64">{H.courses}</Th>
                <SortHeader p={p} k="activity" label={H.activity} natural="desc" className="text-right" />
                <SortHeader p={p} k="note" label={H.note} natural="asc" />
              </tr>
            </thead>
            <tbody>
              <CaseloadRows rows={rows} columns={columns} />
            </tbody>
          </Table>
        </div>
      }
      narrow={
        <div className="mt-3">
          <CaseloadCards rows={rows} />
        </div>
      }
    />
  );
}

/** Sorting on a phone, where the cards have no column headers to click: a GET form like the filters. */
export function PhoneSort({ p }: { p: CaseloadParams }) {
  const keep = new URLSearchParams(caseloadHref({ ...p, sort: "risk", dir: undefined, page: 1 }).split("?")[1] ?? "");
  return (
    <form method="get" action="/caseload" className="no-print mt-3 flex items-end gap-2 md:hidden" aria-label="Sort the caseload">
      {[...keep.entries()].map(([k, v], i) => (
        <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
      ))}
      <div>
        <label htmlFor="phone-sort" className="block text-sm font-medium">
          Sort by
        </label>
        <select id="phone-sort" name="sort" defaultValue={p.sort} className="mt-1 rounded border border-slate-400 bg-white px-2 py-1.5">
          <option value="risk">{H.risk}</option>
          <option value="name">{H.student}</option>
          <option value="grade">{H.grade}</option>
          <option value="cohort">{H.cohort}</option>
          <option value="credits">{H.credits}</option>
          <option value="needed">{H.needed}</option>
          <option value="activity">{H.activity}</option>
          <option value="note">{H.note}</option>
        </select>
      </div>
      <button type="submit" className={buttonClass("secondary", "sm")}>
        Sort
      </button>
    </form>
  );
}

export function Pagination({ data, p }: { data: CaseloadPage; p: CaseloadParams }) {
  if (data.pageCount <= 1) return null;
  const link = "rounded border border-slate-300 px-3 py-1 text-blue-800 hover:bg-slate-50";
  return (
    <nav aria-label="Pages" className="no-print mt-4 flex items-center gap-3 text-sm">
      {data.page > 1 && (
        <Link className={link} prefetch={false} href={caseloadHref(p, { page: data.page - 1 })}>
          Previous page
        </Link>
      )}
      <span>
        Page {data.page} of {data.pageCount}
      </span>
      {data.page < data.pageCount && (
        <Link className={link} prefetch={false} href={caseloadHref(p, { page: data.page + 1 })}>
          Next page
        </Link>
      )}
    </nav>
  );
}
