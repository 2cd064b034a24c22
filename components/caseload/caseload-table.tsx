import Link from "next/link";
import type { CaseloadPage } from "@/lib/students/caseload";
import type { CaseloadParams } from "@/lib/students/schema";
import { RiskBadge, PaceBadge } from "./badges";
import { caseloadHref } from "./url";
import { credits, formatDay } from "@/components/student/labels";

type SortKey = CaseloadParams["sort"];

function SortHeader({ p, k, label, natural, className }: { p: CaseloadParams; k: SortKey; label: string; natural: "asc" | "desc"; className?: string }) {
  const active = p.sort === k;
  const dir = active ? (p.dir ?? natural) : undefined;
  const nextDir = active ? (dir === "asc" ? "desc" : "asc") : natural;
  return (
    <th scope="col" className={`px-3 py-2 ${className ?? ""}`} aria-sort={dir ? (dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link href={caseloadHref(p, { sort: k, dir: nextDir === natural ? undefined : nextDir, page: 1 })} className="underline-offset-2 hover:underline">
        {label}
        {dir && <span aria-hidden="true">{dir === "asc" ? " ▲" : " ▼"}</span>}
      </Link>
    </th>
  );
}

export function CaseloadTable({ data, p }: { data: CaseloadPage; p: CaseloadParams }) {
  return (
    <div className="mt-4 overflow-x-auto rounded border border-slate-200 bg-white">
      <table className="min-w-full text-sm">
        <caption className="sr-only">
          Students on the caseload with risk level and reasons, credits, online courses, activity and latest note. Column headers sort the table.
        </caption>
        <thead className="bg-slate-100 text-left">
          <tr>
            <SortHeader p={p} k="name" label="Student" natural="asc" />
            <SortHeader p={p} k="grade" label="Grade" natural="asc" />
            <SortHeader p={p} k="cohort" label="Cohort" natural="asc" />
            <SortHeader p={p} k="risk" label="Risk" natural="desc" />
            <SortHeader p={p} k="credits" label="Credits earned / required" natural="asc" className="text-right" />
            <SortHeader p={p} k="short" label="Credits short" natural="desc" className="text-right" />
            <th scope="col" className="px-3 py-2">Online courses</th>
            <SortHeader p={p} k="activity" label="Days since activity" natural="desc" className="text-right" />
            <SortHeader p={p} k="note" label="Latest note" natural="asc" />
          </tr>
        </thead>
        <tbody>
          {data.rows.length === 0 && (
            <tr>
              <td colSpan={9} className="px-3 py-6 text-center text-slate-600">No students match these filters.</td>
            </tr>
          )}
          {data.rows.map((r) => (
            <tr key={r.id} className="border-t border-slate-200 align-top">
              <th scope="row" className="px-3 py-2 text-left font-medium">
                <Link href={`/students/${r.id}`} className="text-blue-800 underline">{r.name}</Link>
                <div className="text-xs font-normal text-slate-600">
                  {r.sisId}
                  {r.flags.length > 0 && ` · ${r.flags.join(", ")}`}
                  {r.needsAttention && <span className="ml-1 font-semibold text-red-800">· Needs attention</span>}
                </div>
              </th>
              <td className="px-3 py-2 tabular-nums">{r.gradeLevel}</td>
              <td className="px-3 py-2 tabular-nums">{r.cohortYear}</td>
              <td className="px-3 py-2">
                <RiskBadge level={r.risk.level} />
                {r.risk.reasons.length > 0 && (
                  <ul className="mt-1 list-disc pl-4 text-xs text-slate-700">
                    {r.risk.reasons.map((x) => <li key={x.code}>{x.label}</li>)}
                  </ul>
                )}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{credits(r.creditsEarned)} / {credits(r.creditsRequired)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{credits(r.creditsShort)}</td>
              <td className="px-3 py-2">
                {r.courses.length === 0 ? <span className="text-slate-600">None</span> : (
                  <ul className="space-y-1">
                    {r.courses.map((c) => (
                      <li key={c.id}>
                        {c.title}: <span className="tabular-nums">{c.progress}%</span> <PaceBadge status={c.pace} />
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{r.daysSinceActivity ?? "—"}</td>
              <td className="px-3 py-2">{r.latestNoteOn ? formatDay(r.latestNoteOn) : "None"}</td>
            </tr>
          ))}
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
      {data.page > 1 && <Link className={link} href={caseloadHref(p, { page: data.page - 1 })}>Previous page</Link>}
      <span>Page {data.page} of {data.pageCount}</span>
      {data.page < data.pageCount && <Link className={link} href={caseloadHref(p, { page: data.page + 1 })}>Next page</Link>}
    </nav>
  );
}
