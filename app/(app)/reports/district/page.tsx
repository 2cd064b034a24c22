import type { Metadata } from "next";
import Link from "next/link";
import { getViewer } from "@/lib/auth";
import { getDistrictSummary, TREND_YEARS } from "@/lib/reports/queries";
import { FIGURES, FIGURE_KEYS, type FigureKey } from "@/lib/reports/figures";
import { notFinalText } from "@/lib/reports/periods";
import { BarChart } from "@/components/reports/bar-chart";
import { yearLabel } from "@/lib/calendar";
import { paramsObject, summaryParams } from "@/lib/reports/schema";
import { EquityTable } from "@/components/reports/equity-table";
import { ProgramTable } from "@/components/reports/program-table";
import { ReportPicker } from "@/components/reports/report-picker";
import { KeyFigures, summaryYears } from "@/components/reports/key-figures";
import { SchoolsTable } from "@/components/reports/schools-table";
import { ordered, schoolsView, shownSchools, type SchoolSort } from "@/lib/reports/schools-page";
import { fmtRate, query } from "@/components/reports/format";
import { TrendSection } from "@/components/reports/trend-section";
import { orNotFound } from "../guard";

export const metadata: Metadata = { title: "District summary" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function DistrictSummaryPage({ searchParams }: { searchParams: Search }) {
  const viewer = await getViewer();
  const raw = paramsObject(await searchParams);
  const p = summaryParams.safeParse(raw);
  const figure: FigureKey = FIGURE_KEYS.includes(raw.figure as FigureKey) ? (raw.figure as FigureKey) : "acgr4";
  const sort: SchoolSort = raw.sort === "name" || FIGURE_KEYS.includes(raw.sort as FigureKey) ? (raw.sort as SchoolSort) : "name";
  const dir = raw.dir === "desc" ? "desc" : "asc";
  const d = await orNotFound(viewer, "/reports/district", () => getDistrictSummary(viewer, { year: p.success ? p.data.year : undefined, trend: true }));
  const { years, open } = summaryYears();
  const here = { year: d.year };
  // A large district's schools a page at a time (schools-page.ts): the table and the bar chart show the same ones.
  const view = schoolsView(raw, d.schools.length);
  // What the other links on the page keep of it (the page itself only while the sort is the same).
  const kept = { ...(view.q ? { q: view.q } : {}), ...(raw.show ? { show: String(view.show) } : {}) };
  const shown = shownSchools(ordered(d, sort, dir), view);
  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">District summary {yearLabel(d.year)}</h1>
        <p className="text-sm">
          <Link href={query("/reports/equity", here)} className="text-blue-800 underline">
            Equity of access and outcomes
          </Link>
          {" · "}
          <Link href={query("/reports/quality", here)} className="text-blue-800 underline">
            Program quality
          </Link>
        </p>
      </div>
      <div className="mt-3">
        <ReportPicker action="/reports/district" year={d.year} years={years} open={open} keep={{ figure, sort, dir, ...kept }} />
      </div>
      <KeyFigures heading="District figures" year={d.year} cohorts={d.cohorts} figures={d.district} completers={d.completers} here={here} />
      <TrendSection points={d.trend} years={TREND_YEARS} csvHref={query("/api/reports/export", { table: "trend", ...here })} />
      <SchoolsTable summary={d} sort={sort} dir={dir} shown={shown} view={view} keep={{ figure }} exportHref={query("/api/reports/export", { table: "schools", ...here })} />
      {/* The schools compared on the figure the equity view below shows (its figure links choose it). */}
      <BarChart
        title={`${FIGURES[figure].label} by school${shown.rows.length < shown.total ? ` (the ${shown.rows.length} schools listed above)` : ""}`}
        bars={shown.rows.map((s) => ({ key: s.id, label: s.name, value: s.figures[figure].rate, text: fmtRate(s.figures[figure].rate, s.figures[figure].coded) }))}
        reference={{ value: d.district[figure].rate, label: `the district (${fmtRate(d.district[figure].rate, d.district[figure].coded)})` }}
        notFinal={d.district[figure].final ? undefined : notFinalText(d.district[figure].closesOn)}
      />
      <EquityTable
        figure={figure}
        rows={d.equity[figure]}
        note={d.district[figure].note}
        period={d.district[figure]}
        pageHref={(k) => query("/reports/district", { ...here, figure: k, sort, dir, ...kept, page: shown.page > 1 ? shown.page : undefined })}
        drill={here}
        exportHref={query("/api/reports/export", { table: "equity", figure, ...here })}
      />
      <ProgramTable rows={d.program} exportHref={query("/api/reports/export", { table: "program", ...here })} drillHref={query("/reports/drill", { figure: "program", ...here })} />
    </>
  );
}
