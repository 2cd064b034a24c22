import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getViewer } from "@/lib/auth";
import { getQualityDrill, type QualityDrillRow, type QualityShow } from "@/lib/reports/queries";
import { paramsObject, qualityDrillParams } from "@/lib/reports/schema";
import { yearLabel, formatDay } from "@/lib/calendar";
import { PROGRAM_TYPE_LABEL } from "@/lib/labels";
import { DataTable, TableFrame, type Column } from "@/components/ui/table";
import { query } from "@/components/reports/format";
import { orNotFound } from "../../guard";

export const metadata: Metadata = { title: "Enrollments behind a program quality figure" };

type Search = Promise<Record<string, string | string[] | undefined>>;

/** What each list holds, in the report's words (quality-columns.ts). */
const SHOW_TITLE: Record<QualityShow, string> = {
  ended: "Enrollments ended",
  passed: "Passed",
  tooFast: "Completed too fast",
  overridden: "Completed with an override",
  graduated: "Completions by students who have graduated",
  timed: "Completions with time on task",
  summatives: "Enrollments with summative attempts",
  retakes: "Enrollments with retakes",
  unstated: "Enrollments with attempts whose proctoring is not stated",
  inSequence: "Completions with a next course",
  tookNext: "Took the next course",
  passedNext: "Passed the next course",
  tested: "Completions with a state test",
  proficient: "Proficient on the state test",
};

const LIMIT = 1000;
const yes = (b: boolean) => (b ? "Yes" : "No");
const COLUMNS: Column<QualityDrillRow>[] = [
  {
    header: "Student",
    rowHeader: true,
    cell: (r) => (
      <Link href={`/students/${r.studentId}#enrollment-${r.enrollmentId}`} className="text-blue-900 underline">
        {r.name}
      </Link>
    ),
  },
  { header: "SIS id", cell: (r) => r.sisId },
  { header: "School", cell: (r) => r.schoolName },
  { header: "Course", cell: (r) => `${r.course} · ${r.provider} · ${PROGRAM_TYPE_LABEL[r.programType]}` },
  { header: "Status", cell: (r) => r.status.toLowerCase() },
  { header: "Started", cell: (r) => formatDay(new Date(r.startDate)) },
  { header: "Ended", cell: (r) => formatDay(r.endedOn ? new Date(r.endedOn) : null) },
  // The day the days to complete run to: the latest result of a course completed on its card.
  { header: "Work finished", cell: (r) => (r.status === "COMPLETED" ? formatDay(r.finishedOn ? new Date(r.finishedOn) : null) : "—") },
  { header: "Days to complete", numeric: true, cell: (r) => r.days ?? "—" },
  { header: "Active hours", numeric: true, cell: (r) => (r.activeHours == null ? "—" : r.activeHours.toFixed(1)) },
  { header: "Too fast", cell: (r) => (r.tooFast ? <strong className="text-red-800">Too fast</strong> : "No") },
  { header: "Override", cell: (r) => r.overrideReason ?? "—" },
  { header: "Summative attempts (proctored, not stated, retakes)", cell: (r) => `${r.attempts} (${r.proctored}, ${r.unstated}, ${r.retakes})` },
  { header: "Next course", cell: (r) => (r.next ? (r.next.passed ? "Passed" : r.next.took ? "Took, not passed" : "Not taken") : "—") },
  { header: "State test", cell: (r) => (r.proficient == null ? "—" : r.proficient ? "Proficient" : "Not proficient") },
  { header: "Graduated", cell: (r) => yes(r.graduated) },
];

export default async function QualityDrillPage({ searchParams }: { searchParams: Search }) {
  const viewer = await getViewer();
  const raw = paramsObject(await searchParams);
  const p = qualityDrillParams.safeParse(raw);
  if (!p.success) notFound();
  const d = await orNotFound(viewer, "/reports/quality/enrollments", () => getQualityDrill(viewer, p.data));
  const back = query("/reports/quality", { year: p.data.year, school: d.school?.id, by: raw.by || (p.data.group ? "group" : undefined) });
  return (
    <>
      <p className="text-sm">
        <Link href={back} className="text-blue-800 underline">
          Back to program quality
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">
        {SHOW_TITLE[d.show]}: {d.rowLabel}
      </h1>
      <p className="text-slate-700">
        {d.school?.name ?? "All schools"} · {d.groupLabel} · enrollments started in {yearLabel(d.year)}
      </p>
      <p className="mt-2 text-lg">
        <strong>{d.rows.length.toLocaleString("en-US")}</strong> enrollment{d.rows.length === 1 ? "" : "s"}
      </p>
      <p className="text-sm text-slate-700">
        Counts here are not suppressed: this list is for staff allowed to see these students. Do not copy small-group counts into public reports. Select a student to open the
        enrollment.
      </p>
      {d.hidden > 0 && (
        <p className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm">
          {d.hidden} enrollment(s) of students now enrolled at a school outside your access are counted but not listed.
        </p>
      )}
      <TableFrame className="mt-3" label="Enrollments behind the figure">
        <DataTable caption={`${SHOW_TITLE[d.show]}: ${d.rowLabel}`} columns={COLUMNS} rows={d.rows.slice(0, LIMIT)} rowKey={(r) => r.enrollmentId} empty="No enrollments." />
        {d.rows.length > LIMIT && (
          <p className="px-3 py-2 text-sm text-slate-700">
            Showing the first {LIMIT} of {d.rows.length.toLocaleString("en-US")} enrollments; pick a school, a course or a group to narrow the list.
          </p>
        )}
      </TableFrame>
    </>
  );
}
