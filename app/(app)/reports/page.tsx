import type { Metadata } from "next";
import Link from "next/link";
import { getViewer } from "@/lib/auth";
import { getSchoolSummary, reportSchools, TREND_YEARS } from "@/lib/reports/queries";
import { FIGURE_KEYS, type FigureKey } from "@/lib/reports/figures";
import { yearLabel } from "@/lib/calendar";
import { paramsObject, summaryParams } from "@/lib/reports/schema";
import { TrendSection } from "@/components/reports/trend-section";
import { EquityTable } from "@/components/reports/equity-table";
import { ProgramTable } from "@/components/reports/program-table";
import { ReportPicker } from "@/components/reports/report-picker";
import { KeyFigures, summaryYears } from "@/components/reports/key-figures";
import { query } from "@/components/reports/format";
import { orNotFound } from "./guard";
import { can } from "@/lib/access";

export const metadata: Metadata = { title: "School summary" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function SchoolSummaryPage({ searchParams }: { searchParams: Search }) {
  const viewer = await getViewer();
  const raw = paramsObject(await searchParams);
  const p = summaryParams.safeParse(raw);
  const input = p.success ? p.data : {};
  const figure: FigureKey = FIGURE_KEYS.includes(raw.figure as FigureKey) ? (raw.figure as FigureKey) : "acgr4";
  const schools = await orNotFound(viewer, "/reports", () => reportSchools(viewer));
  const school = input.school ?? schools[0]?.id;
  const s = await orNotFound(viewer, "/reports", () => getSchoolSummary(viewer, { year: input.year, school }));
  const here = { year: s.year, school: s.school?.id };
  const { years, open } = summaryYears();
  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">
          {s.school?.name ?? "District"}: summary {yearLabel(s.year)}
        </h1>
        <p className="text-sm">
          <Link href={query("/reports/early-warning", { school: s.school?.id })} className="text-blue-800 underline">
            Early-warning counts and caseloads
          </Link>
          {" · "}
          <Link href={query("/reports/plans", { school: s.school?.id })} className="text-blue-800 underline">
            Intervention plans
          </Link>
          {" · "}
          <Link href={query("/reports/equity", here)} className="text-blue-800 underline">
            Equity of access and outcomes
          </Link>
          {" · "}
          <Link href={query("/reports/quality", here)} className="text-blue-800 underline">
            Program quality
          </Link>
          {can(viewer, "students.allSchools") && (
            <>
              {" · "}
              <Link href={query("/reports/district", { year: s.year })} className="text-blue-800 underline">
                District summary
              </Link>
            </>
          )}
        </p>
      </div>
      <div className="mt-3">
        <ReportPicker action="/reports" year={s.year} years={years} open={open} schools={schools} school={s.school?.id} keep={{ figure }} />
      </div>
      <KeyFigures heading="Key figures" year={s.year} cohorts={s.cohorts} figures={s.figures} completers={s.completers} here={here} />
      <TrendSection points={s.trend} years={TREND_YEARS} csvHref={query("/api/reports/export", { table: "trend", ...here })} />
      <EquityTable
        figure={figure}
        rows={s.equity[figure]}
        note={s.figures[figure].note}
        period={s.figures[figure]}
        pageHref={(k) => query("/reports", { ...here, figure: k })}
        drill={here}
        exportHref={query("/api/reports/export", { table: "equity", figure, ...here })}
      />
      <ProgramTable rows={s.program} exportHref={query("/api/reports/export", { table: "program", ...here })} drillHref={query("/reports/drill", { figure: "program", ...here })} />
    </>
  );
}
