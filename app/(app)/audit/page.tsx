import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getViewer } from "@/lib/auth";
import { AUDIT_PAGE_SIZE, auditFilterSchema, searchAudit } from "@/lib/audit/search";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const viewer = await getViewer();
  if (viewer.role !== "DISTRICT_ADMIN") notFound();
  const filter = auditFilterSchema.parse(await searchParams);
  const { total, rows } = await searchAudit(viewer, filter);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const pageHref = (p: number) => {
    const q = new URLSearchParams(Object.entries({ ...filter, page: String(p) }).filter(([, v]) => v) as [string, string][]);
    return `/audit?${q}`;
  };
  return (
    <>
      <h1 className="text-2xl font-bold">Audit log</h1>
      <p className="mt-1 text-sm text-slate-600">Every sign-in, every read of a student record and every change, newest first.</p>
      <form method="get" className="mt-4 grid grid-cols-2 gap-3 rounded border border-slate-200 bg-white p-4 md:grid-cols-6">
        {(
          [
            ["user", "User email contains", "text"],
            ["student", "Student SIS id or last name", "text"],
            ["action", "Action starts with", "text"],
            ["from", "From", "date"],
            ["to", "To", "date"],
          ] as const
        ).map(([name, label, type]) => (
          <label key={name} className="text-sm">
            <span className="block font-medium">{label}</span>
            <input name={name} type={type} defaultValue={filter[name] ?? ""} className="mt-1 w-full rounded border border-slate-400 px-2 py-1" />
          </label>
        ))}
        <div className="flex items-end">
          <button className="rounded bg-blue-800 px-4 py-1.5 font-semibold text-white">Search</button>
        </div>
      </form>
      <p className="mt-4 text-sm" aria-live="polite">
        {total.toLocaleString("en-US")} events · page {filter.page} of {pages}
      </p>
      <div className="mt-2 overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="min-w-full text-sm">
          <caption className="sr-only">Audit events</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">When (UTC)</th>
              <th scope="col" className="px-3 py-2">User</th>
              <th scope="col" className="px-3 py-2">Action</th>
              <th scope="col" className="px-3 py-2">Student</th>
              <th scope="col" className="px-3 py-2">Record</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-200">
                <td className="px-3 py-1.5 tabular-nums">{r.at.toISOString().replace("T", " ").slice(0, 19)}</td>
                <td className="px-3 py-1.5">{r.user ? `${r.user.name} (${r.user.email})` : "—"}</td>
                <td className="px-3 py-1.5 font-mono">{r.action}</td>
                <td className="px-3 py-1.5">
                  {r.student ? (
                    <Link className="text-blue-800 underline" href={`/students/${r.student.id}`}>
                      {r.student.lastName}, {r.student.firstName} ({r.student.sisId})
                    </Link>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="px-3 py-1.5 font-mono text-xs">{r.entity ? `${r.entity} ${r.entityId ?? ""}` : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="mt-3 flex gap-3">
        {filter.page > 1 && <Link className="text-blue-800 underline" href={pageHref(filter.page - 1)}>Previous page</Link>}
        {filter.page < pages && <Link className="text-blue-800 underline" href={pageHref(filter.page + 1)}>Next page</Link>}
      </nav>
    </>
  );
}
