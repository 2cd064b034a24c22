import type { Metadata } from "next";
import Link from "next/link";
import { getViewer } from "@/lib/auth";
import { districtDay } from "@/lib/time";
import { caseloadSchools, listCaseload } from "@/lib/students/caseload";
import { caseloadParamsSchema, PAGE_SIZE } from "@/lib/students/schema";
import { RISK_FLAG_RULES, RISK_LEVEL_RULE } from "@/lib/students/rules";
import { CaseloadFilters } from "@/components/caseload/filters";
import { CaseloadTable, Pagination } from "@/components/caseload/caseload-table";
import { caseloadHref } from "@/components/caseload/url";

export const metadata: Metadata = { title: "Caseload" };

export default async function CaseloadPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await getViewer();
  const p = caseloadParamsSchema.parse(await searchParams);
  const [data, schools] = await Promise.all([listCaseload(viewer, p, districtDay()), caseloadSchools(viewer)]);
  const from = data.total === 0 ? 0 : (data.page - 1) * PAGE_SIZE + 1;
  const to = Math.min(data.total, data.page * PAGE_SIZE);
  const title = viewer.role === "COUNSELOR" ? "My caseload" : viewer.role === "SCHOOL_ADMIN" ? "Students of my school" : "Students of the district";
  return (
    <>
      <h1 className="text-2xl font-bold">{title}</h1>
      <CaseloadFilters p={p} cohorts={data.cohorts} schools={schools} />
      {data.needsSchool && (
        <p role="status" className="mt-4 rounded border border-blue-200 bg-blue-50 p-3">
          Choose a school, or search by name or SIS id, to list students.
        </p>
      )}
      <div className="mt-4 flex flex-wrap items-baseline gap-x-6 gap-y-2 text-sm">
        <p aria-live="polite">
          Showing {from}–{to} of {data.total} students
        </p>
        <p>
          Risk:{" "}
          {(["HIGH", "MODERATE", "LOW"] as const).map((l, i) => (
            <span key={l}>
              {i > 0 && " · "}
              <Link href={caseloadHref(p, { risk: l, page: 1 })} prefetch={false} className="text-blue-800 underline">
                {l === "HIGH" ? "High" : l === "MODERATE" ? "Moderate" : "Low"} {data.riskCounts[l]}
              </Link>
            </span>
          ))}
        </p>
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-blue-800 underline">How risk is computed</summary>
        <div className="mt-2 rounded border border-slate-200 bg-white p-3">
          <p>Early-warning flags in the style of AIR&apos;s Early Warning Intervention and Monitoring System (EWIMS):</p>
          <ul className="mt-1 list-disc pl-5">
            {RISK_FLAG_RULES.map((r) => <li key={r}>{r}</li>)}
          </ul>
          <p className="mt-2">{RISK_LEVEL_RULE}</p>
          <p className="mt-1">Pace: expected progress is a straight line from the start to the target date; within ±3 points is on pace.</p>
        </div>
      </details>
      <CaseloadTable data={data} p={p} />
      <Pagination data={data} p={p} />
    </>
  );
}
