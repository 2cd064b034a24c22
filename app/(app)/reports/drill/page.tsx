import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getViewer } from "@/lib/auth";
import { getDrill } from "@/lib/reports/drill";
import { drillParams, paramsObject } from "@/lib/reports/schema";
import { percent } from "@/lib/reports/acgr";
import { DrillTable } from "@/components/reports/drill-table";
import { fmtRate, query } from "@/components/reports/format";
import { orNotFound } from "../guard";
import { can } from "@/lib/access";

export const metadata: Metadata = { title: "Students behind a figure" };

type Search = Promise<Record<string, string | string[] | undefined>>;
const SHOWS = [
  ["all", "Everyone considered"],
  ["numerator", "In the numerator"],
  ["denominator", "In the denominator only"],
  ["excluded", "Not in the denominator"],
] as const;

export default async function DrillPage({ searchParams }: { searchParams: Search }) {
  const viewer = await getViewer();
  const raw = paramsObject(await searchParams);
  const p = drillParams.safeParse(raw);
  if (!p.success) notFound();
  const d = await orNotFound(viewer, "/reports/drill", () => getDrill(viewer, p.data));
  // Back where the list was opened: the equity page (its figure, year and school), else the summary.
  const back =
    p.data.from === "equity"
      ? query("/reports/equity", { figure: p.data.figure, year: raw.year, school: raw.school })
      : d.school
        ? query("/reports", { year: raw.year, school: d.school.id })
        : can(viewer, "students.allSchools")
          ? query("/reports/district", { year: raw.year })
          : "/reports";
  return (
    <>
      <p className="text-sm">
        <Link href={back} className="text-blue-800 underline">
          {p.data.from === "equity" ? "Back to equity of access and outcomes" : "Back to the summary"}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">
        {d.title}: {d.period}
      </h1>
      <p className="text-slate-700">
        {d.school?.name ?? "All schools"} · {d.groupLabel}
      </p>
      <p className="mt-3 text-lg">
        <strong>{d.numerator.toLocaleString("en-US")}</strong> of <strong>{d.denominator.toLocaleString("en-US")}</strong> ={" "}
        <strong>{fmtRate(percent(d.numerator, d.denominator))}</strong>
      </p>
      <p className="text-sm text-slate-700">
        Counts here are not suppressed: this list is for staff allowed to see these students. Do not copy small-group counts into public reports.
      </p>
      {d.hidden > 0 && (
        <p className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm">
          {d.hidden} student(s) counted at this school are now enrolled at a school outside your access and are not listed.
        </p>
      )}
      <nav aria-label="Filter the list" className="mt-3">
        <ul className="flex flex-wrap gap-2 text-sm">
          {SHOWS.map(([key, label]) => (
            <li key={key}>
              <Link
                href={query("/reports/drill", { ...raw, show: key })}
                aria-current={p.data.show === key ? "page" : undefined}
                className={`rounded border px-2 py-1 ${p.data.show === key ? "border-blue-900 bg-blue-900 text-white" : "border-slate-300 bg-white text-blue-900"}`}
              >
                {label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <DrillTable drill={d} show={p.data.show} />
    </>
  );
}
