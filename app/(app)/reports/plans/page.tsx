import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { RowTh, Table, TableFrame, Td, Th } from "@/components/ui/table";
import { FilterSelect, byName } from "@/components/ui/filter-select";
import { getViewer } from "@/lib/auth";
import { reportSchools } from "@/lib/reports/queries";
import { paramsObject } from "@/lib/reports/schema";
import { MIN_N } from "@/lib/reports/disclosure";
import { getPlansReport, type PlansReport } from "@/lib/plans/report";
import { PLAN_TABLE_COLUMNS, planTableCells, type PlanTable } from "@/lib/plans/report-csv";
import { formatDay } from "@/lib/calendar";
import { DASH, HIDDEN_NOTE, query } from "@/components/reports/format";
import { orNotFound } from "../guard";
import { can } from "@/lib/access";

export const metadata: Metadata = { title: "Intervention plans report" };

type Search = Promise<Record<string, string | string[] | undefined>>;

const TITLES: Record<PlanTable, string> = {
  risk: "Enrolled students with and without an active plan, by current risk level",
  types: "Plans by type, with the share met",
  owners: "Overdue follow-ups per owner",
};
const NOTES: Record<PlanTable, string> = {
  risk: "Risk level: the level of each student’s latest daily risk snapshot (the caseload’s rule). Students the snapshot has not recorded yet are counted under “No snapshot yet”, without a level.",
  types:
    "Share met = plans closed as met ÷ plans closed as met or not met. Discontinued plans are not in the denominator: they ended without a verdict. Students: distinct students with a plan of the type (a student can have several).",
  owners: "Overdue: an active plan whose next follow-up date is before today, per the staff member who owns the plan.",
};

export default async function PlansReportPage({ searchParams }: { searchParams: Search }) {
  const viewer = await getViewer();
  const raw = paramsObject(await searchParams);
  const schools = await orNotFound(viewer, "/reports/plans", () => reportSchools(viewer));
  const r = await orNotFound(viewer, "/reports/plans", () => getPlansReport(viewer, { school: raw.school?.slice(0, 64) || undefined }));
  const district = can(viewer, "students.allSchools");
  return (
    <>
      <p className="text-sm">
        <Link href={query("/reports", { school: r.school?.id })} className="text-blue-800 underline">
          Back to the summary
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">{r.school?.name ?? "District"}: intervention plans</h1>
      <p className="text-sm text-slate-700">As of {formatDay(r.asOf)}. Counts of students and of plans; no student is listed.</p>
      {district && (
        <form action="/reports/plans" method="get" className="mt-3 flex flex-wrap items-end gap-3">
          <FilterSelect id="plans-school" label="School" name="school" defaultValue={r.school?.id ?? ""} placeholder="District (all schools)" options={byName(schools)} />
          <Button type="submit" size="sm">
            Show
          </Button>
        </form>
      )}
      <p className="mt-3 rounded border border-slate-200 bg-white p-2 text-sm text-slate-700">
        Privacy: a row of fewer than {MIN_N} students, or of 1 to {MIN_N - 1} plans or students in all, shows “{DASH}”; a count of none or one student’s (or all but one) reads “≤
        1” (“≥ …”), and one more count of its row is hidden so it cannot be worked out; another row may be hidden too so a hidden one cannot be worked out from the total, and a
        hidden total hides its whole table. {HIDDEN_NOTE} The same rules as every summary (Report definitions, “Suppression”).
      </p>
      {(["risk", "types", "owners"] as const).map((t) => (
        <PlanTableView key={t} table={t} report={r} />
      ))}
    </>
  );
}

function PlanTableView({ table, report }: { table: PlanTable; report: PlansReport }) {
  const rows = table === "risk" ? report.risk : table === "types" ? report.types : report.owners;
  const columns = PLAN_TABLE_COLUMNS[table];
  const id = `plans-${table}`;
  // The share column: one decimal; with no denominator (blank in the CSV) it says why there is none.
  const share = columns.findIndex((c) => c.endsWith("(%)"));
  const show = (c: string | number | null, i: number) =>
    c === null
      ? DASH
      : c === "" && i === share
        ? table === "types"
          ? "none closed yet"
          : "no students"
        : typeof c === "number"
          ? i === share
            ? c.toFixed(1)
            : c.toLocaleString("en-US")
          : c;
  return (
    <section aria-labelledby={`${id}-h`} className="mt-8">
      <h2 id={`${id}-h`} className="text-xl font-semibold">
        {TITLES[table]}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{NOTES[table]}</p>
      {table === "owners" && rows.length === 1 && rows[0].size === 0 ? (
        <p className="mt-2 text-sm">No active plan.</p>
      ) : (
        <TableFrame label={TITLES[table]} className="mt-2">
          <Table caption={TITLES[table]}>
            <thead>
              <tr>
                {columns.map((c, i) => (
                  <Th key={c} numeric={i > 0 && i < columns.length - 1}>
                    {c}
                  </Th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const cells = planTableCells(table, r);
                return (
                  <tr key={r.key} className={r.key === "total" ? "font-semibold" : undefined}>
                    {cells.map((c, i) =>
                      i === 0 ? (
                        <RowTh key={i}>{c}</RowTh>
                      ) : (
                        <Td key={i} numeric={i < cells.length - 1} className="tabular-nums">
                          {show(c, i)}
                        </Td>
                      ),
                    )}
                  </tr>
                );
              })}
            </tbody>
          </Table>
        </TableFrame>
      )}
      <p className="mt-1 text-sm">
        <a href={query("/reports/plans/csv", { table, school: report.school?.id })} className="text-blue-800 underline" download>
          Download this table as CSV
        </a>
      </p>
    </section>
  );
}
