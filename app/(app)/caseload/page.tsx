import type { Metadata } from "next";
import Link from "next/link";
import { getViewer } from "@/lib/auth";
import { districtDay, isoDay } from "@/lib/calendar";
import { caseloadCounselors, caseloadSchools, listCaseload } from "@/lib/students/caseload";
import { caseloadParamsSchema, PAGE_SIZE } from "@/lib/students/schema";
import { RISK_FLAG_RULES, RISK_LEVEL_RULE } from "@/lib/students/rules";
import { listSavedViews } from "@/lib/caseload/views";
import { bulkChoices } from "@/lib/caseload/bulk-choices";
import { caseloadHref, caseloadViewQuery } from "@/lib/caseload/url";
import { CaseloadFilters } from "@/components/caseload/filters";
import { CaseloadTable, Pagination, PhoneSort, rowView } from "@/components/caseload/caseload-table";
import { SelectionProvider } from "@/components/caseload/selection";
import { BulkBar } from "@/components/caseload/bulk-bar";
import { SavedViewTabs } from "@/components/caseload/saved-views";
import { CounselorMixTable } from "@/components/caseload/counselor-mix";
import { BusyRegion } from "@/components/caseload/busy-region";
import { OutcomeProvider, OutcomeSlot } from "@/components/ui/focus-message";
import { can } from "@/lib/access";
import { RISK_LEVEL_LABEL } from "@/lib/labels";

export const metadata: Metadata = { title: "Caseload" };

/** A bulk plan's first follow-up, as a plan started on the student page (components/student/plans-section.tsx). */
const FIRST_FOLLOW_UP_DAYS = 14;

export default async function CaseloadPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await getViewer();
  const p = caseloadParamsSchema.parse(await searchParams);
  const [data, schools, counselors, views] = await Promise.all([
    listCaseload(viewer, p, districtDay()),
    caseloadSchools(viewer),
    caseloadCounselors(viewer, p.school),
    listSavedViews(viewer),
  ]);
  const from = data.total === 0 ? 0 : (data.page - 1) * PAGE_SIZE + 1;
  const to = Math.min(data.total, data.page * PAGE_SIZE);
  const title = can(viewer, "students.allSchools") ? "Students of the district" : can(viewer, "students.byCounselor") ? "Students of my school" : "My caseload";
  const admin = can(viewer, "students.byCounselor");
  const rows = data.rows.map((r) => rowView(r, admin));
  const query = caseloadViewQuery(p);
  const choices = await bulkChoices(viewer, data.rows);
  const today = districtDay();
  return (
    <>
      <BusyRegion>
        <SavedViewTabs views={views} query={query}>
          <h1 className="mb-1 text-2xl font-bold">{title}</h1>
        </SavedViewTabs>
        <CaseloadFilters p={p} cohorts={data.cohorts} schools={schools} counselors={counselors} />
        {data.needsSchool && (
          <p role="status" className="mt-4 rounded border border-blue-200 bg-blue-50 p-3">
            Choose a school, or search by name or SIS id, to list students.
          </p>
        )}
        <div className="mt-2 flex flex-wrap items-center gap-x-5 gap-y-1 text-sm">
          <p aria-live="polite">
            Showing {from}–{to} of {data.total} students
          </p>
          <p>
            Risk:{" "}
            {(["HIGH", "MODERATE", "LOW"] as const).map((l, i) => (
              <span key={l}>
                {i > 0 && " · "}
                <Link href={caseloadHref(p, { risk: l, page: 1 })} prefetch={false} className="inline-block min-h-6 text-blue-800 underline">
                  {RISK_LEVEL_LABEL[l]} {data.riskCounts[l]}
                </Link>
              </span>
            ))}
          </p>
          {!data.needsSchool && (
            <a href={`/api/caseload/export${query ? `?${query}` : ""}`} className="no-print inline-flex min-h-6 items-center text-blue-800 underline">
              Download this view (CSV)
            </a>
          )}
          <details className="text-sm">
            <summary className="inline-flex min-h-6 cursor-pointer items-center text-blue-800 underline">How risk is computed</summary>
            <div className="mt-1 max-w-3xl rounded border border-slate-200 bg-white p-3">
              <p>Early-warning flags in the style of AIR&apos;s Early Warning Intervention and Monitoring System (EWIMS):</p>
              <ul className="mt-1 list-disc pl-5">
                {RISK_FLAG_RULES.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
              <p className="mt-2">{RISK_LEVEL_RULE}</p>
              <p className="mt-1">
                Each row shows the most important reason first: critical attendance, then online inactivity, behind pace, a failed mastery assessment, credits behind, a failed
                course, attendance, suspensions.
              </p>
              <p className="mt-1">Pace: expected progress is a straight line from the start to the target date; within ±3 points is on pace.</p>
            </div>
          </details>
        </div>
        {admin && <CounselorMixTable mix={data.counselorMix} p={p} />}
        {/* The bulk contact, plan and move report here: their forms start afresh when the rows change. */}
        <OutcomeProvider>
          <OutcomeSlot className="no-print mt-2" />
          <SelectionProvider key={rows.map((r) => r.id).join(",")} ids={rows.map((r) => r.id)}>
            <BulkBar choices={choices} today={isoDay(today)} followUp={isoDay(new Date(today.getTime() + FIRST_FOLLOW_UP_DAYS * 86_400_000))} />
            <PhoneSort p={p} />
            <CaseloadTable rows={rows} p={p} withCounselor={admin} />
          </SelectionProvider>
        </OutcomeProvider>
        <Pagination data={data} p={p} />
      </BusyRegion>
    </>
  );
}
