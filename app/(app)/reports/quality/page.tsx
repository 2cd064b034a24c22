import type { Metadata } from "next";
import Link from "next/link";
import { getViewer } from "@/lib/auth";
import { can } from "@/lib/access";
import { getQualityView, reportSchools, type QualityView } from "@/lib/reports/queries";
import { QUALITY_BY, QUALITY_BY_LABEL, type QualityBy } from "@/lib/reports/quality";
import { DIMENSION_LABEL } from "@/lib/reports/groups";
import { FOLLOW_COLUMNS, GROUP_COLUMNS, RESULT_COLUMNS } from "@/lib/reports/quality-columns";
import { notFinalText } from "@/lib/reports/periods";
import { paramsObject, qualityParams } from "@/lib/reports/schema";
import { yearLabel } from "@/lib/calendar";
import { PROGRAM_TYPE_LABEL } from "@/lib/labels";
import { ReportPicker } from "@/components/reports/report-picker";
import { summaryYears } from "@/components/reports/key-figures";
import { QualityTable } from "@/components/reports/quality-table";
import { HIDDEN_NOTE, query } from "@/components/reports/format";
import { orNotFound } from "../guard";

export const metadata: Metadata = { title: "Program quality" };

type Search = Promise<Record<string, string | string[] | undefined>>;

function rulesText(v: QualityView): string {
  const days = v.rules.filter((r) => r.minDays != null).map((r) => `${PROGRAM_TYPE_LABEL[r.programType].toLowerCase()}: under ${r.minDays} days`);
  const active = v.rules
    .filter((r) => r.minActiveMinutesPerCredit != null)
    .map((r) => `${PROGRAM_TYPE_LABEL[r.programType].toLowerCase()}: under ${r.minActiveMinutesPerCredit} active minutes per credit`);
  if (days.length === 0 && active.length === 0 && v.courseRules === 0)
    return "No minimum days or active time is set (Settings → rigor guardrails), so no completion is flagged as too fast.";
  const parts = [...days, ...active.map((a) => `${a} (when time on task is imported)`)];
  return `Completed too fast: finished in fewer days, or with less active time, than the district's minimum${parts.length ? ` — ${parts.join("; ")}` : ""}${v.courseRules ? `; ${v.courseRules} course${v.courseRules === 1 ? " sets" : "s set"} its own` : ""}.`;
}

