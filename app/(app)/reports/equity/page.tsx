import type { Metadata } from "next";
import Link from "next/link";
import { getViewer } from "@/lib/auth";
import { can } from "@/lib/access";
import { getEquityView, reportSchools, type EquityFigure } from "@/lib/reports/queries";
import { ACCESS, ACCESS_KEYS, isAccessKey } from "@/lib/reports/access";
import { FIGURES, FIGURE_KEYS, type FigureKey } from "@/lib/reports/figures";
import { notFinalText } from "@/lib/reports/periods";
import { paramsObject, summaryParams } from "@/lib/reports/schema";
import { yearLabel } from "@/lib/calendar";
import { ReportPicker } from "@/components/reports/report-picker";
import { summaryYears } from "@/components/reports/key-figures";
import { BarChart } from "@/components/reports/bar-chart";
import { GroupsTable } from "@/components/reports/groups-table";
import { GapTrendTable } from "@/components/reports/gap-trend-table";
import { HIDDEN_NOTE, fmtRate, query } from "@/components/reports/format";
import { orNotFound } from "../guard";

export const metadata: Metadata = { title: "Equity of access and outcomes" };

type Search = Promise<Record<string, string | string[] | undefined>>;

const isFigure = (k: unknown): k is EquityFigure => isAccessKey(k) || FIGURE_KEYS.includes(k as FigureKey);

export default async function EquityPage({ searchParams }: { searchParams: Search }) {
  const viewer = await getViewer();
  const raw = paramsObject(await searchParams);
  // Each parameter on its own: a bad year keeps the school asked for, and the picker's "District"
  // (an empty school) keeps the year.
  const year = summaryParams.shape.year.safeParse(raw.year);
  const asked = summaryParams.shape.school.safeParse(raw.school || undefined);
  const input = { year: year.success ? year.data : undefined, school: asked.success ? asked.data : undefined };
  const figure: EquityFigure = isFigure(raw.figure) ? raw.figure : "advancedPlacement";
  const district = can(viewer, "students.allSchools");
  const schools = await orNotFound(viewer, "/reports/equity", () => reportSchools(viewer));
  const school = input.school ?? (district ? undefined : schools[0]?.id);
  const v = await orNotFound(viewer, "/reports/equity", () => getEquityView(viewer, { year: input.year, school, figure }));
  const here = { year: v.year, school: v.school?.id };
  const { years, open } = summaryYears();
  const notFinal = v.period.final ? undefined : notFinalText(v.period.closesOn);
  const where = v.school?.name ?? "District";
  const all = v.rows.find((r) => r.key === "all");
  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">
          {where}: equity of access and outcomes {yearLabel(v.year)}
        </h1>
        <p className="text-sm">
          <Link href={query(district && !v.school ? "/reports/district" : "/reports", here)} className="text-blue-800 underline">
            {district && !v.school ? "District summary" : "School summary"}
          </Link>
        </p>
      </div>
      <div className="mt-3">
        <ReportPicker action="/reports/equity" year={v.year} years={years} open={open} schools={schools} school={v.school?.id ?? ""} districtOption={district} keep={{ figure }} />
      </div>
      <nav aria-label="Figure" className="mt-4 space-y-2 text-sm">
        {(
          [
            ["Access: students enrolled at least once in", ACCESS_KEYS.map((k) => [k, ACCESS[k].short] as const)],
            ["Outcomes", FIGURE_KEYS.map((k) => [k, FIGURES[k].short] as const)],
          ] as const
        ).map(([heading, items]) => (
          <div key={heading} className="flex flex-wrap items-center gap-2">
            <span className="font-medium text-slate-800">{heading}:</span>
            <ul className="flex flex-wrap gap-2">
              {items.map(([k, text]) => (
                <li key={k}>
                  <Link
                    href={query("/reports/equity", { ...here, figure: k })}
                    aria-current={k === figure ? "page" : undefined}
                    className={`inline-block rounded border px-2 py-1 ${k === figure ? "border-blue-900 bg-blue-900 text-white" : "border-slate-300 bg-white text-blue-900"}`}
                  >
                    {text}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <section aria-labelledby="groups-heading" className="mt-6">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="groups-heading" className="text-xl font-semibold">
            {v.label} by student group
            {notFinal && <span className="ml-2 text-base font-semibold text-amber-800"> ({notFinal})</span>}
          </h2>
          <a href={query("/api/reports/export", { table: "groups", figure, ...here })} className="text-sm text-blue-800 underline" download>
            Download CSV
          </a>
        </div>
        {v.note && <p className="mt-2 text-sm font-medium text-amber-800">{v.note}</p>}
        {v.access && (
          <p className="mt-1 text-sm text-slate-700">
            Students on the October 1 roll in grades 9–12 who started at least one {ACCESS[figure as keyof typeof ACCESS].short.toLowerCase()} course in {yearLabel(v.year)}, per
            100 students of the group. Representation index: the group&rsquo;s share of those enrolled ÷ its share of students (1.00 = in proportion; below 1, under-represented).
          </p>
        )}
        {v.noRecords ? (
          <p className="mt-3 rounded border border-slate-200 bg-white p-3 text-sm" data-testid="no-records">
            No records: {v.noRecords.charAt(0).toLowerCase() + v.noRecords.slice(1)} at {where === "District" ? "any school" : where} in {yearLabel(v.year)}, so no group has a
            value. Nothing here is hidden.
          </p>
        ) : (
          <>
            <BarChart
              title={`${v.label}${v.access ? " (students per 100)" : ""} by student group`}
              bars={v.rows
                .filter((r) => r.dimension !== "raceGender" || r.value != null)
                .map((r) => ({
                  key: r.key,
                  label: r.label,
                  value: r.value,
                  // Access: the chart's title says "students per 100"; the value column has room for the number only.
                  text: v.access ? (r.coded ? `${r.coded.op} ${r.coded.bound.toFixed(1)}` : r.value == null ? "—" : r.value.toFixed(1)) : fmtRate(r.value, r.coded),
                  gap: r.key === "all" ? undefined : r.gapToAll,
                  strong: r.key === "all",
                }))}
              reference={{ value: all?.value ?? null, label: "all students" }}
              notFinal={notFinal}
            />
            <p className="mt-1 text-xs text-slate-700">
              The chart leaves out race × gender groups without a value (hidden, or a rate within one student of none or all); the table lists every group.
            </p>
            <GroupsTable
              label={v.label}
              rows={v.rows}
              access={v.access}
              enrollments={figure === "program"}
              higherIsBetter={v.higherIsBetter}
              drill={v.access ? undefined : { figure, year: v.year, school: v.school?.id, from: "equity" }}
            />
            <p className="mt-2 text-xs text-slate-700">
              {HIDDEN_NOTE} Gaps are in percentage points{v.access ? " (students per 100)" : ""}. Comparison group: for a program flag, the students without it.{" "}
              {v.access
                ? "Group with most access: the highest rate of any group, race × gender included."
                : "Highest group: the highest of the groups the summaries list (race × gender groups are not counted, so one can be above it)."}{" "}
              Red: worse than the comparison; green: better.{" "}
              <Link href="/reports/definitions" className="underline">
                How each figure is defined
              </Link>
            </p>
          </>
        )}
      </section>
      <GapTrendTable label={v.label} years={v.years} final={v.final} trend={v.trend} />
      <p className="mt-2 text-sm">
        <a href={query("/api/reports/export", { table: "gaps", figure, ...here })} className="text-blue-800 underline" download>
          Download the gap trend as CSV
        </a>
      </p>
    </>
  );
}
