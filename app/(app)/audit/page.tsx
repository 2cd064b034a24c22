import type { Metadata } from "next";
import { Table, Td, Th } from "@/components/ui/table";
import Link from "next/link";
import { getViewer } from "@/lib/auth";
import { requirePage } from "@/lib/audit/refuse";
import { AUDIT_LABELS } from "@/lib/audit/labels";
import { AUDIT_PAGE_SIZE, auditFilterSchema, searchAudit } from "@/lib/audit/search";
import { districtTimeZone, formatMoment } from "@/lib/calendar";

export const metadata: Metadata = { title: "Audit log" };

const ACTIONS = Object.entries(AUDIT_LABELS).sort(([, a], [, b]) => a.localeCompare(b));

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const viewer = await getViewer();
  await requirePage(viewer, "audit.read", "/audit");
  const filter = auditFilterSchema.parse(await searchParams);
  const { total, rows } = await searchAudit(viewer, filter);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const query = (over: Record<string, string | undefined>) =>
    new URLSearchParams(Object.entries({ ...filter, page: String(filter.page), ...over }).filter(([, v]) => v) as [string, string][]).toString();
  const field = "mt-1 w-full rounded border border-slate-400 px-2 py-1";
  return (
    <>
      <h1 className="text-2xl font-bold">Audit log</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        Every sign-in, every student record opened, every list and export of students (with its filter and how many students), every change and every refused attempt, newest first.
        Times are the district’s ({districtTimeZone()}).
      </p>
      <form method="get" className="mt-4 grid grid-cols-2 gap-3 rounded border border-slate-200 bg-white p-4 md:grid-cols-3 lg:grid-cols-6">
        <label className="text-sm md:col-span-2">
          <span className="block font-medium">Who looked at this student? (SIS id or last name)</span>
          <input name="student" type="search" defaultValue={filter.student ?? ""} className={field} />
        </label>
        <label className="text-sm">
          <span className="block font-medium">User email contains</span>
          <input name="user" type="text" defaultValue={filter.user ?? ""} className={field} />
        </label>
        <label className="text-sm">
          <span className="block font-medium">What</span>
          <select name="action" defaultValue={filter.action ?? ""} className={field}>
            <option value="">Anything</option>
            {filter.action && !(filter.action in AUDIT_LABELS) && <option value={filter.action}>Codes starting “{filter.action}”</option>}
            {ACTIONS.map(([code, label]) => (
              <option key={code} value={code}>
                {label.charAt(0).toUpperCase() + label.slice(1)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-medium">From</span>
          <input name="from" type="date" defaultValue={filter.from ?? ""} className={field} />
        </label>
        <label className="text-sm">
          <span className="block font-medium">To</span>
          <input name="to" type="date" defaultValue={filter.to ?? ""} className={field} />
        </label>
        <div className="flex items-end gap-3">
          <button className="rounded bg-blue-800 px-4 py-1.5 font-semibold text-white">Search</button>
          <Link href="/audit" className="text-sm text-blue-800 underline">
            Clear
          </Link>
        </div>
      </form>
      <p className="mt-4 flex flex-wrap gap-x-4 text-sm" aria-live="polite">
        <span>
          {total.toLocaleString("en-US")} events · page {filter.page} of {pages}
        </span>
        <a href={`/api/audit/export?${query({ page: undefined })}`} className="text-blue-800 underline">
          Download these events (CSV)
        </a>
      </p>
      <div className="mt-2 relative overflow-x-auto rounded border border-slate-200 bg-white">
        <Table caption="Audit events">
          <thead>
            <tr>
              <Th>When</Th>
              <Th>Who</Th>
              <Th>What</Th>
              <Th>Student</Th>
              <Th>Details</Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="align-top">
                <Td className="whitespace-nowrap tabular-nums">
                  <time dateTime={r.at.toISOString()}>{formatMoment(r.at)}</time>
                </Td>
                <Td>{r.user ? `${r.user.name} (${r.user.email})` : "No user (sign-in attempt or system)"}</Td>
                <Td>{r.label}</Td>
                <Td>
                  {r.student ? (
                    <Link className="text-blue-800 underline" href={`/students/${r.student.id}`}>
                      {r.student.lastName}, {r.student.firstName} ({r.student.sisId})
                    </Link>
                  ) : (
                    "—"
                  )}
                </Td>
                <Td className="text-xs text-slate-700">
                  {r.summary}
                  {r.record && <span className="block text-slate-500">{r.record}</span>}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
      <nav aria-label="Pages" className="mt-3 flex gap-3">
        {filter.page > 1 && (
          <Link className="text-blue-800 underline" href={`/audit?${query({ page: String(filter.page - 1) })}`}>
            Previous page
          </Link>
        )}
        {filter.page < pages && (
          <Link className="text-blue-800 underline" href={`/audit?${query({ page: String(filter.page + 1) })}`}>
            Next page
          </Link>
        )}
      </nav>
    </>
  );
}
