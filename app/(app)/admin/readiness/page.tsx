import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "@/lib/audit/refuse";
import { getViewer, ssoProviders } from "@/lib/auth";
import { readiness } from "@/lib/readiness/queries";
import { formatMoment } from "@/lib/calendar";

export const metadata: Metadata = { title: "Readiness" };

const BADGE = {
  missing: { label: "Missing", className: "border-red-300 bg-red-50 text-red-800" },
  note: { label: "Note", className: "border-amber-300 bg-amber-50 text-amber-900" },
  ok: { label: "Loaded", className: "border-green-300 bg-green-50 text-green-800" },
} as const;

/** What is loaded and what is missing before the district's figures can be trusted (district administrators). */
export default async function ReadinessPage() {
  const viewer = await getViewer();
  await requirePage(viewer, "readiness.read", "/admin/readiness");
  const { items, asOf } = await readiness(viewer, { singleSignOn: ssoProviders().length > 0 });
  const missing = items.filter((i) => i.status === "missing");
  const order = { missing: 0, note: 1, ok: 2 };
  const sorted = [...items].sort((a, b) => order[a.status] - order[b.status]);
  return (
    <>
      <h1 className="text-2xl font-bold">Readiness</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        What is loaded, and what is missing before the reports&apos; figures can be trusted, each with the page or file that fixes it. File formats: lib/imports/FORMATS.md. As of{" "}
        {formatMoment(asOf)}.
      </p>
      <p
        role="status"
        className={`mt-4 max-w-3xl rounded border p-3 text-sm ${missing.length ? "border-red-300 bg-red-50 text-red-900" : "border-green-300 bg-green-50 text-green-900"}`}
      >
        {missing.length === 0 ? "Nothing is missing." : `${missing.length} ${missing.length === 1 ? "thing is" : "things are"} missing.`}
      </p>
      <ul className="mt-4 max-w-4xl divide-y divide-slate-200 rounded border border-slate-200 bg-white" aria-label="Readiness checks">
        {sorted.map((item) => (
          <li key={item.key} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-start" data-readiness={item.key}>
            <span className={`inline-block w-fit shrink-0 rounded border px-2 py-0.5 text-xs font-semibold ${BADGE[item.status].className}`}>{BADGE[item.status].label}</span>
            <div className="min-w-0 flex-1">
              <p className="text-sm">{item.text}</p>
              {item.names && item.names.length > 0 && (
                <p className="mt-1 text-sm text-slate-600">
                  {item.names.slice(0, 12).join(", ")}
                  {item.names.length > 12 ? `, and ${item.names.length - 12} more` : ""}
                </p>
              )}
            </div>
            {item.fix && (
              <Link href={item.fix.href} className="shrink-0 text-sm text-blue-800 underline">
                {item.fix.label}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