export default async function QualityPage({ searchParams }: { searchParams: Search }) {
  const viewer = await getViewer();
  const raw = paramsObject(await searchParams);
  const year = qualityParams.shape.year.safeParse(raw.year);
  const asked = qualityParams.shape.school.safeParse(raw.school || undefined);
  const by: QualityBy = QUALITY_BY.includes(raw.by as QualityBy) ? (raw.by as QualityBy) : "provider";
  const district = can(viewer, "students.allSchools");
  const schools = await orNotFound(viewer, "/reports/quality", () => reportSchools(viewer));
  const school = asked.success ? asked.data : district ? undefined : schools[0]?.id;
  const v = await orNotFound(viewer, "/reports/quality", () => getQualityView(viewer, { year: year.success ? year.data : undefined, school, by }));
  const here = { year: v.year, school: v.school?.id };
  const { years, open } = summaryYears();
  const notFinal = v.period.final ? undefined : notFinalText(v.period.closesOn);
  const where = v.school?.name ?? "District";
  const drill = (row: string) => ({ ...here, row });
  const missing = [
    !v.loaded.sequence && (
      <li key="seq">
        No course sequence is loaded, so &ldquo;next course&rdquo; figures are empty: load one with the district extract (
        <Link href="/imports" className="underline" aria-label="Imports, to load a course sequence">
          Imports
        </Link>
        ).
      </li>
    ),
    !v.loaded.stateTests && (
      <li key="tests">
        No state test results are loaded, so &ldquo;proficient&rdquo; figures are empty: they are an optional file of the district extract (
        <Link href="/imports" className="underline" aria-label="Imports, to load state test results">
          Imports
        </Link>
        ).
      </li>
    ),
    v.loaded.contracts === 0 && (
      <li key="cost">
        No contract costs are entered for {yearLabel(v.year)}, so cost per credit is empty: enter them on the{" "}
        <Link href="/catalog" className="underline">
          Catalog
        </Link>
        .
      </li>
    ),
  ].filter(Boolean);
  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">
          {where}: online program quality {yearLabel(v.year)}
          {notFinal && <span className="ml-2 text-base font-semibold text-amber-800"> ({notFinal})</span>}
        </h1>
        <p className="text-sm">
          <Link href={query(district && !v.school ? "/reports/district" : "/reports", here)} className="text-blue-800 underline">
            {district && !v.school ? "District summary" : "School summary"}
          </Link>
        </p>
      </div>
      <div className="mt-3">
        <ReportPicker action="/reports/quality" year={v.year} years={years} open={open} schools={schools} school={v.school?.id ?? ""} districtOption={district} keep={{ by }} />
      </div>
      <nav aria-label="Show the report by" className="mt-4 flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium text-slate-800">By:</span>
        <ul className="flex flex-wrap gap-2">
          {QUALITY_BY.map((k) => (
            <li key={k}>
              <Link
                href={query("/reports/quality", { ...here, by: k })}
                aria-current={k === by ? "page" : undefined}
                className={`inline-block rounded border px-2 py-1 ${k === by ? "border-blue-900 bg-blue-900 text-white" : "border-slate-300 bg-white text-blue-900"}`}
              >
                {QUALITY_BY_LABEL[k]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className="mt-3 max-w-3xl text-sm text-slate-700">
        Online enrollments started in {yearLabel(v.year)} (July 1 – June 30), by their status today — the summary&rsquo;s course completion figure, looked at closely.{" "}
        {rulesText(v)} Select a figure to list the enrollments behind it.
      </p>
      {missing.length > 0 && <ul className="mt-2 list-disc pl-5 text-sm text-amber-900">{missing}</ul>}
      <p className="mt-2 text-sm">
        <a href={query("/api/reports/quality", { ...here, by, format: "csv" })} className="text-blue-800 underline" download>
          Download CSV
        </a>
      </p>
      {v.noRecords ? (
        <p className="mt-6 rounded border border-slate-200 bg-white p-3 text-sm" data-testid="no-records">
          No records: no online enrollment started at {where === "District" ? "any school" : where} in {yearLabel(v.year)}, so there is nothing to report. Nothing here is hidden.
        </p>
      ) : by === "group" ? (
        <section aria-labelledby="groups-heading" className="mt-6">
          <h2 id="groups-heading" className="text-xl font-semibold">
            By student group
          </h2>
          <QualityTable
            caption="Program quality by student group"
            first="Student group"
            columns={GROUP_COLUMNS}
            rows={v.groups}
            drill={(r) => ({ ...here, group: r.key })}
            section={(r) => (r.dimension === "all" ? undefined : DIMENSION_LABEL[r.dimension])}
          />
        </section>
      ) : (
        <>
          <section aria-labelledby="results-heading" className="mt-6">
            <h2 id="results-heading" className="text-xl font-semibold">
              Results and pace by {QUALITY_BY_LABEL[by].toLowerCase()}
            </h2>
            <QualityTable
              caption={`Results and pace by ${QUALITY_BY_LABEL[by].toLowerCase()}`}
              first={QUALITY_BY_LABEL[by]}
              columns={RESULT_COLUMNS}
              rows={v.rows}
              drill={(r) => drill(r.key)}
            />
          </section>
          <section aria-labelledby="follow-heading" className="mt-8">
            <h2 id="follow-heading" className="text-xl font-semibold">
              Summatives, and what followed, by {QUALITY_BY_LABEL[by].toLowerCase()}
            </h2>
            <p className="mt-1 max-w-3xl text-sm text-slate-700">
              Next course: the district&rsquo;s course sequence after the course completed (Algebra I → Geometry), from the transcript. State test: the student&rsquo;s first result
              in the course&rsquo;s subject in the year of completion or the next. Graduated: a regular diploma on record, by now (not final while students are enrolled).
            </p>
            <QualityTable
              caption={`Summatives and what followed by ${QUALITY_BY_LABEL[by].toLowerCase()}`}
              first={QUALITY_BY_LABEL[by]}
              columns={FOLLOW_COLUMNS}
              rows={v.rows}
              drill={(r) => drill(r.key)}
            />
          </section>
        </>
      )}
      <p className="mt-4 text-xs text-slate-700">
        {!v.noRecords && (
          <>{HIDDEN_NOTE} A figure is shown only beside results shown in full: a row whose completion rate is hidden or bounded shows none of the further figures. </>
        )}
        <Link href="/reports/definitions" className="underline">
          How each figure is defined
        </Link>
      </p>
    </>
  );
}
