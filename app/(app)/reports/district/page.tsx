import type { Metadata } from "next";
import { getViewer } from "@/lib/auth";
import { getDistrictSummary } from "@/lib/reports/queries";
import { FIGURE_KEYS, type FigureKey } from "@/lib/reports/figures";
import { latestCompleteYear, yearFinal } from "@/lib/reports/periods";
import { districtDay, isoDay, yearLabel } from "@/lib/calendar";
import { paramsObject, summaryParams } from "@/lib/reports/schema";
import { FigureCards } from "@/components/reports/figure-cards";
import { EquityTable } from "@/components/reports/equity-table";
import { ProgramTable } from "@/components/reports/program-table";
import { ReportPicker } from "@/components/reports/report-picker";
import { CompleterGradesTable } from "@/components/reports/completer-grades-table";
import { fmtRate } from "@/components/reports/format";
import { SchoolsTable, type SchoolSort } from "@/components/reports/schools-table";
import { query } from "@/components/reports/format";
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
  const d = await orNotFound(viewer, "/reports/district", () => getDistrictSummary(viewer, { year: p.success ? p.data.year : undefined }));
  const latest = latestCompleteYear();
  const years = Array.from({ length: 9 }, (_, i) => latest + 1 - i);
  const open = years.filter((y) => !yearFinal(y, isoDay(districtDay())));
  const here = { year: d.year };
  const periods: Record<FigureKey, string> = {
    acgr4: `Class of ${d.cohorts.acgr4}`,
    acgr5: `Class of ${d.cohorts.acgr5}`,
    dropout: yearLabel(d.year),
    completers: `Completed in ${yearLabel(d.year)}`,
    program: `Started in ${yearLabel(d.year)}`,
  };
  const drill = Object.fromEntries(FIGURE_KEYS.map((k) => [k, here])) as Record<FigureKey, typeof here>;
  return (
    <>
      <h1 className="text-2xl font-bold">District summary {yearLabel(d.year)}</h1>
      <div className="mt-3">
        <ReportPicker action="/reports/district" year={d.year} years={years} open={open} keep={{ figure, sort, dir }} />
      </div>
      <section aria-labelledby="key-heading" className="mt-6">
        <h2 id="key-heading" className="sr-only">
          District figures
        </h2>
        <FigureCards figures={d.district} periods={periods} drill={drill} />
        <p className="mt-2 text-sm text-slate-700">
          Credit-recovery completers in {yearLabel(d.year)}: {d.completers.completers ?? "hidden"}; graduated by the end of the year{" "}
          {fmtRate(d.completers.byYearEnd.rate, d.completers.byYearEnd.coded)}, graduated by now {fmtRate(d.completers.byNow.rate, d.completers.byNow.coded)}.
        </p>
        <CompleterGradesTable rows={d.completers.byGrade} period={`in ${yearLabel(d.year)}`} exportHref={query("/api/reports/export", { table: "completers", ...here })} />
      </section>
      <SchoolsTable summary={d} sort={sort} dir={dir} exportHref={query("/api/reports/export", { table: "schools", ...here })} />
      <EquityTable
        figure={figure}
        rows={d.equity[figure]}
        note={d.district[figure].note}
        period={d.district[figure]}
        pageHref={(k) => query("/reports/district", { ...here, figure: k, sort, dir })}
        drill={here}
        exportHref={query("/api/reports/export", { table: "equity", figure, ...here })}
      />
      <ProgramTable rows={d.program} exportHref={query("/api/reports/export", { table: "program", ...here })} drillHref={query("/reports/drill", { figure: "program", ...here })} />
    </>
  );
}
