import type { ProgramTableRow } from "@/lib/reports/program-table";
import { programTypeText } from "@/lib/labels";
import { HIDDEN_NOTE, fmtCount, fmtRate } from "./format";

/** Online program results by program type and provider, with the total row last. */
export function ProgramTable({ rows, exportHref, drillHref }: { rows: ProgramTableRow[]; exportHref: string; drillHref: string }) {
  return (
    <section aria-labelledby="program-heading" className="mt-8">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="program-heading" className="text-xl font-semibold">Online program results</h2>
        <a href={exportHref} className="text-sm text-blue-800 underline" download>Download CSV</a>
      </div>
      <p className="text-sm text-slate-700">Enrollments started this school year, by their status today; students are counted once per row, the other columns count enrollments, and the completion rate is passed ÷ enrollments ended. <a href={drillHref} className="underline">List the enrollments</a></p>
      <div className="mt-3 overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="min-w-full text-sm">
          <caption className="sr-only">Online program results by program type and provider</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              {["Program", "Provider"].map((h) => <th key={h} scope="col" className="px-3 py-2">{h}</th>)}
              {["Students", "Started", "Completed", "Passed", "Failed", "Withdrawn", "Active", "Enrollments ended", "Completion rate", "Median days", "Credits recovered"].map((h) => (
                <th key={h} scope="col" className="px-3 py-2 text-right">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr><td colSpan={13} className="px-3 py-3 text-slate-700">No online enrollments started this year.</td></tr>
            )}
            {rows.map((r) => (
              <tr key={`${r.programType}-${r.providerName}`} className={`border-t border-slate-200 ${r.programType == null ? "font-semibold" : ""}`}>
                <th scope="row" className="px-3 py-1.5 text-left font-normal">{r.programType ? programTypeText(r.programType) : "All programs"}</th>
                <td className="px-3 py-1.5">{r.providerName ?? ""}</td>
                {[r.students, r.started, r.completed, r.passed, r.failed, r.withdrawn, r.active, r.ended].map((v, i) => (
                  <td key={i} className="px-3 py-1.5 text-right tabular-nums">{fmtCount(v)}</td>
                ))}
                <td className="px-3 py-1.5 text-right tabular-nums">{fmtRate(r.completionRate, r.coded)}</td>
                <td className="px-3 py-1.5 text-right tabular-nums">{r.medianDaysToComplete ?? "—"}</td>
                <td className="px-3 py-1.5 text-right tabular-nums">{fmtCount(r.creditsRecovered)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-2 text-xs text-slate-700">{HIDDEN_NOTE} A row whose rate is hidden or bounded does not show the counts that would give it away.</p>
    </section>
  );
}
