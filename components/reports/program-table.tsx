import type { ProgramTableRow } from "@/lib/reports/program-table";
import { programTypeText } from "@/lib/labels";
import { HIDDEN_NOTE, fmtCount, fmtRate } from "./format";
import { DataTable, TableFrame, type Column } from "@/components/ui/table";

const count = (header: string, v: (r: ProgramTableRow) => number | null): Column<ProgramTableRow> => ({ header, numeric: true, cell: (r) => fmtCount(v(r)) });
/** The columns, named as programCsv names them (lib/reports/program-names.test.ts holds them equal). */
export const PROGRAM_COLUMNS: Column<ProgramTableRow>[] = [
  { header: "Program", rowHeader: true, cell: (r) => (r.programType ? programTypeText(r.programType) : "All programs") },
  { header: "Provider", cell: (r) => r.providerName ?? "" },
  count("Students", (r) => r.students),
  count("Started", (r) => r.started),
  count("Completed", (r) => r.completed),
  count("Passed", (r) => r.passed),
  count("Failed", (r) => r.failed),
  count("Withdrawn", (r) => r.withdrawn),
  count("Active", (r) => r.active),
  count("Enrollments ended", (r) => r.ended),
  { header: "Completion rate", numeric: true, cell: (r) => fmtRate(r.completionRate, r.coded) },
  { header: "Median days to complete", numeric: true, cell: (r) => r.medianDaysToComplete ?? "—" },
  count("Credits recovered", (r) => r.creditsRecovered),
];

/** Online program results by program type and provider, with the total row last. */
export function ProgramTable({ rows, exportHref, drillHref }: { rows: ProgramTableRow[]; exportHref: string; drillHref: string }) {
  return (
    <section aria-labelledby="program-heading" className="mt-8">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="program-heading" className="text-xl font-semibold">
          Online program results
        </h2>
        <a href={exportHref} className="text-sm text-blue-800 underline" download>
          Download CSV
        </a>
      </div>
      <p className="text-sm text-slate-700">
        Enrollments started this school year, by their status today; students are counted once per row, the other columns count enrollments, and the completion rate is passed ÷
        enrollments ended.{" "}
        <a href={drillHref} className="underline">
          List the enrollments
        </a>
      </p>
      <TableFrame className="mt-3" label="Online program results by program type and provider (scrolls sideways on a narrow screen)">
        <DataTable
          caption="Online program results by program type and provider"
          columns={PROGRAM_COLUMNS}
          rows={rows}
          rowKey={(r) => `${r.programType}-${r.providerName}`}
          rowClassName={(r) => (r.programType == null ? "font-semibold" : undefined)}
          empty="No online enrollments started this year."
        />
      </TableFrame>
      <p className="mt-2 text-xs text-slate-700">{HIDDEN_NOTE} A row whose rate is hidden or bounded does not show the counts that would give it away.</p>
    </section>
  );
}
