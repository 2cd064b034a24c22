import Link from "next/link";
import type { CaseloadPage, CaseloadRow } from "@/lib/students/caseload";
import type { CaseloadParams } from "@/lib/students/schema";
import { CaseloadRows, type CaseloadRowView } from "./caseload-rows";
import { caseloadHref } from "./url";
import { formatDay } from "@/components/student/labels";
import { CREDIT_FIGURES, creditNumber } from "@/lib/students/credits";

type SortKey = CaseloadParams["sort"];

// The caseload's own links (sort, risk level, pages, clear) do not prefetch. Each is another view
// of this per-user, always-fresh page, rendered on click anyway; prefetching them cost a request
// per link per view: 14 for one caseload page in Chromium (the student links never prefetched).
function SortHeader({ p, k, label, natural, className }: { p: CaseloadParams; k: SortKey; label: string; natural: "asc" | "desc"; className?: string }) {
  const active = p.sort === k;
  const dir = active ? (p.dir ?? natural) : undefined;
  const nextDir = active ? (dir === "asc" ? "desc" : "asc") : natural;
  return (
    <th scope="col" className={className} aria-sort={dir ? (dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link href={caseloadHref(p, { sort: k, dir: nextDir === natural ? undefined : nextDir, page: 1 })} prefetch={false} className="underline-offset-2 hover:underline">
        {label}
        {dir && <span aria-hidden="true">{dir === "asc" ? " ▲" : " ▼"}</span>}
      </Link>
    </th>
  );
}

function rowView(r: CaseloadRow): CaseloadRowView {
  return {
    id: r.id,
    name: r.name,
    detail: r.flags.length > 0 ? `${r.sisId} · ${r.flags.join(", ")}` : r.sisId,
    attention: r.needsAttention,
    grade: r.gradeLevel,
    cohort: r.cohortYear,
    risk: r.risk.level,
    reasons: r.risk.reasons.map((x) => x.brief),
    credits: `${creditNumber(r.creditsEarned)} / ${creditNumber(r.creditsRequired)}`,
    needed: creditNumber(r.creditsStillNeeded),
    courses: r.courses.map(({ id, title, progress, pace }) => ({ id, title, progress, pace })),
    idle: r.daysSinceActivity,
    note: r.latestNoteDay ? formatDay(r.latestNoteDay) : "None",
  };
}

export function CaseloadTable({ data, p }: { data: CaseloadPage; p: CaseloadParams }) {
  return (
    <div className="mt-4 overflow-x-auto rounded border border-slate-200 bg-white">
      <table className="data-table">
        <caption className="sr-only">
          Students on the caseload with risk level and reasons, credits, online courses, activity and latest note. Column headers sort the table.
        </caption>
        <thead>
          <tr>
            <SortHeader p={p} k="name" label="Student" natural="asc" />
            <SortHeader p={p} k="grade" label="Grade" natural="asc" />
            <SortHeader p={p} k="cohort" label="Cohort" natural="asc" />
            <SortHeader p={p} k="risk" label="Risk" natural="desc" />
            <SortHeader p={p} k="credits" label={`${CREDIT_FIGURES.earned} / required`} natural="asc" className="text-right" />
            <SortHeader p={p} k="needed" label={CREDIT_FIGURES.stillNeeded} natural="desc" className="text-right" />
            <th scope="col">Online courses</th>
            <SortHeader p={p} k="activity" label="Days since activity" natural="desc" className="text-right" />
            <SortHeader p={p} k="note" label="Latest note" natural="asc" />
          </tr>
        </thead>
        <tbody>
          <CaseloadRows rows={data.rows.map(rowView)} />
        </tbody>
      </table>
    </div>
  );
}

export function Pagination({ data, p }: { data: CaseloadPage; p: CaseloadParams }) {
  if (data.pageCount <= 1) return null;
  const link = "rounded border border-slate-300 px-3 py-1 text-blue-800 hover:bg-slate-50";
  return (
    <nav aria-label="Pages" className="no-print mt-4 flex items-center gap-3 text-sm">
      {data.page > 1 && <Link className={link} prefetch={false} href={caseloadHref(p, { page: data.page - 1 })}>Previous page</Link>}
      <span>Page {data.page} of {data.pageCount}</span>
      {data.page < data.pageCount && <Link className={link} prefetch={false} href={caseloadHref(p, { page: data.page + 1 })}>Next page</Link>}
    </nav>
  );
}
