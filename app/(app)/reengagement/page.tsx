import type { Metadata } from "next";
import Link from "next/link";
import { getViewer } from "@/lib/auth";
import { can } from "@/lib/access";
import { counselorsBySchool, listReengagement, reengagementSchools } from "@/lib/reengagement/queries";
import { reengagementSummary } from "@/lib/reengagement/summary";
import { AGE_LIMIT, EXIT_LABELS } from "@/lib/reengagement/rules";
import { REENGAGEMENT_PAGE_SIZE, reengagementParamsSchema, type ReengagementParams } from "@/lib/reengagement/schema";
import { ReengagementFilters } from "@/components/reengagement/filters";
import { ReengagementList } from "@/components/reengagement/list";
import { ReengagementSummary } from "@/components/reengagement/summary";

export const metadata: Metadata = { title: "Re-engagement" };

const href = (p: ReengagementParams, page: number) => {
  const q = new URLSearchParams();
  if (p.school) q.set("school", p.school);
  q.set("years", String(p.years));
  if (p.quiet) q.set("quiet", "1");
  q.set("page", String(page));
  return `/reengagement?${q}`;
};

export default async function ReengagementPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await getViewer();
  const p = reengagementParamsSchema.parse(await searchParams);
  const [data, schools, summary] = await Promise.all([
    listReengagement(viewer, p),
    reengagementSchools(viewer),
    can(viewer, "reengagement.summary") ? reengagementSummary(viewer, { school: p.school, years: p.years }) : null,
  ]);
  const counselors = await counselorsBySchool(
    viewer,
    data.rows.map((r) => r.school.id),
  );
  const from = data.total === 0 ? 0 : (data.page - 1) * REENGAGEMENT_PAGE_SIZE + 1;
  const to = Math.min(data.total, data.page * REENGAGEMENT_PAGE_SIZE);
  const unit = p.school
    ? (schools.find((s) => s.id === p.school)?.name ?? "this school")
    : can(viewer, "students.allSchools")
      ? "the district"
      : (schools[0]?.name ?? "your school");
  return (
    <>
      <h1 className="text-2xl font-bold">Re-engagement: students who left</h1>
      <p className="mt-1 max-w-3xl text-sm">
        Students whose latest status is {EXIT_LABELS.DROPPED_OUT.toLowerCase()} or a transfer out without documentation (as the graduation rate counts them), who left in the chosen
        school years and are under {AGE_LIMIT} today.
        {!can(viewer, "students.byCounselor") ? " Your caseload's students." : ""} Most recent exit first.
      </p>
      <ReengagementFilters p={p} schools={schools} />
      <p className="mt-3 text-sm" aria-live="polite">
        Showing {from}–{to} of {data.total} students
      </p>
      {data.total === 0 && <p className="mt-2 rounded border border-slate-200 bg-white p-3">No students match these filters.</p>}
      <ReengagementList rows={data.rows} today={data.today} counselors={counselors} showSchool={schools.length > 1} />
      {data.pageCount > 1 && (
        <nav aria-label="Pages" className="mt-3 flex gap-4 text-sm">
          {data.page > 1 && (
            <Link href={href(p, data.page - 1)} className="text-blue-800 underline">
              Previous page
            </Link>
          )}
          <span>
            Page {data.page} of {data.pageCount}
          </span>
          {data.page < data.pageCount && (
            <Link href={href(p, data.page + 1)} className="text-blue-800 underline">
              Next page
            </Link>
          )}
        </nav>
      )}
      {summary && <ReengagementSummary years={summary} unit={unit} />}
    </>
  );
}
